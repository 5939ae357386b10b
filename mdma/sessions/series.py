"""Series: sessions planned at once on a rhythm, e.g. the second Tuesday of every other month.

Each date keeps the wall-clock time in Brussels across daylight saving; each session links to
the one before it, and from the second on its agenda starts with approving the previous
session's minutes.
"""

from datetime import date, time, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from mdma.core.errors import RuleViolation
from mdma.sessions import agenda, services
from mdma.sessions.models import Session
from mdma.sessions.times import from_local

#: Most sessions planned at once.
MAX_COUNT = 24


def nth_weekday(first: date) -> tuple[int, int]:
    """Which weekday of its month a day is: (weekday, n), n from 1; 5 means the last."""
    n = (first.day - 1) // 7 + 1
    return first.weekday(), 5 if (first + timedelta(days=7)).month != first.month else n


def _in_month(year: int, month: int, weekday: int, n: int) -> date:
    day = date(year, month, 1)
    day += timedelta(days=(weekday - day.weekday()) % 7)
    if n == 5:
        while (day + timedelta(days=7)).month == month:
            day += timedelta(days=7)
        return day
    return day + timedelta(days=7 * (n - 1))


def dates(first: date, every_months: int, count: int) -> list[date]:
    """`count` days from `first`, every `every_months` months on the same weekday of the month
    (the second Tuesday; the last Friday)."""
    weekday, n = nth_weekday(first)
    days = []
    for step in range(count):
        months = first.month - 1 + step * every_months
        days.append(_in_month(first.year + months // 12, months % 12 + 1, weekday, n))
    return days


def plan_series(
    actor, plan: services.Plan, *, day: date, start: time, end: time, every_months: int,
    count: int, confirmed: bool = False,
) -> list[Session]:  # fmt: skip
    """Plan `count` sessions like `plan`, the first on `day`, then every `every_months` months."""
    if not 1 <= every_months <= 12:
        raise RuleViolation(_l("Repeat every 1 to 12 months."), "every_months")
    if not 2 <= count <= MAX_COUNT:
        raise RuleViolation(_l("A series has 2 to %(max)s sessions.", max=MAX_COUNT), "count")
    planned: list[Session] = []
    for when in dates(day, every_months, count):
        plan.starts_at, plan.ends_at = from_local(when, start), from_local(when, end, "ends_at")
        plan.previous = planned[-1] if planned else None
        meeting = services.plan(actor, plan, confirmed=confirmed)
        if planned:
            agenda.add_item(actor, meeting, kind="text",
                            title=_("Approve the minutes of the previous session"))  # fmt: skip
        else:
            meeting.series_id = meeting.id
        planned.append(meeting)
    return planned
