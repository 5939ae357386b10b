"""Redaction placeholders (`[naam]`, `[nom]`, `[name]`) shown in the reader's language,
whichever language the writer's text was redacted in."""

import re
from functools import cache

from flask_babel import force_locale, get_locale
from markupsafe import Markup, escape

from mdma.core.i18n import BABEL_LOCALES
from mdma.privacy import KIND_LABELS


@cache
def _pattern() -> tuple[re.Pattern, dict[str, object]]:
    """Every placeholder in every language, and the kind each one stands for."""
    kinds = {}
    for locale in BABEL_LOCALES.values():
        with force_locale(locale):
            kinds.update({str(label).lower(): kind for kind, label in KIND_LABELS.items()})
    words = sorted(kinds, key=len, reverse=True)
    return re.compile(r"\[(" + "|".join(map(re.escape, words)) + r")\]", re.IGNORECASE), kinds


def localise(text: str) -> str:
    """`text` with each placeholder in the current interface language."""
    pattern, kinds = _pattern()
    return pattern.sub(lambda m: f"[{KIND_LABELS[kinds[m.group(1).lower()]]}]", text)


def finalize(value):
    """Jinja's `finalize`: every `{{ … }}` of a page shows placeholders in the reader's
    language (Markup stays Markup, with the label escaped)."""
    if not isinstance(value, str) or "[" not in value or get_locale() is None:
        return value
    if isinstance(value, Markup):
        pattern, kinds = _pattern()
        return Markup(
            pattern.sub(
                lambda m: str(escape(f"[{KIND_LABELS[kinds[m.group(1).lower()]]}]")), str(value)
            )
        )
    return localise(value)
