"""One notification for one user about one object; `data` holds what its message names."""

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from mdma.core.time import utcnow
from mdma.extensions import db


class Notification(db.Model):
    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), nullable=False)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: `domain.event`, e.g. `bottleneck.routed`; its message is registered by that domain.
    kind: Mapped[str] = mapped_column(sa.String(40), nullable=False)
    #: Where the notification leads (a path inside the platform).
    url: Mapped[str] = mapped_column(sa.String(300), nullable=False)
    data: Mapped[dict] = mapped_column(sa.JSON, nullable=False, default=dict)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(sa.DateTime)
    #: Mailed at once or in a digest; never mailed twice.
    mailed_at: Mapped[datetime | None] = mapped_column(sa.DateTime)

    __table_args__ = (
        sa.Index("ix_notifications_user_unread", "user_id", "read_at", "id"),
        sa.Index("ix_notifications_unmailed", "mailed_at", "user_id"),
    )


class Delivery(StrEnum):
    """How one user hears of one kind of notification by e-mail."""

    IMMEDIATELY = "immediately"
    DAILY = "daily"
    NEVER = "never"


DELIVERY_LABELS = {
    Delivery.IMMEDIATELY: _l("An e-mail at once"),
    Delivery.DAILY: _l("In the daily digest"),
    Delivery.NEVER: _l("No e-mail"),
}


class NotificationSetting(db.Model):
    """One user's choice for one kind; without a row their general mail setting holds."""

    __tablename__ = "notification_settings"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    delivery: Mapped[str] = mapped_column(sa.String(16), nullable=False)


class Digest(db.Model):
    """A daily digest sent to one user on one day: the command sends at most one a day."""

    __tablename__ = "notification_digests"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(sa.Date, primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)
