"""One format per kind of date, months by name, in the reader's language and Brussels time."""

from datetime import date, datetime

import pytest
from babel import Locale

from mdma.config import LANGUAGES
from mdma.core.dates import MONTHS, format_when


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("nl_BE", "7 december 2026"), ("fr_BE", "7 décembre 2026"), ("en_GB", "7 December 2026")],
)
def test_a_date_names_its_month_in_the_readers_language(locale, expected):
    assert format_when(date(2026, 12, 7), "date", locale) == expected


def test_a_moment_is_shown_in_brussels_time():
    # 23:30 UTC on 31 March 2026 is 1:30 on 1 April in Brussels (summer time).
    assert format_when(datetime(2026, 3, 31, 23, 30), "datetime", "nl_BE") == "1 april 2026, 01:30"


def test_a_month_of_evidence_reads_by_name():
    assert format_when("2026-03", "month", "fr_BE") == "mars 2026"
    assert format_when(date(2026, 3, 9), "month", "en_GB") == "March 2026"


def test_nothing_shows_nothing():
    assert format_when(None) == ""


def test_templates_have_one_date_filter_for_every_kind(app):
    with app.test_request_context():  # nobody signed in: Dutch
        rendered = app.jinja_env.from_string(
            "{{ d|date }} / {{ d|date('month') }} / {{ t|date('datetime') }}"
        ).render(d=date(2026, 2, 1), t=datetime(2026, 2, 1, 9, 5))
    assert rendered == "1 februari 2026 / februari 2026 / 1 februari 2026, 10:05"


@pytest.mark.parametrize("language", sorted(MONTHS))
def test_the_kept_month_names_are_babels(language):
    """The names kept for the interface's languages are CLDR's, in a date and on their own."""
    names = Locale.parse(language).months
    for form in ("format", "stand-alone"):
        assert MONTHS[language] == tuple(names[form]["wide"][m] for m in range(1, 13))


def test_every_interface_language_has_its_month_names_kept():
    assert set(LANGUAGES) <= set(MONTHS)


def test_another_language_reads_its_month_names_from_babel():
    assert format_when(date(2026, 12, 7), "date", "de_DE") == "7 Dezember 2026"
