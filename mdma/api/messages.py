"""The input messages of marshmallow and webargs ("Missing data for required field.") in the
caller's language: each known message, with the values it names, is looked up in the
catalogue at the edge, where the error becomes JSON."""

import re
from functools import cache

from flask_babel import gettext


def _l(message: str) -> str:
    """Marks a message for the catalogue (babel.cfg's keyword); translated in `translate`."""
    return message


#: The messages of the fields and validators the API uses, as marshmallow writes them, with
#: `%(name)s` where marshmallow puts a value (`{name}`).
KNOWN = [
    _l("Missing data for required field."),
    _l("Field may not be null."),
    _l("Invalid value."),
    _l("Not a valid integer."),
    _l("Not a valid number."),
    _l("Number too large."),
    _l("Not a valid boolean."),
    _l("Not a valid string."),
    _l("Not a valid list."),
    _l("Not a valid date."),
    _l("Not a valid datetime."),
    _l("Not a valid mapping type."),
    _l("Invalid input type."),
    _l("Unknown field."),
    _l("Not a valid email address."),
    _l("Must be one of: %(choices)s."),
    _l("Shorter than minimum length %(min)s."),
    _l("Longer than maximum length %(max)s."),
    _l("Length must be between %(min)s and %(max)s."),
    _l("Length must be %(equal)s."),
    _l("Must be greater than or equal to %(min)s."),
    _l("Must be less than or equal to %(max)s."),
    _l("Must be greater than or equal to %(min)s and less than or equal to %(max)s."),
]


@cache
def _patterns() -> list[tuple[re.Pattern, str]]:
    """Each known message as a pattern of its English text, and its msgid."""
    found = []
    for msgid in KNOWN:
        pattern = re.sub(r"%\\\((\w+)\\\)s", r"(?P<\1>.+?)", re.escape(msgid))
        found.append((re.compile(f"^{pattern}$"), msgid))
    return found


def translate(message: str) -> str:
    for pattern, msgid in _patterns():
        match = pattern.match(message)
        if match:
            return gettext(msgid, **match.groupdict())
    return message


def translate_fields(fields: dict) -> dict:
    """`{"field": ["message", …]}`, nested as webargs gives it, with the messages translated."""

    def each(value):
        if isinstance(value, str):
            return translate(value)
        if isinstance(value, list):
            return [each(item) for item in value]
        if isinstance(value, dict):
            return {key: each(item) for key, item in value.items()}
        return value

    return each(fields)
