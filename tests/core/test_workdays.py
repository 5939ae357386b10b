from datetime import date

from mdma.core.workdays import add_working_days, is_working_day, working_days_between


def test_weekends_and_belgian_holidays_are_not_working_days():
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 11, 11))  # Armistice Day, a Wednesday
    assert is_working_day(date(2026, 11, 25))


def test_ten_working_days_from_a_friday_skip_two_weekends():
    assert add_working_days(date(2026, 11, 20), 10) == date(2026, 12, 4)


def test_deadline_skips_christmas_and_new_year():
    # From Tuesday 22 Dec 2026: 23, 24, 28, 29, 30, 31 Dec, 4, 5, 6, 7 Jan.
    assert add_working_days(date(2026, 12, 22), 10) == date(2027, 1, 7)


def test_deadline_skips_easter_monday():
    assert add_working_days(date(2026, 4, 3), 1) == date(2026, 4, 7)


def test_working_days_between_counts_both_ways():
    assert working_days_between(date(2026, 11, 20), date(2026, 12, 4)) == 10
    assert working_days_between(date(2026, 12, 4), date(2026, 11, 20)) == -10
