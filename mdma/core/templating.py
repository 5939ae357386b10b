"""What every template may use: languages, dates (`core.dates`), Markdown."""

from flask import request
from markupsafe import Markup, escape

from mdma.core import markdown
from mdma.core.dates import format_when
from mdma.core.forms import APPLY_REDACTION, CONFIRM_SUFFIX
from mdma.core.i18n import LANGUAGE_NAMES, current_language
from mdma.core.time import utcnow


def register(app) -> None:
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    # The one date filter: `value|date`, `value|date('datetime')`, `value|date('month')`.
    app.jinja_env.filters["date"] = format_when
    app.jinja_env.filters["highlight"] = highlight
    app.jinja_env.filters["markdown"] = markdown.render
    # The privacy panel's button and box names, as core.forms reads them.
    app.jinja_env.globals.update(
        privacy_apply_redaction=APPLY_REDACTION, privacy_confirm_suffix=CONFIRM_SUFFIX
    )

    # A global, not a context variable: imported macros (pagination) see globals only.
    app.jinja_env.globals["page_args"] = lambda **changes: {
        **request.args.to_dict(),
        **(request.view_args or {}),
        **changes,
    }

    @app.context_processor
    def _globals():
        return {
            "languages": LANGUAGE_NAMES,
            "current_language": current_language(),
            "now": utcnow(),
        }


def highlight(text: str, findings: list[dict]) -> Markup:
    """The text, escaped, with each finding (`start`, `end`, `label`) in a <mark>."""
    pieces, position = [], 0
    for finding in sorted(findings, key=lambda f: f["start"]):
        pieces.append(escape(text[position : finding["start"]]))
        pieces.append(
            Markup(
                '<mark title="{label}">{text}<span class="visually-hidden"> ({label})</span></mark>'
            ).format(label=finding["label"], text=text[finding["start"] : finding["end"]])
        )
        position = finding["end"]
    pieces.append(escape(text[position:]))
    return Markup("").join(pieces)
