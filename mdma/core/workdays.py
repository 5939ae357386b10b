"""Working days: deadlines skip weekends and Belgian public holidays (the `holidays` library)."""

from datetime import date, timedelta
from functools import cache


@cache
def _belgian_holidays(year: int):
    import holidays  # on the first deadline: reading pages never loads its country tables

    return holidays.country_holidays("BE", years=year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _belgian_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (the start day itself does not count)."""
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is earlier."""
    if end < start:
        return -working_days_between(end, start)
    return sum(is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))
