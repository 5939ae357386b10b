"""Who may do what with a session: registering, the minutes, and the thread's predicates that
the threads machinery will register."""

from mdma.permissions import allowed
from mdma.sessions import registrations
from mdma.sessions.states import SessionPermission, may_read_thread, may_write_thread
from tests.sessions.conftest import plan_session


def test_everyone_reads_but_only_invitees_and_the_registered_write_in_the_thread(
    session, coordinator, create_user, sector
):
    invitee = create_user("policy_owner", sectors=[sector("housing")])
    registered, bystander = create_user("case_manager"), create_user("researcher")
    deep_dive = plan_session(coordinator, sectors=[sector("housing")])
    lunch = plan_session(coordinator, code="lunch_talk")
    registrations.register(registered, lunch)

    assert may_read_thread(bystander, deep_dive) and not may_write_thread(bystander, deep_dive)
    assert may_write_thread(invitee, deep_dive)
    assert may_write_thread(registered, lunch) and not may_write_thread(registered, deep_dive)
    assert may_write_thread(coordinator, deep_dive)


def test_the_named_minute_taker_writes_the_minutes_whatever_their_role(
    session, coordinator, create_user
):
    taker = create_user("case_manager")
    meeting = plan_session(coordinator, minute_taker=taker)
    assert allowed(taker, SessionPermission.MINUTES, meeting)
    assert not allowed(create_user("case_manager"), SessionPermission.MINUTES, meeting)


def test_the_session_page_prints_agenda_and_minutes(client, session, coordinator, login_as):
    meeting = plan_session(coordinator)
    login_as(coordinator)
    page = client.get(f"/sessions/{meeting.id}").get_data(as_text=True)
    assert 'href="/static/css/print.css" media="print"' in page
