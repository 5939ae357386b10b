"""Similar bottlenecks: what a case manager is shown while writing a new one."""

from mdma.bottlenecks import merging
from mdma.bottlenecks.similar import similar
from tests.factories import create_bottleneck


def titles(found) -> list[str]:
    return [suggestion.bottleneck.title for suggestion in found]


def reported(writer):
    """A few submitted bottlenecks on neighbouring topics."""
    return {
        "borg": create_bottleneck(
            writer,
            "Huurwaarborg niet te betalen voor gezinnen met leefloon",
            "Gezinnen vinden een woning maar kunnen de huurwaarborg niet betalen.",
        ),
        "huur": create_bottleneck(
            writer,
            "Huurachterstand leidt tot uithuiszetting",
            "Na enkele maanden onbetaalde huur volgt een vonnis van de vrederechter.",
        ),
        "energie": create_bottleneck(
            writer,
            "Energiefactuur onbetaalbaar na eindafrekening",
            "De jaarlijkse afrekening van gas en elektriciteit is te hoog.",
        ),
        "opvang": create_bottleneck(
            writer,
            "Wachtlijst kinderopvang belemmert werk zoeken",
            "Ouders vinden geen plaats in de kinderopvang en kunnen niet solliciteren.",
        ),
    }


def test_a_duplicate_in_other_words_is_suggested_first(session, create_user):
    writer = create_user()
    reported(writer)
    found = similar(
        "Borg voor appartement onbetaalbaar",
        "Mama met bijstand van het sociaal huis kan de borgsom niet ophoesten.",
    )
    assert titles(found)[0] == "Huurwaarborg niet te betalen voor gezinnen met leefloon"
    assert 0 < found[0].score <= 1


def test_synonyms_of_the_field_find_each_other(session, create_user):
    writer = create_user()
    reported(writer)
    assert titles(similar("Hoge energierekening"))[0] == (
        "Energiefactuur onbetaalbaar na eindafrekening"
    )
    assert titles(similar("Geen plaats in de crèche"))[0] == (
        "Wachtlijst kinderopvang belemmert werk zoeken"
    )


def test_drafts_merged_bottlenecks_and_the_excluded_one_are_not_suggested(session, create_user):
    writer, coordinator = create_user(), create_user("coordinator")
    found = reported(writer)
    draft = create_bottleneck(
        writer, "Huurwaarborg te hoog", "Borg van drie maanden huur.", draft=True
    )
    duplicate = create_bottleneck(
        writer, "Waarborg voor huurwoning te duur", "Borg niet betaalbaar."
    )
    merging.merge(coordinator, found["borg"], duplicate)
    suggested = similar("Huurwaarborg te hoog", "Borg niet betaalbaar.", limit=10)
    assert draft.title not in titles(suggested)
    assert duplicate.title not in titles(suggested)
    assert found["borg"].title in titles(suggested)
    excluded = similar("Huurwaarborg te hoog", "Borg.", limit=10, exclude_id=found["borg"].id)
    assert found["borg"].title not in titles(excluded)


def test_stop_words_alone_suggest_nothing(session, create_user):
    reported(create_user())
    assert similar("de het een van", "and the of le la") == []


def test_an_unrelated_text_gets_no_confident_suggestion_and_weaker_than_a_duplicate(
    session, create_user
):
    # The embeddings find any two texts about a cost somewhat alike: an unrelated text may be
    # shown neighbours, but never as the same problem, and weaker than a real duplicate.
    reported(create_user())
    unrelated = similar("Zwembad", "Zwemles te duur")
    duplicate = similar("Borg voor appartement onbetaalbaar", "De borgsom is te hoog.")
    assert not any(suggestion.confident for suggestion in unrelated)
    assert all(suggestion.score < duplicate[0].score for suggestion in unrelated)


def test_hostile_input_is_no_error(session, create_user):
    reported(create_user())
    for text in ('"borg" OR (', "*", "-", "a" * 500, "borg " * 300):
        assert isinstance(similar(text, text), list)


def test_a_clear_duplicate_is_probably_the_same_and_says_why(session, create_user):
    reported(create_user())
    found = similar(
        "Huurwaarborg onbetaalbaar voor gezin met leefloon",
        "Het gezin vindt een woning maar kan de huurwaarborg niet betalen.",
    )
    assert found[0].confident
    assert "huurwaarborg" in found[0].shared
    assert not any(suggestion.confident for suggestion in found[1:])


