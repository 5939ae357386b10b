"""Invitation, update and cancellation mails carry an iCalendar file (parsed here with the
icalendar library); the `.ics` of a session and a person's feed."""

from datetime import timedelta

import icalendar
import sqlalchemy as sa

from mdma.sessions import feeds, registrations, services
from tests.conftest import wait_for
from tests.sessions.conftest import plan_session


def _calendar_of(message) -> icalendar.Calendar:
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    assert part.get_param("method") in ("REQUEST", "CANCEL")
    return icalendar.Calendar.from_ical(part.get_payload(decode=True))


def _event(calendar):
    return next(c for c in calendar.walk("VEVENT"))


def test_invitation_update_and_cancellation_share_one_uid_with_a_rising_sequence(
    session, coordinator, create_user, outbox
):
    invitee = create_user("policy_owner", email="owner@test.example", language="en")
    meeting = plan_session(coordinator, people=[invitee])
    session.commit()
    invitation = _calendar_of(wait_for(lambda: outbox and outbox[-1]))
    assert invitation["METHOD"] == "REQUEST"
    event = _event(invitation)
    assert str(event["UID"]) == meeting.uid
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART").tzinfo.key == "Europe/Brussels"
    assert event.decoded("DTSTART").astimezone().replace(tzinfo=None) is not None
    assert "invited" in outbox[-1]["Subject"]

    outbox.clear()
    later = meeting.starts_at + timedelta(days=1)
    plan = services.Plan(type=meeting.type, theme=meeting.theme, starts_at=later,
                         ends_at=later + timedelta(hours=2), place="Elders")  # fmt: skip
    services.update(coordinator, meeting, plan)
    session.commit()
    update = _calendar_of(wait_for(lambda: outbox and outbox[-1]))
    assert update["METHOD"] == "REQUEST"
    assert (str(_event(update)["UID"]), _event(update)["SEQUENCE"]) == (meeting.uid, 1)
    assert str(_event(update)["LOCATION"]) == "Elders"

    outbox.clear()
    services.cancel(coordinator, meeting)
    session.commit()
    cancel = _calendar_of(wait_for(lambda: outbox and outbox[-1]))
    assert cancel["METHOD"] == "CANCEL"
    assert (str(_event(cancel)["UID"]), _event(cancel)["SEQUENCE"]) == (meeting.uid, 2)
    assert str(_event(cancel)["STATUS"]) == "CANCELLED"


def test_a_session_on_the_autumn_change_keeps_its_wall_clock_time_in_the_ics(
    client, session, coordinator, login_as
):
    login_as(coordinator)
    client.post(
        "/sessions/new",
        data={"type_id": "1", "theme": "Winteruur", "day": "2030-10-27",
              "start": "10:00", "end": "11:30"},
    )  # fmt: skip
    from mdma.sessions.models import Session

    meeting = session.query(Session).filter_by(theme="Winteruur").one()
    response = client.get(f"/sessions/{meeting.id}/calendar.ics")
    assert response.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(response.data)
    start = _event(calendar).decoded("DTSTART")
    assert (start.hour, start.minute, start.utcoffset()) == (10, 0, timedelta(hours=1))
    assert any(tz["TZID"] == "Europe/Brussels" for tz in calendar.walk("VTIMEZONE"))


def test_the_personal_feed_holds_ones_sessions_under_a_revocable_secret_address(
    client, session, coordinator, create_user
):
    person = create_user("case_manager", name="Fien Feed")
    invited = plan_session(coordinator, people=[person], theme="Uitgenodigd")
    open_one = plan_session(coordinator, code="lunch_talk", theme="Ingeschreven")
    plan_session(coordinator, theme="Niet voor mij")
    registrations.register(person, open_one)
    token = feeds.new_address(person)
    session.commit()

    response = client.get(f"/sessions/feed/{token}.ics")
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.data)
    assert "Fien Feed" in str(calendar["X-WR-CALNAME"])
    assert any(tz["TZID"] == "Europe/Brussels" for tz in calendar.walk("VTIMEZONE"))
    uids = {str(event["UID"]) for event in calendar.walk("VEVENT")}
    assert uids == {invited.uid, open_one.uid}

    feeds.new_address(person)  # a new address revokes the old one
    session.commit()
    assert client.get(f"/sessions/feed/{token}.ics").status_code == 404


def test_the_calendar_page_offers_a_webcal_link_once(client, session, create_user, login_as):
    login_as(create_user("case_manager", language="en"))
    page = client.post("/sessions/calendar", data={"action": "new"}).get_data(as_text=True)
    assert 'href="webcal://mdma.test/sessions/feed/cal_' in page
    assert "webcal://" not in client.get("/sessions/calendar").get_data(as_text=True)


def test_the_invitation_mail_carries_the_one_click_unsubscribe_and_respects_the_choice(
    session, coordinator, create_user, outbox
):
    from mdma.notifications import services as notifications
    from mdma.notifications.models import Notification

    quiet = create_user("policy_owner", email="quiet@test.example", language="en")
    notifications.choose(quiet, "session.invited", "never")
    invitee = create_user("policy_owner", email="listen@test.example", language="en")
    plan_session(coordinator, people=[invitee, quiet])
    session.commit()

    mail = wait_for(lambda: outbox and outbox[-1])
    assert mail["To"] == "listen@test.example"
    assert "/notifications/unsubscribe/" in mail["List-Unsubscribe"]
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = next(p for p in mail.walk() if p.get_content_type() == "text/plain")
    assert "/notifications/unsubscribe/" in text.get_content()
    assert [m["To"] for m in outbox] == ["listen@test.example"]
    # Mailed at once with its calendar file: not again in the digest; the quiet one is told
    # on the platform only.
    mailed = {
        n.user_id: n.mailed_at
        for n in session.scalars(
            sa.select(Notification).where(Notification.kind == "session.invited")
        )
    }
    assert mailed[invitee.id] is not None and mailed[quiet.id] is None
