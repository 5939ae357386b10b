"""Sessions of the network: their types, invitations, registrations, agenda items with minutes
and decisions, action points, and the secret addresses of personal calendar feeds.

Times are kept as naive UTC like every DateTime column; people plan and read them in Brussels
time (`sessions.times`).
"""

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mdma.accounts.models import User
from mdma.core.lifecycle import Stepped
from mdma.core.models import Timestamped
from mdma.core.time import utcnow
from mdma.directory.models import Organisation, Sector
from mdma.extensions import db


class SessionStatus(StrEnum):
    PLANNED = "planned"
    CANCELLED = "cancelled"


class RegistrationStatus(StrEnum):
    REGISTERED = "registered"
    WAITING = "waiting"
    DECLINED = "declined"
    CANCELLED = "cancelled"


REGISTRATION_LABELS = {
    RegistrationStatus.REGISTERED: _l("Registered"),
    RegistrationStatus.WAITING: _l("On the waiting list"),
    RegistrationStatus.DECLINED: _l("Not coming"),
    RegistrationStatus.CANCELLED: _l("Registration cancelled"),
}


class ItemKind(StrEnum):
    BOTTLENECK = "bottleneck"
    #: A proposal: works through the resolver proposals registers in `sessions.hooks`.
    PROPOSAL = "proposal"
    TEXT = "text"


class ActionState(StrEnum):
    OPEN = "open"
    DONE = "done"


ACTION_STATE_LABELS = {ActionState.OPEN: _l("Open"), ActionState.DONE: _l("Done")}


class SessionType(db.Model):
    """A kind of meeting (lunch talk, deep-dive, …), configurable by the administrator."""

    __tablename__ = "session_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(40), unique=True, nullable=False)
    name_nl: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    name_fr: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    name_en: Mapped[str] = mapped_column(sa.String(120), nullable=False)
    #: Open to everyone in the network, or only to those invited.
    by_invitation: Mapped[bool] = mapped_column(default=False, nullable=False)
    default_minutes: Mapped[int] = mapped_column(default=90, nullable=False)
    default_capacity: Mapped[int | None] = mapped_column()
    #: The usual rhythm, in words of the type's own (e.g. "bimonthly").
    rhythm: Mapped[str] = mapped_column(sa.String(40), nullable=False, default="")
    position: Mapped[int] = mapped_column(default=0, nullable=False)

    @property
    def name(self) -> str:
        language = str(get_locale() or "nl")[:2]
        return getattr(self, f"name_{language}", None) or self.name_nl


