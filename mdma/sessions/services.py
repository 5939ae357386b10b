"""The verbs of sessions, actor first: plan, change and cancel a session, invite sectors,
organisations and people. Registrations are in `registrations`, the agenda and what comes of it
in `agenda`. Each verb checks the object permission, runs the privacy guard on its free text,
records the logbook, queues the notices and flushes; the request commits."""

import uuid
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from mdma.accounts.models import User
from mdma.core.errors import Conflict, RuleViolation
from mdma.core.logbook import record
from mdma.core.time import utcnow
from mdma.directory.models import Organisation, Sector
from mdma.extensions import db
from mdma.permissions import require
from mdma.privacy import guard
from mdma.privacy.registry import stored_text
from mdma.sessions import discussion, notices, registrations
from mdma.sessions.models import Session, SessionStatus, SessionType
from mdma.sessions.states import SessionPermission

stored_text("session.theme", Session, "theme", lambda s: f"/sessions/{s.id}", _l("Session theme"))
stored_text(
    "session.description",
    Session,
    "description",
    lambda s: f"/sessions/{s.id}",
    _l("Session description"),
)


@dataclass
class Plan:
    """What the coordinator fills in; times are moments (aware, or naive UTC: a page turns the
    Brussels wall-clock time it is given into UTC with `times.from_local`)."""

    type: SessionType
    theme: str
    starts_at: datetime
    ends_at: datetime
    description: str = ""
    place: str = ""
    online_url: str = ""
    capacity: int | None = None
    minute_taker: User | None = None
    previous: Session | None = None
    sectors: list[Sector] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    people: list[User] = field(default_factory=list)


def _check(actor, plan: Plan, meeting: Session | None, confirmed: bool) -> None:
    from mdma.sessions.times import to_utc

    plan.starts_at, plan.ends_at = to_utc(plan.starts_at), to_utc(plan.ends_at)
    if not plan.theme.strip():
        raise RuleViolation(_l("This field is required."), "theme")
    moved = meeting is None or plan.starts_at != meeting.starts_at
    if moved and plan.starts_at <= utcnow():
        raise RuleViolation(_l("A session cannot be planned in the past."), "starts_at")
    if plan.ends_at <= plan.starts_at:
        raise RuleViolation(_l("The end must come after the start."), "ends_at")
    if plan.capacity is not None and plan.capacity < 1:
        raise RuleViolation(_l("A capacity is at least 1, or empty for no limit."), "capacity")
    taken = meeting.registered_count if meeting is not None else 0
    if plan.capacity is not None and plan.capacity < taken:
        raise RuleViolation(
            _l("%(count)s people are registered already: the capacity cannot be lower.",
               count=taken), "capacity",
        )  # fmt: skip
    for name in ("theme", "description"):
        guard.check(actor, getattr(plan, name), field=name, confirmed=confirmed, subject=meeting)


def plan(actor, plan: Plan, *, confirmed: bool = False) -> Session:
    """Plan a session; everyone it invites hears of it with the calendar invitation."""
    require(actor, SessionPermission.PLAN)
    _check(actor, plan, None, confirmed)
    meeting = Session(
        type=plan.type,
        theme=plan.theme.strip(),
        description=plan.description.strip(),
        starts_at=plan.starts_at,
        ends_at=plan.ends_at,
        place=plan.place.strip(),
        online_url=plan.online_url.strip(),
        capacity=plan.capacity,
        organiser_id=actor.id,
        minute_taker=plan.minute_taker,
        previous=plan.previous,
        series_id=(plan.previous.series_id or plan.previous.id) if plan.previous else None,
        status=SessionStatus.PLANNED,
        uid=f"session-{uuid.uuid4()}@{_domain()}",
    )
    db.session.add(meeting)
    db.session.flush()
    discussion.open_for(meeting)
    record(actor, "session:planned", meeting, type=plan.type.code)
    invite(actor, meeting, sectors=plan.sectors, organisations=plan.organisations,
           people=plan.people)  # fmt: skip
    return meeting


def _domain() -> str:
    base = current_app.config["MDMA_BASE_URL"]
    return base.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "mdma"


