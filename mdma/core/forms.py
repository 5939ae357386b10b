"""Glue between WTForms and the services' RuleViolation, used by every domain's routes."""

from flask import flash

from mdma.core.errors import RuleViolation


def show_violation(form, violation: RuleViolation) -> None:
    """Put the refusal next to its field when it names one, else in a flash message."""
    field = getattr(form, violation.field, None) if violation.field else None
    if field is not None:
        field.errors = [*field.errors, str(violation.message)]
    else:
        flash(str(violation.message), "error")
