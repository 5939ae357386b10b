"""The way every page writes: a form (or a button), one service call, one commit.

A service refuses with RuleViolation; the refusal is shown at its field (or flashed) and
nothing is committed; the page answers with the refusal's status (409 for an edit of a row
someone changed meanwhile). AccessDenied becomes the 403 page. On success the request commits
once, flashes and redirects.
"""

from flask import flash, g, redirect, request
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError
from wtforms import SelectMultipleField, StringField, TextAreaField
from wtforms.widgets import CheckboxInput, ListWidget

from mdma.core.errors import AccessDenied, Conflict, RuleViolation
from mdma.extensions import db


class Guarded:
    """Free text that is stored: its service runs the privacy guard, the page checks it live."""

    def __init__(self, *args, **kwargs):
        render_kw = {"data-privacy-check": "true", **(kwargs.pop("render_kw", None) or {})}
        super().__init__(*args, render_kw=render_kw, **kwargs)
        self.privacy = None  # the guard's refusal, shown with the field


class FreeTextField(Guarded, TextAreaField):
    """Several lines of guarded text (Markdown where the domain renders it)."""


class FreeTextLineField(Guarded, StringField):
    """One line of guarded text: a title, tags."""


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


#: The names of the buttons and boxes the privacy panel of a refused field adds to its form.
CONFIRM_SUFFIX = "-not-personal-data"
APPLY_REDACTION = "privacy-apply-redaction"


def confirmed_not_personal(form, name: str) -> bool:
    """Whether the writer confirmed that what the guard found in field `name` is a false alarm."""
    return request.form.get(f"{name}{CONFIRM_SUFFIX}") == "1"


def show_violation(form, violation: RuleViolation) -> None:
    """Put the refusal next to its field when it names one, else in a flash message."""
    field = getattr(form, violation.field, None) if violation.field else None
    if field is not None:
        field.errors = [*field.errors, str(violation.message)]
        if hasattr(violation, "findings") and isinstance(field, Guarded):
            field.privacy = violation
    else:
        flash(str(violation.message), "error")


def apply_redaction(form) -> bool:
    """One click on "use the suggested redaction": the field takes the redacted text, unsaved."""
    name = request.form.get(APPLY_REDACTION)
    field = getattr(form, name, None) if name else None
    if not isinstance(field, Guarded):
        return False
    field.data = request.form.get(f"{name}-redacted", field.data)
    flash(_("The suggested redaction has been applied. Check the text and save again."), "info")
    return True


def _resolve(value, result):
    return value(result) if callable(value) else value


def submit(form, action, *, success, redirect_to, after_commit=None):
    """When the form validates, run `action()`; the response to return, or None to re-render.

    `success` and `redirect_to` are a message and a URL, or functions of what `action` returned;
    `after_commit(result)` does what needs the committed state (signing the user in).
    """
    if request.method == "POST" and apply_redaction(form):
        return None
    if not form.validate_on_submit():
        return None
    try:
        result = action()
        db.session.commit()
    except (RuleViolation, StaleDataError) as error:
        violation = _refused(error)
        show_violation(form, violation)
        if violation.status == 409:
            g.refusal_status = 409
        return None
    if after_commit is not None:
        after_commit(result)
    flash(str(_resolve(success, result)), "success")
    return redirect(_resolve(redirect_to, result))


def act(action, *, success, redirect_to):
    """A button without fields (archive, revoke, …): commit and flash, or flash the refusal."""
    try:
        result = action()
        db.session.commit()
    except (RuleViolation, StaleDataError) as error:
        flash(str(_refused(error).message), "error")
    else:
        flash(str(_resolve(success, result)), "success")
    return redirect(_resolve(redirect_to, None))


def _refused(error: Exception) -> RuleViolation:
    """Roll back; AccessDenied goes on to the 403 page, anything else is shown by the caller."""
    db.session.rollback()
    if isinstance(error, AccessDenied):
        raise error
    return Conflict() if isinstance(error, StaleDataError) else error
