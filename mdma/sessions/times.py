"""Session times: planned in Brussels time, kept as naive UTC, right across daylight saving.

A wall-clock time that does not exist in Brussels (the hour skipped on the last Sunday of
March) is refused; one that happens twice (the hour repeated on the last Sunday of October) is
taken as the first, summer-time one.
"""

from datetime import UTC, date, datetime, time

from flask_babel import lazy_gettext as _l

from mdma.core.dates import BRUSSELS
from mdma.core.errors import RuleViolation


def from_local(day: date, clock: time, field: str = "starts_at") -> datetime:
    """A day and a wall-clock time in Brussels as naive UTC."""
    local = datetime.combine(day, clock).replace(tzinfo=BRUSSELS, fold=0)
    moment = local.astimezone(UTC)
    if moment.astimezone(BRUSSELS).replace(tzinfo=None) != local.replace(tzinfo=None):
        raise RuleViolation(
            _l("This time does not exist in Brussels: the clocks go forward that night."), field
        )
    return moment.replace(tzinfo=None)


def to_utc(moment: datetime) -> datetime:
    """Any moment as naive UTC; a naive one is UTC already (as stored, and as `from_local`
    gives it)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def in_brussels(moment: datetime) -> datetime:
    """A stored moment (naive UTC) as an aware Brussels time."""
    return moment.replace(tzinfo=UTC).astimezone(BRUSSELS)
