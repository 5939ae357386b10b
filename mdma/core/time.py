"""Time in one place: the database keeps naive UTC, people see Europe/Brussels."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Naive UTC, as stored in every DateTime column (SQLite keeps no zone)."""
    return datetime.now(UTC).replace(tzinfo=None)
