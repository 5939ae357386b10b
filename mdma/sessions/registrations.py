"""Registrations: register, decline, cancel; the waiting list and its promotion; attendance.

A place is taken by one conditional UPDATE of the session's `registered_count` (`take_place`):
the database decides, so two people taking the last place at the same moment never both get it
— the one whose UPDATE comes second matches no row and goes on the waiting list. A place that
frees up passes straight to the first on the waiting list, claimed by another conditional
UPDATE on that registration, so two cancellations at once never promote the same person twice.
"""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from mdma.core.errors import RuleViolation
from mdma.core.logbook import record
from mdma.core.time import utcnow
from mdma.extensions import db
from mdma.permissions import allowed, require
from mdma.sessions import notices
from mdma.sessions.models import Registration, RegistrationStatus, Session
from mdma.sessions.states import SessionPermission

RS = RegistrationStatus
HOLDING = (RS.REGISTERED, RS.WAITING)


def registration_of(user, meeting: Session) -> Registration | None:
    return db.session.scalar(
        sa.select(Registration).where(
            Registration.session_id == meeting.id, Registration.user_id == user.id
        )
    )


def holds_place(user, meeting: Session) -> bool:
    registration = registration_of(user, meeting)
    return registration is not None and registration.status in HOLDING


def holding(meeting: Session) -> list[Registration]:
    """The registered and the waiting list, in order of registration."""
    return list(
        db.session.scalars(
            sa.select(Registration)
            .where(Registration.session_id == meeting.id, Registration.status.in_(HOLDING))
            .order_by(Registration.id)
        )
    )


def take_place(meeting: Session) -> bool:
    """One place, if there is one: the count moves only where it is below the capacity."""
    taken = db.session.execute(
        sa.update(Session)
        .where(
            Session.id == meeting.id,
            sa.or_(Session.capacity.is_(None), Session.registered_count < Session.capacity),
        )
        .values(registered_count=Session.registered_count + 1)
        .execution_options(synchronize_session=False)
    )
    return taken.rowcount == 1


def _free_place(meeting: Session) -> None:
    db.session.execute(
        sa.update(Session)
        .where(Session.id == meeting.id, Session.registered_count > 0)
        .values(registered_count=Session.registered_count - 1)
        .execution_options(synchronize_session=False)
    )


def register(actor, meeting: Session) -> Registration:
    """A place when there is one, else the waiting list; refused when not invited or when one
    is registered or waiting already."""
    if not allowed(actor, SessionPermission.REGISTER, meeting):
        # Said where the button was (a flash, or 403 with this message in the API).
        raise RuleViolation(
            _l("You are not invited to this session, or it can no longer be joined."), status=403
        )
    registration = registration_of(actor, meeting)
    if registration is not None and registration.status in HOLDING:
        raise _repeat()
    registration = _claim(actor, meeting, registration)
    placed = take_place(meeting)
    registration.status = RS.REGISTERED if placed else RS.WAITING
    registration.placed_at = utcnow() if placed else None
    # A new row sorts last on the waiting list; one that comes back after declining too.
    db.session.flush()
    db.session.refresh(meeting, ["registered_count", "version"])
    record(actor, "session:registered" if placed else "session:waiting", meeting)
    return registration


def _repeat() -> RuleViolation:
    return RuleViolation(_l("You are registered for this session already."), status=409)


