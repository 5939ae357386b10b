"""The check page: try a text against the guard before using it anywhere; nothing is stored."""

from flask import Blueprint, render_template, request
from flask_login import current_user

from mdma.core.errors import RuleViolation
from mdma.core.forms import apply_redaction, confirmed_not_personal, show_violation
from mdma.extensions import db
from mdma.permissions import Permission, requires
from mdma.privacy import guard
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
