"""Users and the tokens that act for them (invitations, API tokens, log-in sessions), and
failed log-ins."""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mdma.core.models import Timestamped
from mdma.directory.models import Organisation, Sector
from mdma.extensions import db
from mdma.permissions import ROLE_LABELS, Permission, Role, protect


class MailFrequency(StrEnum):
    IMMEDIATELY = "immediately"
    DAILY = "daily"
    WEEKLY = "weekly"
    NEVER = "never"


MAIL_FREQUENCY_LABELS = {
    MailFrequency.IMMEDIATELY: _l("Immediately"),
    MailFrequency.DAILY: _l("Daily digest"),
    MailFrequency.WEEKLY: _l("Weekly digest"),
    MailFrequency.NEVER: _l("Never"),
}

user_sectors = db.Table(
    "user_sectors",
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("sector_id", sa.ForeignKey("sectors.id", ondelete="CASCADE"), primary_key=True),
)

invitation_sectors = db.Table(
    "invitation_sectors",
    sa.Column(
        "invitation_id", sa.ForeignKey("invitations.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("sector_id", sa.ForeignKey("sectors.id", ondelete="CASCADE"), primary_key=True),
)


class User(UserMixin, Timestamped, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    #: What others type after `@` to mention this user.
    handle: Mapped[str] = mapped_column(sa.String(40), unique=True, nullable=False)
    role: Mapped[str] = mapped_column(sa.String(20), nullable=False)
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"))
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    #: Deactivated users keep everything they wrote, still attributed, but cannot sign in.
    active: Mapped[bool] = mapped_column(default=True, nullable=False)
    language: Mapped[str] = mapped_column(sa.String(5), nullable=False, default="nl")
    mail_frequency: Mapped[str] = mapped_column(
        sa.String(16), nullable=False, default=MailFrequency.IMMEDIATELY
    )
    notify_on_mention: Mapped[bool] = mapped_column(default=True, nullable=False)
    notify_on_follow: Mapped[bool] = mapped_column(default=True, nullable=False)
    last_login_at: Mapped[datetime | None] = mapped_column(sa.DateTime)
    #: Changes whenever the password does, so reset links and sessions made before die with it.
    session_version: Mapped[int] = mapped_column(default=1, nullable=False)

    organisation: Mapped[Organisation | None] = relationship(lazy="joined")
    #: Loaded when read (mostly the signed-in user's own, for a permission): loading them with
    #: every query that returns users cost pages two statements per such query.
    sectors: Mapped[list[Sector]] = relationship(secondary=user_sectors, order_by="Sector.position")

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return str(self.id)

    #: The log-in this request acts in and the cookie value that names it (`logins` sets
    #: both; Flask-Login stores `login_credential()` in the session and remember cookies).
    current_login = None
    credential = None

    def login_credential(self) -> str | None:
        return self.credential

    @property
    def role_label(self):
        return ROLE_LABELS[Role(self.role)]

    def __repr__(self):
        return f"<User {self.handle}>"


class Invitation(Timestamped, db.Model):
    """A single-use, expiring link with which an invitee creates their account."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), nullable=False, index=True)
    name: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    role: Mapped[str] = mapped_column(sa.String(20), nullable=False)
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"))
    #: SHA-256 of the token in the link; the token itself is only in the mail.
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False)
    invited_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    accepted_at: Mapped[datetime | None] = mapped_column(sa.DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(sa.DateTime)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: The invitation mail's language, and the account's until its owner picks another.
    language: Mapped[str] = mapped_column(
        sa.String(5), nullable=False, default="nl", server_default="nl"
    )

    organisation: Mapped[Organisation | None] = relationship(lazy="joined")
    sectors: Mapped[list[Sector]] = relationship(secondary=invitation_sectors, lazy="selectin")
    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id], lazy="joined")

    @property
    def role_label(self):
        return ROLE_LABELS[Role(self.role)]


class ApiToken(Timestamped, db.Model):
    """A personal access token: acts with its owner's permissions until revoked or expired."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(sa.String(80), nullable=False)
    #: The first characters, shown so the owner can tell tokens apart.
    prefix: Mapped[str] = mapped_column(sa.String(12), nullable=False)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True, nullable=False)
    expires_at: Mapped[datetime | None] = mapped_column(sa.DateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(sa.DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(sa.DateTime)

    user: Mapped[User] = relationship(lazy="joined")


class LoginSession(db.Model):
    """One log-in on one device. Its cookies carry the id and a secret made at log-in; only the
    secret's SHA-256 is stored. Log-out deletes the row, so a copied cookie dies with it."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True
    )
    secret_hash: Mapped[str] = mapped_column(sa.String(64), unique=True, nullable=False)
    #: "Remember me": the session outlives the browser, up to the remember cookie's lifetime.
    remember: Mapped[bool] = mapped_column(default=False, nullable=False)
    #: Browser and system ("Firefox on Linux"), so the owner can tell sessions apart.
    device: Mapped[str] = mapped_column(sa.String(80), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False)
    last_used_at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False, index=True)

    user: Mapped[User] = relationship(lazy="joined")


class LoginFailure(db.Model):
    """One failed log-in, keyed by account or by a hash of the client address."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: `email:<address>` or `ip:<sha256 of the address>` — no raw IP addresses are kept.
    key: Mapped[str] = mapped_column(sa.String(300), nullable=False)
    at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False)

    __table_args__ = (sa.Index("ix_login_failures_key_at", "key", "at"),)


# Who may do what with one account: one's own profile and one's own tokens.
protect("users", rules={Permission.PROFILE_MANAGE: lambda actor, user: actor.id == user.id})
protect(
    "api_tokens", rules={Permission.PROFILE_MANAGE: lambda actor, token: actor.id == token.user_id}
)
protect(
    "login_sessions",
    rules={Permission.PROFILE_MANAGE: lambda actor, login: actor.id == login.user_id},
)
