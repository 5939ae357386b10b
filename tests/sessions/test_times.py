"""Planning in Brussels time, right across the daylight-saving changes (the last Sundays of
March and October)."""

from datetime import date, time

import pytest

from mdma.core.errors import RuleViolation
from mdma.sessions.times import from_local, in_brussels


def test_a_morning_before_and_after_the_spring_change_keeps_its_wall_clock_time():
    assert from_local(date(2027, 3, 27), time(10)).hour == 9  # winter: UTC+1
    assert from_local(date(2027, 3, 28), time(10)).hour == 8  # summer from that night: UTC+2


def test_a_morning_before_and_after_the_autumn_change_keeps_its_wall_clock_time():
    assert from_local(date(2027, 10, 30), time(10)).hour == 8
    assert from_local(date(2027, 10, 31), time(10)).hour == 9


def test_the_hour_skipped_in_march_is_refused():
    with pytest.raises(RuleViolation) as refused:
        from_local(date(2027, 3, 28), time(2, 30))
    assert refused.value.field == "starts_at"


def test_the_hour_repeated_in_october_is_the_first_one_in_summer_time():
    moment = from_local(date(2027, 10, 31), time(2, 30))
    assert (moment.hour, moment.minute) == (0, 30)
    assert in_brussels(moment).utcoffset().total_seconds() == 7200


def test_a_stored_moment_reads_back_as_the_wall_clock_time_planned():
    for day in (date(2027, 3, 28), date(2027, 10, 31), date(2027, 7, 1), date(2027, 1, 5)):
        assert in_brussels(from_local(day, time(14, 15))).time() == time(14, 15)
