"""The list of bottlenecks as JSON: filters, sorting, pages, and a fixed number of queries."""

import json
from datetime import date

import pytest

from mdma.bottlenecks import routing, services
from mdma.bottlenecks.states import Status
from tests import factories
from tests.factories import create_bottleneck, route_bottleneck

URL = "/api/v1/bottlenecks"


def titles(response) -> list[str]:
    return [item["title"] for item in response.json]


def test_list_is_filtered_by_status(call, writer, coordinator):
    declined = create_bottleneck(writer, "Afgewezen knelpunt")
    create_bottleneck(writer, "Ingediend knelpunt")
    routing.transition(coordinator, declined, Status.DECLINED, "Valt buiten het netwerk.")
    response = call("GET", URL, writer, query_string={"status": "declined"})
    assert titles(response) == ["Afgewezen knelpunt"]
    assert response.json[0]["status_label"] == "Declined"


def test_a_writer_lists_their_own_drafts_and_nobody_elses(call, writer, create_user):
    create_bottleneck(writer, "Mijn concept", draft=True)
    create_bottleneck(create_user(), "Concept van een collega", draft=True)
    create_bottleneck(writer, "Ingediend knelpunt")
    response = call("GET", URL, writer, query_string={"status": "draft"})
    assert titles(response) == ["Mijn concept"]
    assert titles(call("GET", URL, writer)) == ["Ingediend knelpunt"]


def test_awaiting_lists_the_routed_without_a_first_answer(call, writer, owner):
    answered = create_bottleneck(writer, "Beantwoord")
    route_bottleneck(answered, "housing")
    services.add_post(owner, answered, "Ons antwoord.", as_answer=True)
    route_bottleneck(create_bottleneck(writer, "Wacht op antwoord"), "housing")
    create_bottleneck(writer, "Nog niet doorgestuurd")
    response = call("GET", URL, writer, query_string={"awaiting": "true"})
    assert titles(response) == ["Wacht op antwoord"]


def test_list_is_filtered_by_sector(call, writer, sector):
    create_bottleneck(writer, "Over huisvesting", sector="housing")
    create_bottleneck(writer, "Over gezondheid", sector="health")
    response = call("GET", URL, writer, query_string={"sector": sector("health").id})
    assert titles(response) == ["Over gezondheid"]
    assert response.json[0]["sectors"][0]["name"] == "Health"


def test_mine_lists_what_i_reported_or_added_an_occurrence_to(call, writer, create_user):
    colleague = create_user()
    create_bottleneck(writer, "Mijn knelpunt")
    joined = create_bottleneck(colleague, "Ook bij mij gezien")
    create_bottleneck(colleague, "Niet het mijne")
    services.add_occurrence(writer, joined, occurred_on=date.today())
    response = call("GET", URL, writer, query_string={"mine": "true", "sort": "newest"})
    assert titles(response) == ["Ook bij mij gezien", "Mijn knelpunt"]


def test_routed_lists_what_was_routed_to_my_sector(call, writer, owner):
    route_bottleneck(create_bottleneck(writer, "Naar huisvesting"), "housing")
    route_bottleneck(create_bottleneck(writer, "Naar gezondheid"), "health")
    assert titles(call("GET", URL, owner, query_string={"routed": "true"})) == ["Naar huisvesting"]


def test_routed_waits_for_the_coordinator_not_the_writers_suggestion(call, writer, owner):
    create_bottleneck(writer, "Voorgesteld voor huisvesting", sector="housing")
    route_bottleneck(create_bottleneck(writer, "Naar huisvesting gerouteerd"), "housing")
    response = call("GET", URL, owner, query_string={"routed": "true"})
    assert titles(response) == ["Naar huisvesting gerouteerd"]


def test_overdue_lists_routed_bottlenecks_whose_answer_is_late(call, writer):
    late = route_bottleneck(create_bottleneck(writer, "Te laat beantwoord"), today=date(2024, 3, 4))
    route_bottleneck(create_bottleneck(writer, "Nog op tijd"))
    response = call("GET", URL, writer, query_string={"overdue": "true"})
    assert titles(response) == ["Te laat beantwoord"]
    assert response.json[0]["overdue"] is True
    assert response.json[0]["answer_due_on"] == late.answer_due_on.isoformat()


def test_list_comes_a_page_at_a_time(call, writer):
    for number in range(1, 6):
        create_bottleneck(writer, f"Knelpunt {number}")
    response = call("GET", URL, writer, query_string={"page": 2, "page_size": 2})
    assert titles(response) == ["Knelpunt 3", "Knelpunt 2"]
    pagination = json.loads(response.headers["X-Pagination"])
    assert (pagination["total"], pagination["total_pages"], pagination["page"]) == (5, 3, 2)


@pytest.mark.parametrize(
    "field, value", [("status", "lost"), ("sort", "random"), ("overdue", "maybe"), ("sector", "x")]
)
def test_an_invalid_filter_is_refused_at_its_field(call, writer, field, value):
    response = call("GET", URL, writer, query_string={field: value})
    assert response.status_code == 422
    assert list(response.json["error"]["fields"]) == [field]


def test_list_queries_do_not_grow_with_the_page_size(call, session, create_user, count_queries):
    reader = create_user()
    for number in range(20):
        writer = create_user()
        bottleneck = create_bottleneck(
            writer, f"Knelpunt {number}", organisations=[factories.create_organisation()]
        )
        route_bottleneck(bottleneck, "housing" if number % 2 else "health")
    session.commit()  # the writes are flushed before counting, and each request starts cold
    counts = []
    for size in (3, 20):
        with count_queries() as counted:
            assert len(call("GET", URL, reader, query_string={"page_size": size}).json) == size
        counts.append(counted.statements)
    assert len(counts[0]) == len(counts[1]), "\n".join(s[:150] for s in counts[1])


def test_search_finds_words_of_the_title_and_description(call, writer):
    create_bottleneck(
        writer, "Huurwaarborg te duur", description="De private huurmarkt vraagt drie maanden."
    )
    create_bottleneck(writer, "Kinderopvang te duur")
    response = call("GET", URL, writer, query_string={"q": "HUURMARKT"})
    assert titles(response) == ["Huurwaarborg te duur"]


def _add_occurrences(bottleneck, create_user, n):
    for _ in range(n):
        services.add_occurrence(create_user(), bottleneck, occurred_on=date(2026, 1, 5))


def _add_posts(bottleneck, create_user, n):
    for number in range(n):
        services.add_post(create_user(), bottleneck, f"Bijdrage {number} zonder namen.")


@pytest.mark.parametrize("part, fill", [("occurrences", _add_occurrences), ("posts", _add_posts)])
def test_lists_of_one_bottleneck_run_as_many_queries_at_any_page_size(
    call, session, writer, create_user, count_queries, part, fill
):
    bottleneck = create_bottleneck(writer)
    fill(bottleneck, create_user, 20)
    session.commit()
    counts = []
    for size in (3, 20):
        path = f"{URL}/{bottleneck.id}/{part}"
        with count_queries() as counted:
            assert len(call("GET", path, writer, query_string={"page_size": size}).json) == size
        counts.append(counted.statements)
    assert len(counts[0]) == len(counts[1]), "\n".join(s[:150] for s in counts[1])
