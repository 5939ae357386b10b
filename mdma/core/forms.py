"""The way every page writes: a form (or a button), one service call, one commit.

A service refuses with RuleViolation; the refusal is shown at its field (or flashed) and
nothing is committed. On success the request commits once, flashes and redirects.
"""

from flask import flash, redirect

from mdma.core.errors import RuleViolation
from mdma.extensions import db


def show_violation(form, violation: RuleViolation) -> None:
    """Put the refusal next to its field when it names one, else in a flash message."""
    field = getattr(form, violation.field, None) if violation.field else None
    if field is not None:
        field.errors = [*field.errors, str(violation.message)]
    else:
        flash(str(violation.message), "error")


def _resolve(value, result):
    return value(result) if callable(value) else value


def submit(form, action, *, success, redirect_to, after_commit=None):
    """When the form validates, run `action()`; the response to return, or None to re-render.

    `success` and `redirect_to` are a message and a URL, or functions of what `action` returned;
    `after_commit(result)` does what needs the committed state (signing the user in).
    """
    if not form.validate_on_submit():
        return None
    try:
        result = action()
    except RuleViolation as violation:
        db.session.rollback()
        show_violation(form, violation)
        return None
    db.session.commit()
    if after_commit is not None:
        after_commit(result)
    flash(str(_resolve(success, result)), "success")
    return redirect(_resolve(redirect_to, result))


def act(action, *, success, redirect_to):
    """A button without fields (archive, revoke, …): commit and flash, or flash the refusal."""
    try:
        result = action()
    except RuleViolation as violation:
        db.session.rollback()
        flash(str(violation.message), "error")
    else:
        db.session.commit()
        flash(str(_resolve(success, result)), "success")
    return redirect(_resolve(redirect_to, None))
