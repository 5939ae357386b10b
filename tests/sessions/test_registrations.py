"""Registrations: a place or the waiting list, promotion when a place frees up, and the refusals."""

import pytest

from mdma.core.errors import RuleViolation
from mdma.notifications.models import Notification
from mdma.sessions import registrations, services
from mdma.sessions.models import RegistrationStatus as RS
from tests.sessions.conftest import plan_session


def test_the_last_place_goes_to_the_first_and_the_next_one_waits(session, coordinator, create_user):
    meeting = plan_session(coordinator, code="lunch_talk", capacity=2)
    first, second, third = (create_user("case_manager") for _ in range(3))

    assert registrations.register(first, meeting).status == RS.REGISTERED
    assert registrations.register(second, meeting).status == RS.REGISTERED
    assert registrations.register(third, meeting).status == RS.WAITING
    assert meeting.registered_count == 2


def test_a_freed_place_goes_at_once_to_the_first_who_waits_and_they_are_told(
    session, coordinator, create_user
):
    meeting = plan_session(coordinator, code="lunch_talk", capacity=1)
    holder, first_waiting, second_waiting = (create_user("case_manager") for _ in range(3))
    registrations.register(holder, meeting)
    registrations.register(first_waiting, meeting)
    registrations.register(second_waiting, meeting)

    registrations.cancel(holder, meeting)

    assert registrations.registration_of(first_waiting, meeting).status == RS.REGISTERED
    assert registrations.registration_of(second_waiting, meeting).status == RS.WAITING
    assert meeting.registered_count == 1
    told = session.query(Notification).filter_by(user_id=first_waiting.id).all()
    assert [n.kind for n in told] == ["session.promoted"]


def test_a_higher_capacity_lets_those_waiting_in(session, coordinator, create_user):
    meeting = plan_session(coordinator, code="lunch_talk", capacity=1)
    people = [create_user("case_manager") for _ in range(3)]
    for person in people:
        registrations.register(person, meeting)
    plan = services.Plan(type=meeting.type, theme=meeting.theme, starts_at=meeting.starts_at,
                         ends_at=meeting.ends_at, capacity=2)  # fmt: skip
    services.update(coordinator, meeting, plan)
    assert [registrations.registration_of(p, meeting).status for p in people] == [
        RS.REGISTERED, RS.REGISTERED, RS.WAITING,
    ]  # fmt: skip


def test_registering_twice_is_refused(session, coordinator, create_user):
    meeting = plan_session(coordinator, code="lunch_talk")
    person = create_user("case_manager")
    registrations.register(person, meeting)
    with pytest.raises(RuleViolation):
        registrations.register(person, meeting)
    assert meeting.registered_count == 1


def test_someone_not_invited_cannot_register_for_a_session_by_invitation(
    session, coordinator, create_user
):
    meeting = plan_session(coordinator, code="deep_dive")
    with pytest.raises(RuleViolation) as refused:
        registrations.register(create_user("case_manager"), meeting)
    assert refused.value.status == 403
    assert meeting.registered_count == 0


def test_the_page_says_why_someone_not_invited_cannot_register(
    client, session, coordinator, create_user, login_as
):
    meeting = plan_session(coordinator, code="deep_dive")
    login_as(create_user("case_manager", language="nl"))
    response = client.post(
        f"/sessions/{meeting.id}/registration", data={"answer": "register"}, follow_redirects=True
    )
    assert "niet uitgenodigd" in response.get_data(as_text=True)
    assert registrations.holding(meeting) == []


def test_an_invited_sector_lets_its_policy_owners_register(
    session, coordinator, create_user, sector
):
    meeting = plan_session(coordinator, code="deep_dive", sectors=[sector("housing")])
    owner = create_user("policy_owner", sectors=[sector("housing")])
    assert registrations.register(owner, meeting).status == RS.REGISTERED


def test_declining_gives_up_the_place(session, coordinator, create_user):
    meeting = plan_session(coordinator, code="lunch_talk", capacity=1)
    person, waiting = create_user("case_manager"), create_user("case_manager")
    registrations.register(person, meeting)
    registrations.register(waiting, meeting)
    registrations.decline(person, meeting)
    assert registrations.registration_of(person, meeting).status == RS.DECLINED
    assert registrations.registration_of(waiting, meeting).status == RS.REGISTERED


def test_the_registration_page_says_the_session_is_full(client, session, coordinator,
                                                        create_user, login_as):  # fmt: skip
    meeting = plan_session(coordinator, code="lunch_talk", capacity=1)
    registrations.register(create_user("case_manager"), meeting)
    latecomer = create_user("case_manager", language="en")
    login_as(latecomer)
    response = client.post(
        f"/sessions/{meeting.id}/registration", data={"answer": "register"}, follow_redirects=True
    )
    assert "waiting list" in response.get_data(as_text=True)


def test_the_coordinator_sees_the_lists_and_records_attendance(
    client, session, coordinator, create_user, login_as
):
    meeting = plan_session(coordinator, code="lunch_talk", capacity=1)
    came, waited = create_user("case_manager", name="Ann Komt"), create_user(name="Bert Wacht")
    registrations.register(came, meeting)
    registrations.register(waited, meeting)
    login_as(coordinator)
    page = client.get(f"/sessions/{meeting.id}").get_data(as_text=True)
    assert "Ann Komt" in page and "Bert Wacht" in page
    with pytest.raises(RuleViolation):  # not before it started
        registrations.record_attendance(coordinator, meeting, {came.id})
    meeting.starts_at = meeting.starts_at.replace(year=meeting.starts_at.year - 1)
    registrations.record_attendance(coordinator, meeting, {came.id})
    assert registrations.registration_of(came, meeting).attended is True


@pytest.mark.parametrize("earlier", [None, RS.DECLINED])
def test_the_second_of_a_double_click_is_a_repeat_and_takes_no_second_place(
    session, coordinator, create_user, monkeypatch, earlier
):
    """The second request read "not registered" before the first one stored its registration:
    the unique key (a new row) or the conditional claim (an earlier answer) makes it a repeat,
    never a 500 and never a second place."""
    meeting = plan_session(coordinator, code="lunch_talk")
    person = create_user("case_manager")
    if earlier:
        registrations.decline(person, meeting)
    first = registrations.register(person, meeting)
    stale = None if earlier is None else type(first)(id=first.id, status=earlier)
    monkeypatch.setattr(registrations, "registration_of", lambda *_: stale)

    with pytest.raises(RuleViolation) as refused:
        registrations.register(person, meeting)

    assert refused.value.status == 409
    session.refresh(meeting)
    assert meeting.registered_count == 1 and first.status == RS.REGISTERED