def update(
    actor, meeting: Session, plan: Plan, *, version: int | None = None, confirmed: bool = False
) -> Session:
    """Change a session; a change of time or place sends its invitees an update (the same UID,
    SEQUENCE raised). An edit on an older version is refused (409)."""
    require(actor, SessionPermission.PLAN, meeting)
    if meeting.is_cancelled:
        raise RuleViolation(_l("This session has been cancelled."), status=409)
    if version is not None and version != meeting.version:
        raise Conflict()
    _check(actor, plan, meeting, confirmed)
    before = (meeting.starts_at, meeting.ends_at, meeting.place, meeting.online_url)
    meeting.type = plan.type
    meeting.theme = plan.theme.strip()
    meeting.description = plan.description.strip()
    meeting.starts_at, meeting.ends_at = plan.starts_at, plan.ends_at
    meeting.place, meeting.online_url = plan.place.strip(), plan.online_url.strip()
    meeting.minute_taker = plan.minute_taker
    meeting.capacity = plan.capacity
    after = (meeting.starts_at, meeting.ends_at, meeting.place, meeting.online_url)
    if before != after:
        meeting.sequence += 1
        notices.calendar_message(actor, meeting, concerned(meeting), "session.updated")
    db.session.flush()
    registrations.fill_from_waiting_list(meeting)  # a higher capacity frees places
    record(actor, "session:changed", meeting, moved=before != after)
    return meeting


def cancel(actor, meeting: Session) -> Session:
    """Cancel a session: everyone concerned gets the cancellation for their calendar."""
    require(actor, SessionPermission.PLAN, meeting)
    if meeting.is_cancelled:
        raise RuleViolation(_l("This session has been cancelled."), status=409)
    meeting.status = SessionStatus.CANCELLED
    meeting.sequence += 1
    notices.calendar_message(actor, meeting, concerned(meeting), "session.cancelled")
    record(actor, "session:cancelled", meeting)
    db.session.flush()
    return meeting


def invite(actor, meeting: Session, *, sectors=(), organisations=(), people=()) -> list[User]:
    """Invite sectors, organisations or people; those newly invited get the invitation."""
    require(actor, SessionPermission.PLAN, meeting)
    if meeting.is_cancelled:
        raise RuleViolation(_l("This session has been cancelled."), status=409)
    before = {user.id for user in invited_people(meeting)}
    meeting.sectors = list({*meeting.sectors, *sectors})
    meeting.organisations = list({*meeting.organisations, *organisations})
    meeting.invitees = list({*meeting.invitees, *people})
    db.session.flush()
    new = [user for user in invited_people(meeting) if user.id not in before]
    if new:
        notices.calendar_message(actor, meeting, new, "session.invited")
        record(actor, "session:invited", meeting, people=len(new))
    return new


def invited_people(meeting: Session) -> list[User]:
    """Every active account the session invites: by name, by sector, by organisation."""
    conditions = []
    if meeting.invitees:
        conditions.append(User.id.in_([user.id for user in meeting.invitees]))
    if meeting.sectors:
        conditions.append(User.sectors.any(Sector.id.in_([s.id for s in meeting.sectors])))
    if meeting.organisations:
        conditions.append(User.organisation_id.in_([o.id for o in meeting.organisations]))
    if not conditions:
        return []
    return list(
        db.session.scalars(
            sa.select(User).where(User.active.is_(True), sa.or_(*conditions)).order_by(User.id)
        )
    )


def concerned(meeting: Session) -> list[User]:
    """Who hears of a change: the invitees and whoever registered or waits."""
    people = {user.id: user for user in invited_people(meeting)}
    for registration in registrations.holding(meeting):
        people.setdefault(registration.user_id, registration.user)
    return list(people.values())


TYPE_FIELDS = ("name_nl", "name_fr", "name_en", "by_invitation", "default_minutes",
               "default_capacity", "rhythm")  # fmt: skip


def save_type(actor, session_type: SessionType | None, **fields) -> SessionType:
    """Add a type of session, or change one (its code stays: the seeded ones are named by it)."""
    require(actor, SessionPermission.CONFIGURE)
    for name in ("name_nl", "name_fr", "name_en"):
        if not (fields.get(name) or "").strip():
            raise RuleViolation(_l("This field is required."), name)
    if session_type is None:
        position = db.session.scalar(sa.select(sa.func.max(SessionType.position))) or 0
        session_type = SessionType(code=f"type_{uuid.uuid4().hex[:12]}", position=position + 1)
        db.session.add(session_type)
    for name in TYPE_FIELDS:
        value = fields.get(name)
        setattr(session_type, name, value.strip() if isinstance(value, str) else value)
    db.session.flush()
    record(actor, "session_type:saved", session_type)
    return session_type
