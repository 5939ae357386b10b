"""The check page: try a text against the guard before using it anywhere; nothing is stored."""

import sqlalchemy as sa
from flask import Blueprint, render_template, request
from flask_login import current_user

from mdma.core.errors import RuleViolation
from mdma.core.forms import apply_redaction, confirmed_not_personal, show_violation
from mdma.core.logbook import LogEntry
from mdma.extensions import db
from mdma.permissions import Permission, requires
from mdma.privacy import KIND_LABELS, guard
from mdma.privacy.forms import TextCheckForm

bp = Blueprint("privacy", __name__)


@bp.route("/privacy/check", methods=["GET", "POST"])
@requires(Permission.PRIVACY_CHECK)
def check():
    form = TextCheckForm()
    clean = False
    if request.method == "POST" and apply_redaction(form):
        pass
    elif form.validate_on_submit():
        try:
            guard.check(
                current_user,
                form.text.data,
                field="text",
                confirmed=confirmed_not_personal(form, "text"),
            )
        except RuleViolation as refusal:
            show_violation(form, refusal)
        else:
            db.session.commit()  # a confirmed false alarm is in the logbook
            clean = True
    return render_template("privacy/check.html", form=form, clean=clean)


# The users table, read without importing accounts (a floor above): only the writer's name.
_users = sa.table("users", sa.column("id"), sa.column("name"))


@bp.route("/privacy/false-alarms")
@requires(Permission.PRIVACY_REVIEW)
def false_alarms():
    """What writers confirmed as "not personal data": who, when, where, which kinds."""
    query = (
        sa.select(LogEntry)
        .where(LogEntry.action == "privacy:false_alarm_confirmed")
        .order_by(LogEntry.at.desc())
    )
    page = db.paginate(query, per_page=50, error_out=False)
    ids = {entry.actor_id for entry in page.items}
    writers = dict(
        db.session.execute(sa.select(_users.c.id, _users.c.name).where(_users.c.id.in_(ids))).all()
    )
    return render_template(
        "privacy/false_alarms.html", page=page, writers=writers, labels=KIND_LABELS
    )
