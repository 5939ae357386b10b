"""What comes in at the edge: text normalised once, ids and pages within bounds.

Every text a request brings — the query string, form fields, the strings and keys of a JSON
body — passes `clean_text` before any form, schema or service sees it: NFC; NUL, the other
control characters (tab and line breaks stay) and lone surrogates removed; a text of
invisible characters alone (zero-width spaces, a byte order mark, blanks) becomes empty, so a
required field refuses it. Both databases then store the same text, and PostgreSQL never
meets a NUL it cannot store.
"""

import re
import unicodedata
from datetime import date

from flask import Request
from flask_sqlalchemy.pagination import Pagination
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items
from werkzeug.routing import IntegerConverter

#: The largest id: id columns are `integer`, four bytes on PostgreSQL.
MAX_ID = 2**31 - 1
#: A count a person types (families met, …): far above any real one, far below MAX_ID.
MAX_COUNT = 1_000
#: Pages of a list past this one are empty, like any page past the end.
MAX_PAGE = 100_000
#: JSON bodies nest no deeper than this (the API's deepest shape has three levels).
MAX_JSON_DEPTH = 32
#: The first day an occurrence or any other date a person gives may fall on.
EARLIEST_DATE = date(2000, 1, 1)

_REMOVED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
#: Letters that show nothing: Hangul fillers and the blank Braille pattern.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def clean_text(text: str) -> str:
    """The text as the platform keeps it (see the module)."""
    text = unicodedata.normalize("NFC", _REMOVED.sub("", text))
    return "" if all(map(_invisible, text)) else text


def _invisible(char: str) -> bool:
    return char.isspace() or char in _BLANK_LETTERS or unicodedata.category(char) in ("Cf", "Zs")


class TooDeep(ValueError):
    """A JSON body nested deeper than MAX_JSON_DEPTH."""


def clean_json(value, depth: int = 0):
    """A decoded JSON body with every string and key cleaned; TooDeep past MAX_JSON_DEPTH."""
    if depth > MAX_JSON_DEPTH:
        raise TooDeep()
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_json(item, depth + 1) for item in value]
    if isinstance(value, dict):
        return {clean_text(key): clean_json(item, depth + 1) for key, item in value.items()}
    return value


class CleanMultiDict(ImmutableMultiDict):
    """Query string and form fields, each key and value cleaned once when the request parses
    them."""

    def __init__(self, mapping=None):
        super().__init__(
            (clean_text(key), clean_text(value) if isinstance(value, str) else value)
            for key, value in iter_multi_items(mapping or ())
        )


class EdgeRequest(Request):
    parameter_storage_class = CleanMultiDict


class IdConverter(IntegerConverter):
    """`<int:…>` in every URL: an id from 1 to MAX_ID; anything else is no address (404)."""

    def __init__(self, map, fixed_digits=0, min=1, max=MAX_ID, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits, min, max, signed)


class BoundedPages(Pagination):
    """A page number asked for past MAX_PAGE is the empty page MAX_PAGE, not an overflow."""

    @staticmethod
    def _prepare_page_args(**kwargs) -> tuple[int, int]:
        page, per_page = Pagination._prepare_page_args(**kwargs)
        return min(page, MAX_PAGE), per_page
