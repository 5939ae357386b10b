"""The home page shows each role its work, counted in the database, in a fixed number of
queries whatever the number of rows."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup

from mdma.bottlenecks import services
from mdma.bottlenecks.signals.services import signal_of
from mdma.core.logbook import record
from mdma.core.time import utcnow
from tests import factories

LONG_AGO = date(2026, 1, 5)


def _block(response, key):
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return page.find(id=f"block-{key}")


def _count(block) -> int:
    return int(block.find("h2").find(class_="count").get_text())


def _visited_before(user, days=2):
    """A log-in some days ago and one now: "since your last visit" starts at the first."""
    record(user, "user:logged_in").at = utcnow() - timedelta(days=days)
    record(user, "user:logged_in")


def test_case_manager_sees_their_bottlenecks_with_what_is_awaited(client, session, login_as):
    writer = factories.create_user("case_manager", language="en")
    bottleneck = factories.create_bottleneck(writer, title="Groeipakket blijft liggen")
    factories.route_bottleneck(bottleneck, "housing")
    factories.create_bottleneck(writer, title="Kladversie", draft=True)
    login_as(writer)
    response = client.get("/")
    mine = _block(response, "my-bottlenecks")
    assert _count(mine) == 1
    assert "Groeipakket blijft liggen" in mine.get_text()
    assert "Housing: a first answer" in mine.get_text()
    assert (
        mine.find("a", string="All my bottlenecks and what is awaited")["href"]
        == "/bottlenecks/my-signals"
    )
    drafts = _block(response, "my-drafts")
    assert _count(drafts) == 1 and "Kladversie" in drafts.get_text()


def test_case_manager_sees_what_others_changed_since_their_last_visit(client, session, login_as):
    writer = factories.create_user("case_manager", language="en")
    bottleneck = factories.create_bottleneck(writer, title="Wachtlijst kinderopvang")
    quiet = factories.create_bottleneck(writer, title="Niets nieuws")
    _visited_before(writer)
    factories.route_bottleneck(bottleneck, "housing")
    services.add_post(factories.create_user("coordinator"), bottleneck, "We bekijken dit.")
    services.add_post(writer, quiet, "Mijn eigen aanvulling telt niet als nieuws.")
    login_as(writer)
    changed = _block(client.get("/"), "changed")
    assert _count(changed) == 1
    assert "Wachtlijst kinderopvang" in changed.get_text()
    assert "1 new step, 1 new post" in changed.get_text()


def test_policy_owner_sees_what_awaits_their_first_answer_overdue_first(client, session, login_as):
    owner = factories.create_user(
        "policy_owner", sectors=[factories.sector("housing")], language="en"
    )
    late = factories.create_bottleneck(title="Te laat beantwoord")
    factories.route_bottleneck(late, "housing", today=LONG_AGO)
    recent = factories.create_bottleneck(title="Pas doorgestuurd")
    factories.route_bottleneck(recent, "housing")
    elsewhere = factories.create_bottleneck(title="Andere sector")
    factories.route_bottleneck(elsewhere, "health")
    login_as(owner)
    block = _block(client.get("/"), "awaiting-answer")
    assert _count(block) == 2
    rows = [li.find("a").get_text() for li in block.find_all("li")]
    assert rows == ["Te laat beantwoord", "Pas doorgestuurd"]
    assert "Overdue" in block.find_all("li")[0].get_text()
    assert "All 2 awaiting our answer, 1 overdue" in block.get_text()


def test_coordinator_sees_the_queue_overdue_sectors_and_candidates(client, session, login_as):
    coordinator = factories.create_user("coordinator", language="en")
    factories.create_bottleneck(title="Wacht op doorsturen")
    late = factories.create_bottleneck(title="Laat")
    factories.route_bottleneck(late, "housing", today=LONG_AGO)
    signal_of(late, create=True).candidate_since = utcnow()
    login_as(coordinator)
    response = client.get("/")
    assert _count(_block(response, "triage")) == 1
    per_sector = _block(response, "overdue-per-sector")
    assert _count(per_sector) == 1
    link = per_sector.find("a", string="Housing")
    assert (
        "overdue=1" in link["href"] and f"sector={factories.sector('housing').id}" in link["href"]
    )
    candidates = _block(response, "candidates")
    assert _count(candidates) == 1 and "Laat" in candidates.get_text()


def test_researcher_sees_the_evidence_and_a_search(client, session, login_as):
    factories.create_bottleneck(title="Eerste")
    login_as(factories.create_user("researcher", language="en"))
    response = client.get("/")
    assert _count(_block(response, "per-status")) == 1
    assert _block(response, "most-evidence") is not None
    assert 'role="search"' in response.get_data(as_text=True)


def test_the_full_list_of_awaited_answers_is_the_blocks_count(client, session, login_as):
    owner = factories.create_user(
        "policy_owner", sectors=[factories.sector("housing")], language="en"
    )
    for _ in range(2):
        factories.route_bottleneck(factories.create_bottleneck(), "housing")
    answered = factories.create_bottleneck()
    factories.route_bottleneck(answered, "housing")
    services.add_post(owner, answered, "Ons antwoord.", as_answer=True)
    login_as(owner)
    response = client.get("/bottlenecks?routed=1&awaiting=1")
    assert "2 bottlenecks" in response.get_data(as_text=True)


def _fill(n):
    """Everyone's work grows by `n`: reports, drafts, routings, posts, candidates."""
    writer = factories.create_user("case_manager")
    for i in range(n):
        bottleneck = factories.create_bottleneck(writer)
        factories.create_bottleneck(writer, draft=True)
        factories.route_bottleneck(bottleneck, ("housing", "health")[i % 2], today=LONG_AGO)
        services.add_post(factories.create_user("coordinator"), bottleneck, "Nieuws.")
        signal_of(bottleneck, create=True).candidate_since = utcnow()
        services.follow(WATCHERS["case_manager"], bottleneck)
        factories.create_bottleneck()


WATCHERS = {}


@pytest.mark.parametrize(
    "role", ["case_manager", "social_worker", "policy_owner", "coordinator", "researcher", "admin"]
)
def test_home_page_queries_do_not_grow_with_the_work(
    client, session, login_as, count_queries, role
):
    user = factories.create_user(role)
    WATCHERS["case_manager"] = factories.create_user("case_manager")
    if role in ("case_manager", "social_worker"):
        WATCHERS["case_manager"] = user
    _visited_before(user, days=30)
    login_as(user)
    _fill(1)
    session.commit()
    with count_queries() as few:
        assert client.get("/").status_code == 200
    _fill(8)
    session.commit()
    with count_queries() as many:
        assert client.get("/").status_code == 200
    assert len(many) == len(few), "\n".join(s[:150] for s in many.statements)
    print(f"\nhome page of a {role}: {len(many)} queries")
