"""Full-text search: what a case manager finds when searching the list of bottlenecks."""

import pytest

from mdma.bottlenecks import merging, queries, search, services
from tests.factories import create_bottleneck


def found(actor, q: str) -> list[str]:
    """The titles a search lists, best match first."""
    page = queries.list_page(actor, queries.ListFilter(q=q), page=1, per_page=100)
    return [b.title for b in page.items]


@pytest.fixture
def writer(create_user):
    return create_user()


def test_a_word_in_the_title_is_found(session, writer):
    create_bottleneck(writer, "Huurwaarborg niet betaalbaar")
    create_bottleneck(writer, "Wachtlijst kinderopvang")
    assert found(writer, "huurwaarborg") == ["Huurwaarborg niet betaalbaar"]


def test_a_word_in_the_description_is_found(session, writer):
    create_bottleneck(writer, "Te hoge kosten", "De energiefactuur loopt op na de winter.")
    assert found(writer, "energiefactuur") == ["Te hoge kosten"]


def test_a_word_in_a_post_is_found(session, writer):
    bottleneck = create_bottleneck(writer, "Schoolkosten")
    services.add_post(writer, bottleneck, "Het OCMW verwijst door naar de schoolraad.")
    assert found(writer, "schoolraad") == ["Schoolkosten"]


def test_a_post_added_later_and_then_edited_is_found(session, writer):
    bottleneck = create_bottleneck(writer, "Schoolkosten")
    assert found(writer, "studietoelage") == []
    post = services.add_post(writer, bottleneck, "Aanvraag studietoelage loopt vertraging op.")
    assert found(writer, "studietoelage") == ["Schoolkosten"]
    post.body = "Aanvraag schooltoeslag loopt vertraging op."
    session.flush()
    assert found(writer, "studietoelage") == []
    assert found(writer, "schooltoeslag") == ["Schoolkosten"]


def test_an_edited_title_is_found_by_its_new_words(session, writer):
    bottleneck = create_bottleneck(writer, "Wachtlijst", draft=True)
    services.save_draft(
        writer, services.Report(title="Wachtlijst tandarts", description=""), bottleneck
    )
    services.submit(writer, bottleneck)
    assert found(writer, "tandarts") == ["Wachtlijst tandarts"]


def test_diacritics_do_not_matter(session, writer):
    create_bottleneck(writer, "Kosten in België", "Een gezin met een oud café-abonnement.")
    assert found(writer, "belgie") == ["Kosten in België"]
    assert found(writer, "cafe") == ["Kosten in België"]
    create_bottleneck(writer, "Doorverwijzing naar Brussel", "Geen opvang in de regio.")
    assert found(writer, "regió") == ["Doorverwijzing naar Brussel"]


def test_a_word_finds_its_plural_and_longer_forms(session, writer):
    create_bottleneck(writer, "Grote gezinnen vinden geen woning")
    create_bottleneck(writer, "Huren boven budget")
    assert found(writer, "gezin") == ["Grote gezinnen vinden geen woning"]
    assert found(writer, "woningen") == ["Grote gezinnen vinden geen woning"]
    assert found(writer, "huur") == ["Huren boven budget"]


def test_every_word_must_match(session, writer):
    create_bottleneck(writer, "Huurwaarborg niet betaalbaar")
    create_bottleneck(writer, "Huurachterstand na ontslag")
    assert found(writer, "huur ontslag") == ["Huurachterstand na ontslag"]


def test_a_merged_duplicates_posts_are_found_under_the_kept_bottleneck(
    session, writer, create_user
):
    coordinator = create_user("coordinator")
    keep = create_bottleneck(writer, "Huurwaarborg niet betaalbaar")
    duplicate = create_bottleneck(writer, "Borg voor huurwoning te hoog")
    services.add_post(writer, duplicate, "Het Vlaams Woningfonds biedt een renteloze lening.")
    merging.merge(coordinator, keep, duplicate)
    assert found(writer, "woningfonds") == ["Huurwaarborg niet betaalbaar"]


