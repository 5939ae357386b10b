"""The agenda and what comes of it: a bottleneck on the agenda moves and shows the session on its
page; minutes, decisions and action points; an action point in the bottleneck's timeline."""

from datetime import date, timedelta

import pytest

from mdma.bottlenecks.states import Status
from mdma.core.errors import AccessDenied, RuleViolation
from mdma.notifications.models import Notification
from mdma.privacy.guard import PersonalDataFound
from mdma.sessions import agenda
from mdma.sessions.models import ActionState, AgendaItem
from tests import factories
from tests.sessions.conftest import plan_session


@pytest.fixture
def routed(session):
    bottleneck = factories.create_bottleneck(title="Huurwaarborg blijft liggen")
    return factories.route_bottleneck(bottleneck, "housing")


def test_a_bottleneck_put_on_the_agenda_moves_and_shows_the_session(
    client, session, coordinator, routed, login_as
):
    meeting = plan_session(coordinator, theme="Wonen")
    agenda.add_item(coordinator, meeting, kind="bottleneck", bottleneck=routed, minutes_slot=20)
    assert routed.status == Status.SCHEDULED
    login_as(coordinator)
    page = client.get(f"/bottlenecks/{routed.id}").get_data(as_text=True)
    assert f'href="/sessions/{meeting.id}"' in page


def test_the_reporter_hears_that_their_bottleneck_is_on_a_sessions_agenda(
    session, coordinator, routed
):
    meeting = plan_session(coordinator, theme="Wonen")
    agenda.add_item(coordinator, meeting, kind="bottleneck", bottleneck=routed, minutes_slot=20)
    session.flush()
    told = session.query(Notification).filter_by(
        user_id=routed.reporter_id, kind="bottleneck.feedback"
    )
    assert [n.data.get("event") for n in told if n.data.get("event") == "scheduled"] == [
        "scheduled"
    ]


def test_a_draft_cannot_be_put_on_the_agenda(session, coordinator):
    draft = factories.create_bottleneck(draft=True)
    meeting = plan_session(coordinator)
    with pytest.raises(RuleViolation) as refused:
        agenda.add_item(coordinator, meeting, kind="bottleneck", bottleneck=draft)
    assert refused.value.field == "bottleneck_id"
    assert session.query(AgendaItem).count() == 0


def test_a_proposal_item_needs_a_proposal(session, coordinator):
    meeting = plan_session(coordinator)
    with pytest.raises(RuleViolation):
        agenda.add_item(coordinator, meeting, kind="proposal")


def test_minutes_are_guarded_and_only_for_the_coordinator_or_the_minute_taker(
    session, coordinator, create_user
):
    taker, other = create_user("policy_owner"), create_user("policy_owner")
    meeting = plan_session(coordinator, minute_taker=taker)
    item = agenda.add_item(coordinator, meeting, kind="text", title="Rondvraag")
    with pytest.raises(PersonalDataFound):
        agenda.record_minutes(taker, item, "Mevrouw met rijksregisternummer 85073000061.")
    with pytest.raises(AccessDenied):
        agenda.record_minutes(other, item, "Afgesproken.")
    agenda.record_minutes(taker, item, "Afgesproken: **altijd** de aanvraag indienen.")
    assert item.minutes.startswith("Afgesproken")


def test_an_action_point_on_a_bottleneck_item_is_in_its_timeline_and_its_completion_a_step(
    client, session, coordinator, routed, create_user, login_as
):
    owner = create_user("policy_owner", name="Olga Eigenaar", language="en")
    meeting = plan_session(coordinator)
    item = agenda.add_item(coordinator, meeting, kind="bottleneck", bottleneck=routed)
    agenda.add_decision(coordinator, item, "Het OCMW neemt contact op met het Huurwaarborgfonds.")
    point = agenda.add_action_point(
        coordinator, item, text="Afspraak maken met het fonds", owner=owner,
        due_on=date.today() + timedelta(days=14),
    )  # fmt: skip
    assert session.query(Notification).filter_by(user_id=owner.id).count() == 1
    agenda.set_action_state(owner, point, ActionState.DONE)
    login_as(owner)
    page = client.get(f"/bottlenecks/{routed.id}").get_data(as_text=True)
    assert "Afspraak maken met het fonds" in page
    assert "Action point done" in page
    assert "Afspraak maken met het fonds" in client.get("/sessions/action-points").get_data(
        as_text=True
    )


def test_someone_else_cannot_complete_an_action_point(session, coordinator, create_user):
    meeting = plan_session(coordinator)
    item = agenda.add_item(coordinator, meeting, kind="text", title="Varia")
    point = agenda.add_action_point(
        coordinator, item, text="Nota", owner=create_user("policy_owner"), due_on=date.today()
    )
    with pytest.raises(AccessDenied):
        agenda.set_action_state(create_user("policy_owner"), point, ActionState.DONE)


def test_overdue_action_points_are_reminded_once_a_day(session, coordinator, create_user):
    owner = create_user("policy_owner")
    meeting = plan_session(coordinator)
    item = agenda.add_item(coordinator, meeting, kind="text", title="Varia")
    agenda.add_action_point(coordinator, item, text="Nota", owner=owner,
                            due_on=date.today() - timedelta(days=1))  # fmt: skip
    assert agenda.send_reminders() == 1
    assert agenda.send_reminders() == 0
    kinds = [n.kind for n in session.query(Notification).filter_by(user_id=owner.id)]
    assert "session.action_overdue" in kinds


def test_the_remind_command_runs(app, session):
    from mdma.cli import main

    result = app.test_cli_runner().invoke(main, ["sessions", "remind"])
    assert result.exit_code == 0, result.output
    assert "action point" in result.output


def test_the_minutes_page_form_records_minutes_and_a_decision(
    client, session, coordinator, login_as
):
    meeting = plan_session(coordinator)
    item = agenda.add_item(coordinator, meeting, kind="text", title="Varia")
    login_as(coordinator)
    base = f"/sessions/{meeting.id}/agenda/{item.id}"
    assert client.post(f"{base}/minutes", data={"minutes": "Goed overleg."}).status_code == 302
    assert client.post(f"{base}/decisions", data={"decision": "We doen het."}).status_code == 302
    page = client.get(f"/sessions/{meeting.id}").get_data(as_text=True)
    assert "Goed overleg." in page and "We doen het." in page
