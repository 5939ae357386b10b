"""Dates as people read them: one format per kind, months by name, in the reader's language.

    date      7 december 2026          a day (deadlines, submissions)
    datetime  7 december 2026, 14:05   a moment, in Brussels time (posts, steps, log-ins)
    month     december 2026            a month of evidence

Formatting is plain string work, cheap enough for a list of a hundred rows. The month names of
the interface's languages are CLDR's, kept here (tests/core/test_dates.py checks them against
Babel's): reading them from Babel loads the whole locale, 3.5 MiB in every serving process for
twelve words. Another language's are read from Babel once.
"""

from datetime import UTC, date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from babel import Locale
from flask_babel import get_locale

BRUSSELS = ZoneInfo("Europe/Brussels")
KINDS = ("date", "datetime", "month")


#: Month names, January first, of the interface's languages: in these three a month is named the
#: same in a date and on its own.
MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}  # fmt: skip


@cache
def _months(locale: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(in a date, on its own) month names, January first."""
    known = MONTHS.get(locale.split("_")[0])
    if known:
        return known, known
    names = Locale.parse(locale).months
    return (
        tuple(names["format"]["wide"][m] for m in range(1, 13)),
        tuple(names["stand-alone"]["wide"][m] for m in range(1, 13)),
    )


def local(moment: datetime) -> datetime:
    """A stored moment (naive UTC) in Brussels time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(BRUSSELS)


def format_when(value, kind: str = "date", locale: str | None = None) -> str:
    """`value` (a date, a datetime in naive UTC, or "YYYY-MM[-DD]") as `kind` says."""
    if value is None or value == "":
        return ""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of date: {kind}")
    if isinstance(value, str):
        value = date.fromisoformat(value if len(value) > 7 else value + "-01")
    if isinstance(value, datetime):
        value = local(value)
    in_date, alone = _months(locale or str(get_locale() or "nl_BE"))
    if kind == "month":
        return f"{alone[value.month - 1]} {value.year}"
    day = f"{value.day} {in_date[value.month - 1]} {value.year}"
    if kind == "datetime" and isinstance(value, datetime):
        return f"{day}, {value.hour:02d}:{value.minute:02d}"
    return day
