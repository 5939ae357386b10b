"""The check page (try a text against the guard; nothing is stored), the confirmed false
alarms, and the findings of a re-scan of the stored texts, to redact or dismiss."""

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mdma.core.errors import RuleViolation
from mdma.core.forms import apply_redaction, confirmed_not_personal, show_violation
from mdma.core.logbook import LogEntry
from mdma.extensions import db
from mdma.permissions import Permission, requires
from mdma.privacy import KIND_LABELS, guard, review
from mdma.privacy.forms import FindingForm, TextCheckForm
from mdma.privacy.models import FindingStatus, StoredFinding
from mdma.privacy.registry import FIELDS

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


@bp.route("/privacy/findings")
@requires(Permission.PRIVACY_REVIEW)
def findings(status: int = 200):
    """What the last re-scan of the stored texts found and nobody handled yet."""
    query = (
        sa.select(StoredFinding)
        .where(StoredFinding.status == FindingStatus.OPEN)
        .order_by(StoredFinding.id)
    )
    page = db.paginate(query, per_page=50, error_out=False)
    return render_template(
        "privacy/findings.html",
        page=page,
        shown=_shown(page.items),
        fields=FIELDS,
        labels=KIND_LABELS,
        form=FindingForm(),
    ), status


def _refused(refusal: RuleViolation):
    """Nothing changed (the services refuse before they touch anything): the list again,
    with why, under the refusal's status (409, 403)."""
    flash(str(refusal.message), "error")
    return findings(status=refusal.status)


def _shown(items: list[StoredFinding]) -> list[review.Shown]:
    """Each finding with its text now: one query per field, not one per finding."""
    holders = {}
    for name in {f.field for f in items}:
        stored = FIELDS.get(name)
        if stored is None:
            continue
        ids = [f.object_id for f in items if f.field == name]
        rows = db.session.scalars(sa.select(stored.model).where(stored.model.id.in_(ids)))
        holders.update({(name, row.id): row for row in rows})
    shown = []
    for finding in items:
        holder = holders.get((finding.field, finding.object_id))
        column = FIELDS[finding.field].column if finding.field in FIELDS else None
        text = getattr(holder, column) if holder is not None else None
        shown.append(review.Shown(finding, holder, text))
    return shown


def _finding(finding_id: int) -> StoredFinding:
    return db.get_or_404(StoredFinding, finding_id)


@bp.route("/privacy/findings/<int:finding_id>/redact", methods=["POST"])
@requires(Permission.PRIVACY_REVIEW)
def redact_finding(finding_id):
    form = FindingForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        review.redact(current_user, _finding(finding_id), form.text_hash.data or "")
    except RuleViolation as refusal:
        return _refused(refusal)
    db.session.commit()
    flash(_("The finding was redacted in the stored text."), "success")
    return redirect(url_for("privacy.findings", page=request.args.get("page", 1, type=int)))


@bp.route("/privacy/findings/<int:finding_id>/dismiss", methods=["POST"])
@requires(Permission.PRIVACY_REVIEW)
def dismiss_finding(finding_id):
    form = FindingForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        review.dismiss(current_user, _finding(finding_id))
    except RuleViolation as refusal:
        return _refused(refusal)
    db.session.commit()
    flash(
        _("The finding was dismissed as a false alarm; a new scan will not raise it again."),
        "success",
    )
    return redirect(url_for("privacy.findings", page=request.args.get("page", 1, type=int)))
