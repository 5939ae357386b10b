"""One notification for one user about one object; `data` holds what its message names."""

from datetime import datetime

import sqlalchemy as sa
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

    __table_args__ = (sa.Index("ix_notifications_user_unread", "user_id", "read_at", "id"),)