def test_drafts_are_never_found(session, writer, create_user):
    create_bottleneck(writer, "Huurwaarborg niet betaalbaar", draft=True)
    assert found(writer, "huurwaarborg") == []
    assert found(create_user(), "huurwaarborg") == []


@pytest.mark.parametrize(
    "hostile",
    [
        '"foo" OR (',
        "*",
        "-",
        "()",
        "NEAR(",
        "huur*",
        "-huur",
        "huur OR",
        "'; DROP TABLE",
        "a" * 500,
        "huur " * 200,
        "^:&|!",
        "title:huur",
        "\x00huur",
    ],
)
def test_hostile_input_gives_results_or_none_but_never_an_error(session, writer, hostile):
    create_bottleneck(writer, "Huurwaarborg niet betaalbaar")
    titles = found(writer, hostile)
    assert titles in ([], ["Huurwaarborg niet betaalbaar"])
    assert isinstance(search.snippets([1], hostile), dict)


def test_a_title_match_ranks_above_a_match_in_a_post(session, writer):
    in_post = create_bottleneck(writer, "Schoolkosten te hoog")
    services.add_post(writer, in_post, "Ook de kinderopvang rekent bij.")
    create_bottleneck(writer, "Kinderopvang te duur")
    assert found(writer, "kinderopvang") == ["Kinderopvang te duur", "Schoolkosten te hoog"]


def test_snippets_mark_the_words_and_escape_the_rest(session, writer):
    bottleneck = create_bottleneck(
        writer, "Energie", "Factuur <script>alert(1)</script> van de energieleverancier."
    )
    excerpt = search.snippets([bottleneck.id], "energieleverancier")[bottleneck.id]
    assert "<script>" not in excerpt
    assert "&lt;script&gt;" in excerpt
    assert "<mark>energieleverancier</mark>" in excerpt


def test_snippets_show_text_not_the_markdown_it_was_written_in(session, writer):
    bottleneck = create_bottleneck(
        writer,
        "Schoolfactuur",
        "De **schoolfactuur** komt _te laat_:\n\n- eerst\n- [daarna](https://x.example)",
    )
    excerpt = search.snippets([bottleneck.id], "schoolfactuur")[bottleneck.id]
    assert excerpt == "De <mark>schoolfactuur</mark> komt te laat: eerst daarna"


def test_snippets_come_from_the_post_that_matches(session, writer):
    bottleneck = create_bottleneck(writer, "Schoolkosten", "Facturen stapelen zich op.")
    services.add_post(writer, bottleneck, "De school biedt een afbetalingsplan aan.")
    excerpt = search.snippets([bottleneck.id], "afbetalingsplannen afbetalingsplan")
    assert "<mark>afbetalingsplan</mark>" in excerpt[bottleneck.id]


def test_reindex_all_rebuilds_the_index_from_the_tables(session, writer):
    create_bottleneck(writer, "Huurwaarborg niet betaalbaar")
    search.reindex_all()
    assert found(writer, "huurwaarborg") == ["Huurwaarborg niet betaalbaar"]


def test_snippets_cut_a_long_text_around_the_first_match_and_mark_every_form(session, writer):
    opening = "Een lange aanloop zonder het gezochte woord. " * 10
    bottleneck = create_bottleneck(
        writer, "Wonen", opening + "Twee gezinnen en een gezin wachten op een woning."
    )
    excerpt = search.snippets([bottleneck.id], "gezin")[bottleneck.id]
    assert excerpt.startswith("…") and "aanloop" in excerpt
    assert "<mark>gezinnen</mark> en een <mark>gezin</mark> wachten" in excerpt
    assert len(excerpt) < 300


def test_snippets_show_the_beginning_of_the_description_when_no_word_is_found(session, writer):
    bottleneck = create_bottleneck(writer, "Budgetmeter", "Wie een meter heeft, betaalt vooraf.")
    excerpt = search.snippets([bottleneck.id], "ruimtevaart")
    assert excerpt[bottleneck.id] == "Wie een meter heeft, betaalt vooraf."


