"""The accounts verbs, actor first: invite, accept, sign in, reset, edit, deactivate."""

import re
import unicodedata
from datetime import timedelta

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from mdma.accounts import logins
from mdma.accounts.models import Invitation, LoginSession, User
from mdma.accounts.passwords import hash_password, password_problems, verify_password
from mdma.accounts.tokens import digest, new_token
from mdma.core.after_commit import after_commit
from mdma.core.errors import RuleViolation
from mdma.core.i18n import BABEL_LOCALES
from mdma.core.logbook import record
from mdma.core.mail import send_mail
from mdma.core.time import utcnow
from mdma.extensions import db
from mdma.permissions import Permission, Role, require


def normalise_email(email: str) -> str:
    return email.strip().lower()


def user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def check_email(email: str) -> None:
    """The shape of an address, as the forms check it: for the CLI and every other way in."""
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as error:
        raise RuleViolation(_("Enter a valid e-mail address."), "email") from error


def _check_email_free(email: str, except_user: User | None = None) -> None:
    existing = user_by_email(email)
    if existing is not None and existing is not except_user:
        raise RuleViolation(_("An account with this e-mail address exists already."), "email")


def unique_handle(name: str) -> str:
    """A handle from the name (`An De Smet` → `an.desmet`), numbered when taken."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_name) or ["user"]
    base = (words[0] + ("." + "".join(words[1:]) if len(words) > 1 else ""))[:34]
    handle, n = base, 1
    while db.session.scalar(sa.select(User.id).where(User.handle == handle)) is not None:
        n += 1
        handle = f"{base}{n}"
    return handle


def check_new_password(password: str, email: str, name: str, field: str = "password") -> None:
    problems = password_problems(password, email, name)
    if problems:
        raise RuleViolation(" ".join(problems), field)


def _check_sectors(role: str, sectors: list) -> None:
    if role == Role.POLICY_OWNER and not sectors:
        raise RuleViolation(_("A sector policy owner belongs to at least one sector."), "sectors")


# --- Invitations -------------------------------------------------------------------------


#: What other domains do once an invitation is accepted, `(invitation, user)`: a session's
#: guest becomes its invitee (`sessions.guests`). Registered at import, called in order.
ON_ACCEPT: list = []


def invite(actor, *, email, name, role, organisation=None, sectors=(), language="nl") -> Invitation:
    """Invite someone by e-mail, in `language`; the link in the mail is single-use and
    expires."""
    require(actor, Permission.USER_MANAGE)
    return issue_invitation(actor, email=email, name=name, role=role, organisation=organisation,
                            sectors=sectors, language=language)  # fmt: skip


def issue_invitation(
    actor, *, email, name, role, organisation=None, sectors=(), language="nl"
) -> Invitation:
    """The invitation and its mail, for a verb that checked its own permission (`invite`; a
    coordinator inviting a session's guest)."""
    email = normalise_email(email)
    check_email(email)
    _check_email_free(email)
    _check_sectors(role, list(sectors))
    token, token_hash = new_token()
    invitation = Invitation(
        email=email,
        name=name.strip(),
        role=role,
        organisation=organisation,
        sectors=list(sectors),
        token_hash=token_hash,
        expires_at=utcnow() + timedelta(days=current_app.config["MDMA_INVITATION_DAYS"]),
        invited_by_id=actor.id,
        language=language,
    )
    db.session.add(invitation)
    db.session.flush()
    record(actor, "invitation:created", invitation, role=role)
    _mail_invitation(invitation, token)
    return invitation


def resend_invitation(actor, invitation: Invitation) -> Invitation:
    """A new link (the old one dies) and a fresh expiry."""
    require(actor, Permission.USER_MANAGE)
    if invitation.accepted_at or invitation.revoked_at:
        raise RuleViolation(_("This invitation is no longer open."))
    token, invitation.token_hash = new_token()
    invitation.expires_at = utcnow() + timedelta(days=current_app.config["MDMA_INVITATION_DAYS"])
    record(actor, "invitation:resent", invitation)
    _mail_invitation(invitation, token)
    return invitation


def revoke_invitation(actor, invitation: Invitation) -> None:
    require(actor, Permission.USER_MANAGE)
    if invitation.accepted_at:
        raise RuleViolation(_("This invitation has been accepted already."))
    invitation.revoked_at = utcnow()
    record(actor, "invitation:revoked", invitation)


def _mail_invitation(invitation: Invitation, token: str) -> None:
    link = f"{current_app.config['MDMA_BASE_URL']}/account/invitation/{token}"
    with force_locale(BABEL_LOCALES.get(invitation.language, BABEL_LOCALES["nl"])):
        subject = _("Your invitation to the MDMA platform")
        text = render_template("mail/invitation.txt", invitation=invitation, link=link)
    after_commit(lambda: send_mail(invitation.email, subject, text))


def open_invitation(token: str) -> Invitation | None:
    """The invitation a link points to, if it can still be used."""
    invitation = db.session.scalar(
        sa.select(Invitation).where(Invitation.token_hash == digest(token))
    )
    if invitation is None or invitation.accepted_at or invitation.revoked_at:
        return None
    if invitation.expires_at < utcnow():
        return None
    return invitation


def accept_invitation(invitation: Invitation, *, password: str, language: str) -> User:
    """Create the account; the invitation cannot be used again."""
    _check_email_free(invitation.email)
    check_new_password(password, invitation.email, invitation.name)
    user = User(
        email=invitation.email,
        name=invitation.name,
        handle=unique_handle(invitation.name),
        role=invitation.role,
        organisation=invitation.organisation,
        sectors=list(invitation.sectors),
        password_hash=hash_password(password),
        language=language,
    )
    db.session.add(user)
    invitation.accepted_at = utcnow()
    db.session.flush()
    invitation.user_id = user.id
    record(user, "invitation:accepted", invitation)
    for hook in ON_ACCEPT:
        hook(invitation, user)
    return user


def create_user(actor, *, email, name, role, password, organisation=None, sectors=()) -> User:
    """Direct creation, for the CLI and demo data (actor None = the system)."""
    if actor is not None:
        require(actor, Permission.USER_MANAGE)
    email = normalise_email(email)
    check_email(email)
    _check_email_free(email)
    _check_sectors(role, list(sectors))
    check_new_password(password, email, name)
    user = User(
        email=email,
        name=name.strip(),
        handle=unique_handle(name),
        role=role,
        organisation=organisation,
        sectors=list(sectors),
        password_hash=hash_password(password),
    )
    db.session.add(user)
    db.session.flush()
    record(actor, "user:created", user, role=role)
    return user


# --- Profile and administration ----------------------------------------------------------


def update_profile(
    actor,
    user: User,
    *,
    name,
    handle,
    language,
    mail_frequency,
    notify_on_mention,
    notify_on_follow,
) -> User:
    """Users edit their own profile; organisation, sectors and role are set by an admin."""
    require(actor, Permission.PROFILE_MANAGE, user)
    handle = handle.strip().lower()
    taken = db.session.scalar(sa.select(User.id).where(User.handle == handle, User.id != user.id))
    if taken is not None:
        raise RuleViolation(_("This handle is taken."), "handle")
    user.name = name.strip()
    user.handle = handle
    user.language = language
    user.mail_frequency = mail_frequency
    user.notify_on_mention = notify_on_mention
    user.notify_on_follow = notify_on_follow
    record(actor, "user:profile_updated", user)
    return user


def set_language(actor, language: str) -> None:
    actor.language = language
    record(actor, "user:language_changed", actor, language=language)


def change_password(actor, *, current: str, new: str, keep: LoginSession | None = None) -> None:
    """A new password ends every other session of the account (`keep` is the one in use)."""
    if not verify_password(actor.password_hash, current):
        raise RuleViolation(_("Your current password is not correct."), "current_password")
    check_new_password(new, actor.email, actor.name, "new_password")
    actor.password_hash = hash_password(new)
    actor.session_version += 1
    logins.end_all(actor, keep=keep)
    record(actor, "user:password_changed", actor)


def log_out_everywhere(actor) -> int:
    """Every session of one's account ends, on every device (API tokens are kept)."""
    require(actor, Permission.PROFILE_MANAGE, actor)
    ended = logins.end_all(actor)
    record(actor, "user:logged_out_everywhere", actor, sessions=ended)
    return ended


def update_user(actor, user: User, *, name, email, role, organisation, sectors) -> User:
    """An admin sets who someone is in the network: role, organisation, sectors."""
    require(actor, Permission.USER_MANAGE)
    email = normalise_email(email)
    _check_email_free(email, except_user=user)
    _check_sectors(role, list(sectors))
    if user.id == actor.id and role != Role.ADMIN:
        raise RuleViolation(_("You cannot take away your own administrator role."), "role")
    changed = [
        field
        for field, new in (("name", name.strip()), ("email", email), ("role", role))
        if getattr(user, field) != new
    ]
    user.name, user.email, user.role = name.strip(), email, role
    user.organisation = organisation
    user.sectors = list(sectors)
    record(actor, "user:updated", user, fields=changed)
    return user


def set_active(actor, user: User, active: bool) -> User:
    """Deactivate (or reactivate) an account; what it wrote stays, attributed to it."""
    require(actor, Permission.USER_MANAGE)
    if user.id == actor.id and not active:
        raise RuleViolation(_("You cannot deactivate your own account."))
    if user.active != active:
        user.active = active
        user.session_version += 1
        logins.end_all(user)
        record(actor, "user:activated" if active else "user:deactivated", user)
    return user
