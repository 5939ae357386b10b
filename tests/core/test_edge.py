"""Text normalised once at the edge, and numbers bounded there: the rules, then their
properties over any text (hypothesis)."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from mdma.core.edge import MAX_JSON_DEPTH, TooDeep, clean_json, clean_text

#: Deterministic: the same generated texts on every run.
FIXED = settings(max_examples=200, derandomize=True, database=None, deadline=None)


def test_text_is_kept_in_composed_form():
    assert clean_text("Cafe\u0301") == "Café"


def test_nul_and_control_characters_are_removed():
    assert clean_text("Huur\x00achterstand\x07\x1b[31m\x7f\x85") == "Huurachterstand[31m"


def test_tabs_and_line_breaks_stay():
    assert clean_text("een\ttwee\r\ndrie\n") == "een\ttwee\r\ndrie\n"


def test_lone_surrogates_are_removed():
    assert clean_text("wacht\ud800lijst\udfff") == "wachtlijst"


def test_text_of_invisible_characters_alone_is_empty():
    assert clean_text("\u200b\u200c\u200d\ufeff \u00a0\u2060\u3164\n") == ""


def test_invisible_characters_inside_a_text_stay():
    # A zero-width joiner belongs to emoji sequences; only a text of nothing else is empty.
    assert clean_text("gezin \U0001f468\u200d\U0001f469\u200d\U0001f467") == (
        "gezin \U0001f468\u200d\U0001f469\u200d\U0001f467"
    )


def test_json_strings_and_keys_are_cleaned_at_every_depth():
    body = {"ti\x00tle": "a\x00b", "items": [{"note": "\u200b"}, 3, None, True]}
    assert clean_json(body) == {"title": "ab", "items": [{"note": ""}, 3, None, True]}


def test_json_nested_deeper_than_the_bound_is_refused():
    deep = []
    for _ in range(MAX_JSON_DEPTH + 1):
        deep = [deep]
    try:
        clean_json(deep)
    except TooDeep:
        return
    raise AssertionError("not refused")


@FIXED
@given(st.text())
def test_a_cleaned_text_has_no_control_characters_or_surrogates(text):
    cleaned = clean_text(text)
    assert not any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\t\n\r" for c in cleaned)


@FIXED
@given(st.text())
def test_a_cleaned_text_is_composed_and_cleaning_it_again_changes_nothing(text):
    cleaned = clean_text(text)
    assert unicodedata.is_normalized("NFC", cleaned)
    assert clean_text(cleaned) == cleaned


@FIXED
@given(st.text())
def test_a_cleaned_text_can_be_stored_as_utf8(text):
    clean_text(text).encode("utf-8")
