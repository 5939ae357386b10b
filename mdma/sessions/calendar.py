"""Sessions as iCalendar (RFC 5545): an invitation (`METHOD:REQUEST`), its update (the same
`UID`, `SEQUENCE` raised) and its cancellation (`METHOD:CANCEL`); the `.ics` of one session;
and a person's feed, with its name (`X-WR-CALNAME`) and the Europe/Brussels `VTIMEZONE`."""

from collections.abc import Iterable
from datetime import UTC
from typing import TYPE_CHECKING

from flask import current_app

from mdma.core.markdown import plain
from mdma.core.time import utcnow
from mdma.sessions.models import Session
from mdma.sessions.times import in_brussels

if TYPE_CHECKING:
    import icalendar

PRODID = "-//MDMA platform//Sessions//NL"


def _calendar(method: str | None = None, name: str | None = None) -> "icalendar.Calendar":
    import icalendar  # on first use: a serving process that sends no invitation never loads it

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", "Europe/Brussels")
    return calendar


def _event(meeting: Session, *, attendee=None, cancelled: bool = False) -> "icalendar.Event":
    import icalendar

    base = current_app.config["MDMA_BASE_URL"]
    event = icalendar.Event()
    event.add("uid", meeting.uid)
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", utcnow().replace(tzinfo=UTC))
    event.add("dtstart", in_brussels(meeting.starts_at))
    event.add("dtend", in_brussels(meeting.ends_at))
    event.add("summary", meeting.title)
    location = ", ".join(part for part in (meeting.place, meeting.online_url) if part)
    if location:
        event.add("location", location)
    description = plain(meeting.description)
    if meeting.online_url:
        description = f"{description}\n\n{meeting.online_url}".strip()
    if description:
        event.add("description", description)
    event.add("url", f"{base}/sessions/{meeting.id}")
    event.add("status", "CANCELLED" if cancelled or meeting.is_cancelled else "CONFIRMED")
    organiser = icalendar.vCalAddress(f"mailto:{current_app.config['MDMA_MAIL_FROM']}")
    organiser.params["cn"] = icalendar.vText(meeting.organiser.name)
    event.add("organizer", organiser)
    if attendee is not None:
        address = icalendar.vCalAddress(f"mailto:{attendee.email}")
        address.params["cn"] = icalendar.vText(attendee.name)
        address.params["role"] = icalendar.vText("REQ-PARTICIPANT")
        address.params["rsvp"] = icalendar.vText("FALSE")
        event.add("attendee", address)
    return event


def invitation(meeting: Session, attendee) -> bytes:
    """What an invitee's mail carries: a request (also for an update) or a cancellation."""
    method = "CANCEL" if meeting.is_cancelled else "REQUEST"
    calendar = _calendar(method)
    calendar.add_component(_event(meeting, attendee=attendee))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def one(meeting: Session) -> bytes:
    """The `.ics` of one session, to add to one's own calendar."""
    calendar = _calendar("PUBLISH")
    calendar.add_component(_event(meeting))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed(name: str, meetings: Iterable[Session]) -> bytes:
    """A person's feed: every session they are invited to or registered for."""
    calendar = _calendar(name=name)
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    calendar.add_missing_timezones()
    return calendar.to_ical()
