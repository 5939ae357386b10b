"""Similar bottlenecks: telling apart close candidates of one topic, and the field's words."""

import math

from mdma.bottlenecks import discern, text
from mdma.bottlenecks.similar import features
from mdma.bottlenecks.thesaurus import concept

FAMILY = [
    "Wachtlijst kinderopvang te lang voor ouders die werk zoeken",
    "Kinderopvang te duur voor ouders met een laag inkomen",
    "Kinderopvang gesloten tijdens de avonduren voor ouders in ploegen",
]


def unit(found):
    norm = math.sqrt(sum(tf * tf for tf in found.values()))
    return {feature: tf / norm for feature, tf in found.items()}


def ranked(query_title: str) -> list[int]:
    # Scored alike on meaning, in the family's order: only the words tell them apart.
    scored = [(0.5 - i / 100, i, 0.5 - i / 100, features(t)) for i, t in enumerate(FAMILY)]
    return [
        row_id
        for _score, row_id, *_rest in discern.rerank(
            unit(features(query_title)), scored, unit, set()
        )
    ]


def test_a_word_only_one_close_candidate_shares_picks_it_out_of_its_family():
    assert ranked("Ouders in ploegen vinden geen kinderopvang tijdens de avonduren")[0] == 2


def test_words_the_whole_family_shares_leave_the_order_as_it_was():
    assert ranked("Ouders zoeken kinderopvang") == [0, 1, 2]


def test_the_words_of_a_candidate_compared_on_meaning_alone_count_only_by_their_groups():
    # Ploegen and avonduren name no group of the field: only stems, which say nothing here.
    query = unit(features("Ouders in ploegen vinden geen kinderopvang tijdens de avonduren"))
    scored = [(0.5 - i / 100, i, 0.5 - i / 100, features(t)) for i, t in enumerate(FAMILY)]
    assert discern.rerank(query, scored, unit, {2}) == scored


def test_a_candidate_in_another_language_sharing_a_rare_group_goes_up():
    family = [
        "Kinderopvang te duur voor ouders met een laag inkomen",
        "Wachtlijst kinderopvang voor ouders die werk zoeken",
        "Crèche refuse les enfants dont la mère touche le revenu d'intégration",
    ]
    scored = [(0.5 - i / 100, i, 0.5 - i / 100, features(t)) for i, t in enumerate(family)]
    query = unit(features("Kinderopvang weigert kinderen van ouders met leefloon"))
    assert discern.rerank(query, scored, unit, {2})[0][1] == 2
    assert discern.rerank(query, scored, unit, set())[0][1] == 2
    # Its kind of problem (refuse, weigert) alone would not: only the things it names.
    kinds_only = unit(features("Opvang weigert kinderen"))
    assert discern.rerank(kinds_only, scored, unit, {2})[0][1] != 2


def test_a_lone_candidate_is_not_rescored():
    scored = [(0.5, 7, 0.5, features(FAMILY[0]))]
    assert discern.rerank(unit(features(FAMILY[0])), scored, unit, set()) == scored


def test_everyday_and_older_names_of_services_and_benefits_are_synonyms():
    def group(word):
        return concept(text.key(word))

    assert group("dop") == group("werkloosheidsuitkering")
    assert group("kribbe") == group("kinderdagverblijf")
    assert group("wigw") == group("voorkeurtarief")
    assert group("eandis") == group("fluvius")
    assert group("beschutte") is None  # a phrase's word alone names nothing


def test_french_and_english_names_of_the_fields_things_are_in_their_groups():
    def group(text_):
        from mdma.bottlenecks.thesaurus import concepts

        return concepts([text.key(w) for w in text.significant(text_)])

    assert group("garantie locative") == group("rent deposit") == group("huurwaarborg")
    assert group("mutuelle") == group("ziekenfonds")
    assert group("pension alimentaire") == group("alimentatie")
    assert group("expulsion") == group("uithuiszetting")
    assert group("liste d'attente") == group("waiting list") == group("wachtlijst")
