"""What a re-scan of the stored texts found: one row per finding, never the text found.

A finding is known by its field, its object, its kind and a keyed hash of what was found, so
the next re-scan recognises it: a dismissed false alarm stays dismissed, an open one moves
along when the text around it changes. The keyed hash of the whole text at scan time tells a
redaction whether the text changed since (then it refuses: 409).
"""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from mdma.core.time import utcnow
from mdma.extensions import db


class FindingStatus(StrEnum):
    OPEN = "open"
    REDACTED = "redacted"
    DISMISSED = "dismissed"


class StoredFinding(db.Model):
    __tablename__ = "privacy_findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The registry's name of the text: "bottleneck.description", "post.body" …
    field: Mapped[str] = mapped_column(sa.String(60), nullable=False)
    object_id: Mapped[int] = mapped_column(nullable=False)
    kind: Mapped[str] = mapped_column(sa.String(30), nullable=False)
    start: Mapped[int] = mapped_column(nullable=False)
    end: Mapped[int] = mapped_column(nullable=False)
    #: HMAC-SHA256 (the app's secret key) of what was found, and of the whole text then.
    value_hash: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    text_hash: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    status: Mapped[str] = mapped_column(sa.String(12), nullable=False, default=FindingStatus.OPEN)
    found_at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(sa.DateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    __table_args__ = (
        sa.UniqueConstraint("field", "object_id", "kind", "value_hash", name="uq_privacy_finding"),
        sa.Index("ix_privacy_findings_status", "status", "id"),
    )
