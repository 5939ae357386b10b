"""The logbook: every action on the platform, recorded once, for accountability and research."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from mdma.core.time import utcnow
from mdma.extensions import db


class LogEntry(db.Model):
    __tablename__ = "log_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(sa.DateTime, default=utcnow, nullable=False, index=True)
    #: Null for the system itself (CLI, scheduled tasks) and for anonymous attempts.
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    #: `subject:verb`, e.g. `user:invited`, `sector:archived`.
    action: Mapped[str] = mapped_column(sa.String(64), nullable=False, index=True)
    subject_type: Mapped[str | None] = mapped_column(sa.String(32))
    subject_id: Mapped[int | None] = mapped_column()
    #: Small structured facts (ids, states, field names) — never free text of the content.
    data: Mapped[dict] = mapped_column(sa.JSON, default=dict, nullable=False)

    __table_args__ = (sa.Index("ix_log_entries_subject", "subject_type", "subject_id"),)


def record(actor, action: str, subject=None, **data) -> LogEntry:
    """Add one entry to the session; the caller's transaction commits it with the change."""
    entry = LogEntry(
        actor_id=getattr(actor, "id", None),
        action=action,
        subject_type=getattr(subject, "__tablename__", None),
        subject_id=getattr(subject, "id", None),
        data=data,
    )
    db.session.add(entry)
    return entry