session_sectors = db.Table(
    "session_sectors",
    sa.Column("session_id", sa.ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("sector_id", sa.ForeignKey("sectors.id", ondelete="CASCADE"), primary_key=True),
)
session_organisations = db.Table(
    "session_organisations",
    sa.Column("session_id", sa.ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "organisation_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True
    ),
)
session_invitees = db.Table(
    "session_invitees",
    sa.Column("session_id", sa.ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


#: Guests invited by e-mail who have no account yet: the invitation of their account, per
#: session; when they accept it they become the session's invitees (`sessions.guests`).
session_guests = db.Table(
    "session_guests",
    sa.Column("session_id", sa.ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "invitation_id", sa.ForeignKey("invitations.id", ondelete="CASCADE"), primary_key=True
    ),
)


class Session(Timestamped, db.Model):
    """One meeting of the network."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    type_id: Mapped[int] = mapped_column(sa.ForeignKey("session_types.id"), nullable=False)
    theme: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    description: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    starts_at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False, index=True)
    ends_at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False)
    place: Mapped[str] = mapped_column(sa.String(200), nullable=False, default="")
    online_url: Mapped[str] = mapped_column(sa.String(500), nullable=False, default="")
    #: None: no limit.
    capacity: Mapped[int | None] = mapped_column()
    #: Places taken, moved only by one conditional UPDATE (`registrations.take_place`).
    registered_count: Mapped[int] = mapped_column(default=0, nullable=False)
    status: Mapped[str] = mapped_column(sa.String(20), nullable=False, default="planned")
    #: The iCalendar identity: the same UID for every mail about it, SEQUENCE raised per change.
    uid: Mapped[str] = mapped_column(sa.String(120), unique=True, nullable=False)
    sequence: Mapped[int] = mapped_column(default=0, nullable=False)
    organiser_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), nullable=False)
    minute_taker_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: The session before it in its series (the minutes to approve).
    previous_id: Mapped[int | None] = mapped_column(sa.ForeignKey("sessions.id"))
    #: Sessions planned at once as a series share its first session's id.
    series_id: Mapped[int | None] = mapped_column(index=True)
    version: Mapped[int] = mapped_column(default=1, nullable=False)
    #: Its minutes approved, at the next session of its series: when and by whom. Approved
    #: minutes are published: what guests read, and no longer changed.
    minutes_approved_at: Mapped[datetime | None] = mapped_column(sa.DateTime)
    minutes_approved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    type: Mapped[SessionType] = relationship(lazy="joined")
    minutes_approved_by: Mapped[User | None] = relationship(foreign_keys=[minutes_approved_by_id])
    organiser: Mapped[User] = relationship(foreign_keys=[organiser_id])
    minute_taker: Mapped[User | None] = relationship(foreign_keys=[minute_taker_id])
    previous: Mapped["Session | None"] = relationship(remote_side=[id])
    sectors: Mapped[list[Sector]] = relationship(secondary=session_sectors)
    organisations: Mapped[list[Organisation]] = relationship(secondary=session_organisations)
    invitees: Mapped[list[User]] = relationship(secondary=session_invitees)
    items: Mapped[list["AgendaItem"]] = relationship(
        back_populates="session", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at < utcnow()

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.registered_count >= self.capacity

    @property
    def title(self) -> str:
        return f"{self.type.name}: {self.theme}"


class Registration(Timestamped, db.Model):
    """One person's answer to one session; the waiting list is in order of `id`."""

    __tablename__ = "session_registrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), nullable=False)
    status: Mapped[str] = mapped_column(sa.String(20), nullable=False)
    #: Recorded by the coordinator afterwards; None until then.
    attended: Mapped[bool | None] = mapped_column()
    #: When a place became theirs (registering, or promotion from the waiting list).
    placed_at: Mapped[datetime | None] = mapped_column(sa.DateTime)

    user: Mapped[User] = relationship(lazy="joined")

    __table_args__ = (sa.UniqueConstraint("session_id", "user_id"),)

    @property
    def status_label(self):
        return REGISTRATION_LABELS[RegistrationStatus(self.status)]


class AgendaItem(db.Model):
    """One point of a session's agenda: a bottleneck, a proposal (its link kept by proposals) or free text, with its
    minutes in Markdown and its decisions."""

    __tablename__ = "session_agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False, index=True
    )
    position: Mapped[int] = mapped_column(nullable=False, default=1)
    kind: Mapped[str] = mapped_column(sa.String(20), nullable=False)
    bottleneck_id: Mapped[int | None] = mapped_column(sa.ForeignKey("bottlenecks.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200), nullable=False, default="")
    minutes_slot: Mapped[int | None] = mapped_column()
    presenter_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    minutes: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")

    session: Mapped[Session] = relationship(back_populates="items")
    bottleneck = relationship("Bottleneck")
    presenter: Mapped[User | None] = relationship()
    decisions: Mapped[list["Decision"]] = relationship(
        order_by="Decision.id", cascade="all, delete-orphan"
    )
    action_points: Mapped[list["ActionPoint"]] = relationship(
        back_populates="item", order_by="ActionPoint.id", cascade="all, delete-orphan"
    )

    @property
    def heading(self) -> str:
        return self.bottleneck.title if self.bottleneck is not None else self.title


class Decision(db.Model):
    __tablename__ = "session_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("session_agenda_items.id", ondelete="CASCADE"), nullable=False, index=True
    )
    text: Mapped[str] = mapped_column(sa.Text, nullable=False)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime, default=utcnow, nullable=False)

    item: Mapped[AgendaItem] = relationship(overlaps="decisions")


class ActionPoint(Stepped, Timestamped, db.Model):
    """Something someone does after a session: an owner, a due date and a state."""

    __tablename__ = "session_action_points"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("session_agenda_items.id", ondelete="CASCADE"), nullable=False, index=True
    )
    text: Mapped[str] = mapped_column(sa.Text, nullable=False)
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), nullable=False, index=True)
    due_on: Mapped[date] = mapped_column(sa.Date, nullable=False)
    state: Mapped[str] = mapped_column(sa.String(20), nullable=False, default="open")
    done_at: Mapped[datetime | None] = mapped_column(sa.DateTime)
    reminded_on: Mapped[date | None] = mapped_column(sa.Date)

    item: Mapped[AgendaItem] = relationship(back_populates="action_points")
    owner: Mapped[User] = relationship(lazy="joined")

    @property
    def is_done(self) -> bool:
        return self.state == ActionState.DONE

    def is_overdue(self, today: date | None = None) -> bool:
        return not self.is_done and self.due_on < (today or date.today())

    @property
    def state_label(self):
        return ACTION_STATE_LABELS[ActionState(self.state)]


class CalendarFeed(db.Model):
    """The secret address of one person's calendar feed: only its SHA-256 is kept; a new
    address revokes the old one."""

    __tablename__ = "session_calendar_feeds"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True, nullable=False)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime, default=utcnow, nullable=False)

    user: Mapped[User] = relationship()


class ProposedItem(db.Model):
    """A bottleneck a policy owner (or the coordinator) proposed for the next session of a
    type: offered as a suggested agenda item there, until it is on such a session's agenda."""

    __tablename__ = "session_proposed_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    bottleneck_id: Mapped[int] = mapped_column(
        sa.ForeignKey("bottlenecks.id", ondelete="CASCADE"), nullable=False
    )
    type_id: Mapped[int] = mapped_column(
        sa.ForeignKey("session_types.id", ondelete="CASCADE"), nullable=False, index=True
    )
    proposed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime, default=utcnow, nullable=False)

    type: Mapped[SessionType] = relationship(lazy="joined")
    proposed_by: Mapped[User | None] = relationship()

    __table_args__ = (sa.UniqueConstraint("bottleneck_id", "type_id"),)