def test_past_the_ranked_window_older_matches_follow_the_most_recent_first(
    session, writer, monkeypatch
):
    monkeypatch.setattr(queries, "RANKED_MATCHES", 2)
    create_bottleneck(writer, "Huurwaarborg oud een", "Huurwaarborg, huurwaarborg, huurwaarborg.")
    create_bottleneck(writer, "Huurwaarborg oud twee", "Huurwaarborg en nog eens huurwaarborg.")
    create_bottleneck(writer, "Wonen nieuw een", "Een keer huurwaarborg.")
    create_bottleneck(writer, "Huurwaarborg nieuw twee", "Over de huurwaarborg.")
    create_bottleneck(writer, "Zonder het woord", "Niets over waarborgen.")
    expected = [
        "Huurwaarborg nieuw twee",  # the two most recent matches, the title match first
        "Wonen nieuw een",
        "Huurwaarborg oud twee",  # then the older ones, most recent first
        "Huurwaarborg oud een",
    ]
    assert found(writer, "huurwaarborg") == expected
    pages = [
        [
            b.title
            for b in queries.list_page(
                writer, queries.ListFilter(q="huurwaarborg"), page=n, per_page=3
            ).items
        ]
        for n in (1, 2)
    ]
    assert pages == [expected[:3], expected[3:]]


def test_a_filter_applies_to_ranked_and_older_matches_alike(session, writer, monkeypatch):
    monkeypatch.setattr(queries, "RANKED_MATCHES", 1)
    old = create_bottleneck(writer, "Energie oud", "Energiefactuur.")
    create_bottleneck(writer, "Energie nieuw", "Energiefactuur.")
    services.save_draft(writer, services.Report(title="Energie ontwerp", description="Energie."))
    assert found(writer, "energie") == ["Energie nieuw", "Energie oud"]
    page = queries.list_page(
        writer, queries.ListFilter(q="energie", status="submitted"), page=1, per_page=10
    )
    assert (page.total, len(page.items)) == (2, 2)
    assert old in page.items


@pytest.mark.parametrize("frequent", [0, 10**9], ids=["walked", "from-the-index"])
def test_frequent_and_rare_words_are_found_the_same_way(session, writer, monkeypatch, frequent):
    """PostgreSQL reads the matches of a frequent word by walking, of a rare one from the
    index (search.FREQUENT): the lists must not differ."""
    monkeypatch.setattr(search, "FREQUENT", frequent)
    monkeypatch.setattr(queries, "RANKED_MATCHES", 2)
    for title in ("Leefloon oud", "Leefloon ouder", "Wonen en leefloon", "Leefloon nieuw"):
        create_bottleneck(writer, title, "Het leefloon volstaat niet.")
    create_bottleneck(writer, "Iets anders", "Geen verband.")
    assert found(writer, "leefloon") == [
        "Leefloon nieuw",
        "Wonen en leefloon",
        "Leefloon ouder",
        "Leefloon oud",
    ]
    newest = queries.list_page(
        writer, queries.ListFilter(q="leefloon", sort=queries.Sort.NEWEST), page=2, per_page=3
    )
    assert ([b.title for b in newest.items], newest.total) == (["Leefloon oud"], 4)


def test_a_search_counts_its_matches_up_to_its_own_limit(session, writer, monkeypatch):
    monkeypatch.setattr(queries, "SEARCH_COUNT_LIMIT", 2)
    for number in range(4):
        create_bottleneck(writer, f"Budgetmeter {number}")
    searched = queries.list_page(writer, queries.ListFilter(q="budgetmeter"), page=1, per_page=2)
    assert (searched.total, searched.total_is_exact, searched.has_next) == (3, False, True)
    listed = queries.list_page(writer, queries.ListFilter(), page=1, per_page=2)
    assert (listed.total, listed.total_is_exact) == (4, True)