def _claim(actor, meeting: Session, registration: Registration | None) -> Registration:
    """The person's one registration row, claimed before a place is taken, so that the same
    person registering twice at once (a double click, two tabs) takes one place and the second
    request is answered as a repeat: a new row under a savepoint (the unique key on session and
    person refuses the second), an earlier answer by a conditional UPDATE (the second finds it
    holding already)."""
    if registration is None:
        registration = Registration(session_id=meeting.id, user_id=actor.id, status=RS.WAITING)
        try:
            with db.session.begin_nested():
                db.session.add(registration)
        except IntegrityError:
            raise _repeat() from None
        return registration
    claimed = db.session.execute(
        sa.update(Registration)
        .where(Registration.id == registration.id, Registration.status.not_in(HOLDING))
        .values(status=RS.WAITING)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        raise _repeat()
    return registration


def decline(actor, meeting: Session) -> Registration:
    """Say one will not come (an invitee's answer); a place held is given up."""
    require(actor, SessionPermission.READ, meeting)
    registration = registration_of(actor, meeting)
    if registration is None:
        registration = Registration(session_id=meeting.id, user_id=actor.id, status=RS.DECLINED)
        db.session.add(registration)
        db.session.flush()
    else:
        _give_up(registration, meeting, RS.DECLINED)
    record(actor, "session:declined", meeting)
    return registration


def cancel(actor, meeting: Session) -> Registration:
    """Cancel one's registration or one's place on the waiting list."""
    require(actor, SessionPermission.READ, meeting)
    registration = registration_of(actor, meeting)
    if registration is None or registration.status not in HOLDING:
        raise RuleViolation(_l("You are not registered for this session."), status=409)
    _give_up(registration, meeting, RS.CANCELLED)
    record(actor, "session:registration_cancelled", meeting)
    return registration


def _give_up(registration: Registration, meeting: Session, status: RS) -> None:
    """Leave the list; a registered place goes straight to the first who waits."""
    left = db.session.execute(
        sa.update(Registration)
        .where(Registration.id == registration.id, Registration.status == registration.status)
        .values(status=status, placed_at=None)
        .execution_options(synchronize_session=False)
    )
    was_registered = registration.status == RS.REGISTERED and left.rowcount == 1
    db.session.refresh(registration)
    if was_registered and not _promote_first(meeting):
        _free_place(meeting)
    db.session.flush()
    db.session.refresh(meeting, ["registered_count", "version"])


def _promote_first(meeting: Session) -> bool:
    """Hand a freed place to the first who waits; True when someone took it."""
    while True:
        first = db.session.scalar(
            sa.select(Registration.id)
            .where(Registration.session_id == meeting.id, Registration.status == RS.WAITING)
            .order_by(Registration.id)
            .limit(1)
        )
        if first is None:
            return False
        claimed = db.session.execute(
            sa.update(Registration)
            .where(Registration.id == first, Registration.status == RS.WAITING)
            .values(status=RS.REGISTERED, placed_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount == 1:
            promoted = db.session.get(Registration, first)
            db.session.refresh(promoted)
            notices.promoted(meeting, promoted.user)
            record(None, "session:promoted", meeting, user_id=promoted.user_id)
            return True


def fill_from_waiting_list(meeting: Session) -> int:
    """After the capacity went up: the first who wait take the new places."""
    promoted = 0
    while True:
        first = db.session.scalar(
            sa.select(Registration)
            .where(Registration.session_id == meeting.id, Registration.status == RS.WAITING)
            .order_by(Registration.id)
            .limit(1)
        )
        if first is None or not take_place(meeting):
            break
        first.status, first.placed_at = RS.REGISTERED, utcnow()
        db.session.flush()
        notices.promoted(meeting, first.user)
        promoted += 1
    db.session.refresh(meeting, ["registered_count", "version"])
    return promoted


def record_attendance(actor, meeting: Session, present_ids: set[int]) -> int:
    """Afterwards, the coordinator ticks who came: every registered person, present or not."""
    require(actor, SessionPermission.PLAN, meeting)
    if meeting.starts_at > utcnow():
        raise RuleViolation(_l("Attendance is recorded once the session has started."), status=409)
    registered = [r for r in holding(meeting) if r.status == RS.REGISTERED]
    for registration in registered:
        registration.attended = registration.user_id in present_ids
    record(actor, "session:attendance", meeting, present=len(present_ids))
    db.session.flush()
    return len(registered)