def test_another_kind_of_problem_on_the_topic_is_suggested_but_not_as_the_same(
    session, create_user
):
    reported(create_user())
    found = similar(
        "Kinderopvang te duur voor ouders", "De opvang kost te veel voor ouders die werk zoeken."
    )
    assert titles(found)[0] == "Wachtlijst kinderopvang belemmert werk zoeken"
    assert not found[0].confident


def test_the_same_problem_in_another_language_is_suggested_first(session, create_user):
    reported(create_user())
    found = similar(
        "Caution locative impayable",
        "Une mère qui vit du revenu d'intégration ne peut pas payer la garantie locative.",
    )
    assert titles(found)[0] == "Huurwaarborg niet te betalen voor gezinnen met leefloon"


def test_a_concrete_case_finds_the_general_statement(session, create_user):
    reported(create_user())
    found = similar(
        "Papa kan niet gaan solliciteren",
        "Hij heeft niemand om op zijn dochter van twee te passen, nergens is er plek.",
    )
    assert titles(found)[0] == "Wachtlijst kinderopvang belemmert werk zoeken"


def test_the_language_of_a_text_is_told_by_its_function_words():
    from mdma.bottlenecks import text

    assert text.foreign("Une mère qui vit du revenu d'intégration ne peut pas payer la caution.")
    assert text.foreign("The family cannot pay the deposit and the landlord will not wait.")
    assert not text.foreign("De familie kan de huurwaarborg niet betalen en de verhuurder wacht.")
    assert not text.foreign("Huurwaarborg onbetaalbaar")  # a few words: taken for Dutch
    assert not text.foreign("Caution locative impayable")


def test_a_text_in_french_is_weighed_on_its_meaning_and_the_things_it_names(session, create_user):
    # Stems and n-grams are Dutch: French words shared with a French bottleneck are no evidence
    # of the same problem. The field's things it names (a rent deposit, the living wage) are,
    # in any language: a little of their cosine is added to the meaning.
    from mdma.bottlenecks import embeddings, vectors
    from mdma.bottlenecks.similar import CONCEPT_SHARE, _meaning

    writer = create_user()
    reported(writer)
    create_bottleneck(
        writer,
        "Factures d'énergie trop élevées pour les familles",
        "Les familles qui vivent du revenu d'intégration ne peuvent pas payer la facture.",
    )
    title = "Caution locative impayable"
    description = "Une mère qui vit du revenu d'intégration ne peut pas payer la garantie locative."
    found = similar(title, description)
    cosines = vectors.matrix.cosines(embeddings.query(title, description), [s.id for s in found])
    added = {s.title: s.score - round(_meaning(cosines[s.id]), 3) for s in found}
    # Then told apart from the others by the same things (discern): the deposit most of all.
    assert added["Wachtlijst kinderopvang belemmert werk zoeken"] == 0.0
    assert all(extra >= 0.0 for extra in added.values())
    deposit = added["Huurwaarborg niet te betalen voor gezinnen met leefloon"]
    assert deposit > CONCEPT_SHARE / 2 and deposit == max(added.values())


def test_a_bottleneck_in_french_is_weighed_on_meaning_for_a_dutch_text(session, create_user):
    # On meaning alone, and among close candidates told apart by the field's things it names
    # (its rent deposit), never by its words.
    from mdma.bottlenecks import discern, embeddings, vectors
    from mdma.bottlenecks.similar import _meaning

    writer = create_user()
    reported(writer)
    french = create_bottleneck(
        writer,
        "Garantie locative impayable pour les familles",
        "Les familles qui vivent du revenu d'intégration ne peuvent pas payer la garantie.",
    )
    title, description = "Borg voor appartement onbetaalbaar", "De huurwaarborg is te hoog."
    found = {s.id: s.score for s in similar(title, description, limit=10)}
    cosines = vectors.matrix.cosines(embeddings.query(title, description), list(found))
    extra = found[french.id] - round(_meaning(cosines[french.id]), 3)
    assert 0.0 < extra <= discern.DISTINCT_SHARE
    dutch = [i for i in found if i != french.id]
    assert any(found[i] != round(_meaning(cosines[i]), 3) for i in dutch)
