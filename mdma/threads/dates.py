"""When a post was written, as the `datetime` filter says it (Babel's short date and time in
the reader's language and time zone), but quick enough for a page of 500 posts: Babel's
formatting costs about a millisecond a call, so the date is formatted once per day and the
time once per minute of the day, and both are kept."""

from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time, get_datetime_format
from flask_babel import get_locale, get_timezone


@lru_cache(maxsize=4096)
def _date(day: date, locale: str) -> str:
    return format_date(day, "short", locale=locale)


@lru_cache(maxsize=3 * 1440)
def _time(moment: time, locale: str) -> str:
    return format_time(moment, "short", locale=locale)


@lru_cache(maxsize=8)
def _joined(locale: str) -> str:
    return get_datetime_format("short", locale=locale)


def short(value: datetime | None) -> str:
    """A stored (naive UTC) moment in the reader's zone: `07-12-2026 13:45` in Dutch."""
    if value is None:
        return ""
    zone = get_timezone() or ZoneInfo("Europe/Brussels")
    local = value.replace(tzinfo=UTC).astimezone(zone)
    locale = str(get_locale() or "nl")
    return (
        _joined(locale)
        .replace("{1}", _date(local.date(), locale))
        .replace("{0}", _time(local.time().replace(second=0, microsecond=0), locale))
    )
