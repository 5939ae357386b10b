"""Guests: people from outside the network (other cities, European networks, experts at a
deep-dive) whom the coordinator invites to a session by e-mail. A guest's account has the role
`guest` and reaches only the sessions it is invited to (`states.may_read`): their page, agenda,
minutes and thread, nothing else.

Someone without an account gets the platform's invitation (`accounts.services.issue_invitation`,
role `guest`): they set a password through its link, and on acceptance (`ON_ACCEPT`) every
session that invited that address invites the new account by name and sends it the calendar
invitation. An address that has an account already is invited by name at once."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from mdma.accounts import services as accounts
from mdma.accounts.models import Invitation, User
from mdma.core.errors import RuleViolation
from mdma.core.logbook import record
from mdma.core.time import utcnow
from mdma.extensions import db
from mdma.permissions import Role, require
from mdma.sessions import notices
from mdma.sessions.models import Session, session_guests
from mdma.sessions.states import SessionPermission

MAX_NAME = 120


def invite_guest(actor, meeting: Session, *, email: str, name: str, language: str = "en"):
    """Invite an e-mail address to `meeting`: an existing account by name, else a pending
    guest with the platform's invitation. What was done: the User, or the Invitation."""
    from mdma.sessions import services  # the verbs of planning, same floor

    require(actor, SessionPermission.PLAN, meeting)
    if meeting.is_cancelled:
        raise RuleViolation(_l("This session has been cancelled."), status=409)
    email, name = accounts.normalise_email(email or ""), (name or "").strip()
    accounts.check_email(email)
    existing = accounts.user_by_email(email)
    if existing is not None:
        if not existing.active:
            raise RuleViolation(_l("This account has been deactivated."), "email")
        services.invite(actor, meeting, people=[existing])
        return existing
    if not name:
        raise RuleViolation(_l("This field is required."), "name")
    if len(name) > MAX_NAME:
        raise RuleViolation(_l("At most %(count)d characters.", count=MAX_NAME), "name")
    invitation = _open_invitation(email) or accounts.issue_invitation(
        actor, email=email, name=name, role=Role.GUEST, language=language
    )
    if invitation.id not in {i.id for i in pending(meeting)}:
        db.session.execute(
            session_guests.insert().values(session_id=meeting.id, invitation_id=invitation.id)
        )
    record(actor, "session:guest_invited", meeting, invitation=invitation.id)
    return invitation


def _open_invitation(email: str) -> Invitation | None:
    """An invitation of this address still waiting to be accepted (a second session invites
    through the same mail)."""
    return db.session.scalar(
        sa.select(Invitation)
        .where(
            Invitation.email == email,
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > utcnow(),
        )
        .order_by(Invitation.id.desc())
        .limit(1)
    )


def pending(meeting: Session) -> list[Invitation]:
    """The guests invited by e-mail who have not made their account yet, while their
    invitation lasts."""
    return _open_invitations(meeting, Invitation.expires_at > utcnow())


def expired(meeting: Session) -> list[Invitation]:
    """Guests whose invitation ran out before they made their account: to invite again."""
    return _open_invitations(meeting, Invitation.expires_at <= utcnow())


def _open_invitations(meeting: Session, when) -> list[Invitation]:
    return list(
        db.session.scalars(
            sa.select(Invitation)
            .join(session_guests, session_guests.c.invitation_id == Invitation.id)
            .where(
                session_guests.c.session_id == meeting.id,
                Invitation.accepted_at.is_(None),
                Invitation.revoked_at.is_(None),
                when,
            )
            .order_by(Invitation.id)
        )
    )


def is_guest(user) -> bool:
    return getattr(user, "role", None) == Role.GUEST


def accepted(invitation: Invitation, user: User) -> None:
    """The guest made their account: the sessions that invited the address invite it by name,
    and it gets their calendar invitations."""
    meetings = list(
        db.session.scalars(
            sa.select(Session)
            .join(session_guests, session_guests.c.session_id == Session.id)
            .where(session_guests.c.invitation_id == invitation.id)
        )
    )
    db.session.execute(
        session_guests.delete().where(session_guests.c.invitation_id == invitation.id)
    )
    for meeting in meetings:
        if user not in meeting.invitees:
            meeting.invitees.append(user)
    db.session.flush()
    for meeting in meetings:
        if not meeting.is_cancelled and not meeting.is_past:
            notices.calendar_message(None, meeting, [user], "session.invited")


accounts.ON_ACCEPT.append(accepted)
