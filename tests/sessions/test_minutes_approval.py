"""Minutes approved at the next session of the series: who and when, then published (what a
guest reads) and no longer changed."""

from datetime import timedelta

import pytest

from mdma.accounts import services as accounts
from mdma.core.errors import RuleViolation
from mdma.core.time import utcnow
from mdma.sessions import agenda, guests
from tests.factories import PASSWORD
from tests.sessions.conftest import plan_session


@pytest.fixture
def two(session, coordinator):
    first = plan_session(coordinator, code="lunch_talk", days=3)
    second = plan_session(coordinator, code="lunch_talk", days=5, previous=first)
    item = agenda.add_item(coordinator, first, kind="text", title="Wonen")
    agenda.record_minutes(coordinator, item, "We spraken over **wonen**.")
    return first, second, item


def _begin(meeting):
    meeting.starts_at = utcnow() - timedelta(minutes=5)


def test_the_next_session_approves_the_minutes_and_they_no_longer_change(two, coordinator):
    first, second, item = two
    with pytest.raises(RuleViolation):  # not before the next session has begun
        agenda.approve_minutes(coordinator, second)
    _begin(second)

    assert agenda.approve_minutes(coordinator, second) is first
    assert first.minutes_approved_at is not None and first.minutes_approved_by == coordinator
    with pytest.raises(RuleViolation) as again:
        agenda.approve_minutes(coordinator, second)
    assert again.value.status == 409
    with pytest.raises(RuleViolation):
        agenda.record_minutes(coordinator, item, "Iets anders.")
    assert item.minutes == "We spraken over **wonen**."


def test_a_session_without_a_previous_one_approves_nothing(two, coordinator):
    first, _second, _item = two
    _begin(first)
    with pytest.raises(RuleViolation):
        agenda.approve_minutes(coordinator, first)


def test_only_the_coordinator_or_the_minute_taker_approves(two, create_user):
    _first, second, _item = two
    _begin(second)
    with pytest.raises(RuleViolation):  # AccessDenied is a RuleViolation (403)
        agenda.approve_minutes(create_user("case_manager"), second)


def test_the_page_offers_the_approval_and_a_guest_reads_only_approved_minutes(
    two, client, session, coordinator, login_as
):
    first, second, _item = two
    invitation = guests.invite_guest(coordinator, first, email="g@eu.example", name="G")
    guest = accounts.accept_invitation(invitation, password=PASSWORD, language="en")
    _begin(second)
    session.commit()

    login_as(guest)
    assert "We spraken over" not in client.get(f"/sessions/{first.id}").get_data(as_text=True)
    agenda_api = client.get(f"/api/v1/sessions/{first.id}/agenda").get_json()
    assert [i["minutes"] for i in agenda_api] == [""]

    login_as(coordinator)
    page = client.get(f"/sessions/{second.id}").get_data(as_text=True)
    assert f'action="/sessions/{second.id}/approve-minutes"' in page
    assert client.post(f"/sessions/{second.id}/approve-minutes").status_code == 302

    login_as(guest)
    assert "We spraken over" in client.get(f"/sessions/{first.id}").get_data(as_text=True)
    agenda_api = client.get(f"/api/v1/sessions/{first.id}/agenda").get_json()
    assert [i["minutes"] for i in agenda_api] == ["We spraken over **wonen**."]


def test_the_api_approves_and_says_who_and_when(two, call, coordinator):
    first, second, _item = two
    _begin(second)
    answer = call("POST", f"/api/v1/sessions/{second.id}/approve-minutes", coordinator)
    assert answer.status_code == 200, answer.get_json()
    body = answer.get_json()
    assert body["id"] == first.id and body["minutes_approved_by_id"] == coordinator.id
    assert body["minutes_approved_at"]
    refused = call("POST", f"/api/v1/sessions/{second.id}/approve-minutes", coordinator)
    assert refused.status_code == 409


def test_a_guest_reads_decisions_once_approved_and_never_a_bottlenecks_title(
    two, client, session, coordinator, login_as
):
    from tests import factories

    first, second, item = two
    agenda.add_decision(coordinator, item, "De werkgroep wonen schrijft een voorstel.")
    bottleneck = factories.create_bottleneck(title="Huurwaarborg blijft maanden geblokkeerd")
    agenda.add_item(coordinator, first, kind="bottleneck", bottleneck=bottleneck)
    invitation = guests.invite_guest(coordinator, first, email="g2@eu.example", name="G2")
    guest = accounts.accept_invitation(invitation, password=PASSWORD, language="en")
    _begin(second)
    session.commit()

    login_as(guest)
    page = client.get(f"/sessions/{first.id}").get_data(as_text=True)
    assert "De werkgroep wonen schrijft een voorstel." not in page
    assert "Huurwaarborg blijft maanden geblokkeerd" not in page
    assert f"#{bottleneck.id}" in page
    items = client.get(f"/api/v1/sessions/{first.id}/agenda").get_json()
    assert [i["decisions"] for i in items] == [[], []]
    assert items[1]["bottleneck_id"] == bottleneck.id
    assert items[1]["title"] == "A bottleneck of the network"

    agenda.approve_minutes(coordinator, second)
    session.commit()
    page = client.get(f"/sessions/{first.id}").get_data(as_text=True)
    assert "De werkgroep wonen schrijft een voorstel." in page
    assert "Huurwaarborg blijft maanden geblokkeerd" not in page
    series = client.get(f"/sessions/{first.id}/series").get_data(as_text=True)
    assert "De werkgroep wonen schrijft een voorstel." in series
    assert "Huurwaarborg blijft maanden geblokkeerd" not in series
    items = client.get(f"/api/v1/sessions/{first.id}/agenda").get_json()
    assert [d["text"] for d in items[0]["decisions"]] == [
        "De werkgroep wonen schrijft een voorstel."
    ]
    assert items[1]["title"] == "A bottleneck of the network"

    login_as(coordinator)
    page = client.get(f"/sessions/{first.id}").get_data(as_text=True)
    assert "Huurwaarborg blijft maanden geblokkeerd" in page
    items = client.get(f"/api/v1/sessions/{first.id}/agenda").get_json()
    assert items[1]["title"] == "Huurwaarborg blijft maanden geblokkeerd"
