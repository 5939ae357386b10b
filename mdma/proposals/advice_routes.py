"""Policy advice pages: the list, a new advice for a level and a period, editing (a new
version each time), comparing versions, publishing, the public switch and the exports; and the
public page, without log-in, of published advice the coordinator switched on."""

from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mdma.core.forms import act, confirmed_not_personal, submit
from mdma.extensions import db
from mdma.permissions import public, requires
from mdma.proposals import advice as advices
from mdma.proposals import exports
from mdma.proposals.forms import AdviceForm, NewAdviceForm
from mdma.proposals.models import GOVERNMENT_LEVEL_LABELS, Advice, GovernmentLevel, Proposal
from mdma.proposals.states import ProposalPermission

bp = Blueprint("advices", __name__, url_prefix="/advices")
public_bp = Blueprint("public_advices", __name__, url_prefix="/public/advices")
P = ProposalPermission
TEXTS = ("title", "introduction", "conclusion")


def _content(form: AdviceForm) -> advices.Content:
    return advices.Content(
        title=form.title.data or "",
        introduction=form.introduction.data or "",
        conclusion=form.conclusion.data or "",
        grouping=form.grouping.data,
        proposal_ids=form.proposals.data or [],
        based_on=form.based_on.data,
    )


def _confirmed(form) -> set[str]:
    return {name for name in TEXTS if confirmed_not_personal(form, name)}


def _proposal_choices(form, level: str) -> None:
    form.proposals.choices = [(p.id, p.title) for p in advices.selectable(level)]


@bp.route("")
@requires(P.COMPILE)
def index():
    listed = db.session.scalars(db.select(Advice).order_by(Advice.id.desc())).all()
    latest = {a.id: advices.latest_version(a) for a in listed}
    return render_template("proposals/advices.html", advices=listed, latest=latest)


@bp.route("/new", methods=["GET", "POST"])
@requires(P.COMPILE)
def new():
    form = NewAdviceForm()
    level = request.values.get("level") or GovernmentLevel.LOCAL
    if level not in set(GovernmentLevel):
        level = GovernmentLevel.LOCAL
    _proposal_choices(form, level)
    if request.method == "GET":
        form.level.data = level
        form.proposals.data = [p.id for p in advices.candidates(level)]
    done = submit(
        form,
        lambda: advices.create(
            current_user, level=form.level.data, period_start=form.period_start.data,
            period_end=form.period_end.data, language=form.language.data,
            content=_content(form), confirmed=_confirmed(form), kind=form.kind.data,
        ),
        success=_("The advice has been created."),
        redirect_to=lambda a: url_for("advices.detail", advice_id=a.id),
    )  # fmt: skip
    return done or render_template(
        "proposals/advice_edit.html", form=form, advice=None, level=level,
        level_labels=GOVERNMENT_LEVEL_LABELS,
    )  # fmt: skip


@bp.route("/<int:advice_id>")
@requires(P.COMPILE)
def detail(advice_id):
    advice = db.get_or_404(Advice, advice_id)
    version = advices.latest_version(advice)
    return render_template(
        "proposals/advice.html", advice=advice, version=version, versions=advice.versions,
        groups=exports.groups(version.document),
    )  # fmt: skip


@bp.route("/<int:advice_id>/edit", methods=["GET", "POST"])
@requires(P.COMPILE)
def edit(advice_id):
    advice = db.get_or_404(Advice, advice_id)
    latest = advices.latest_version(advice)
    form = AdviceForm(obj=latest if request.method == "GET" else None)
    _proposal_choices(form, advice.level)
    if request.method == "GET":
        form.proposals.data = latest.proposal_ids
        form.based_on.data = latest.number
    done = submit(
        form,
        lambda: advices.revise(current_user, advice, _content(form), confirmed=_confirmed(form)),
        success=lambda v: _("Saved as version %(number)s.", number=v.number),
        redirect_to=url_for("advices.detail", advice_id=advice.id),
    )
    return done or render_template(
        "proposals/advice_edit.html", form=form, advice=advice, level=advice.level,
        level_labels=GOVERNMENT_LEVEL_LABELS,
    )  # fmt: skip


@bp.route("/<int:advice_id>/compare")
@requires(P.COMPILE)
def compare(advice_id):
    advice = db.get_or_404(Advice, advice_id)
    latest = advices.latest_version(advice)
    older_number = request.args.get("older", type=int) or max(latest.number - 1, 1)
    newer_number = request.args.get("newer", type=int) or latest.number
    older = advices.version_of(advice, older_number) or abort(404)
    newer = advices.version_of(advice, newer_number) or abort(404)
    return render_template(
        "proposals/advice_compare.html", advice=advice, older=older, newer=newer,
        rows=advices.diff(older, newer), versions=advice.versions,
    )  # fmt: skip


@bp.route("/<int:advice_id>/publish", methods=["POST"])
@requires(P.COMPILE)
def publish(advice_id):
    advice = db.get_or_404(Advice, advice_id)
    return act(
        lambda: advices.publish(current_user, advice),
        success=_("The advice has been published; this version can no longer change."),
        redirect_to=url_for("advices.detail", advice_id=advice.id),
    )


@bp.route("/<int:advice_id>/public", methods=["POST"])
@requires(P.COMPILE)
def set_public(advice_id):
    advice = db.get_or_404(Advice, advice_id)
    shown = request.form.get("public") == "1"
    return act(
        lambda: advices.set_public(current_user, advice, shown),
        success=_("The advice is shown on the public page.")
        if shown
        else _("The advice is no longer shown on the public page."),
        redirect_to=url_for("advices.detail", advice_id=advice.id),
    )


EXPORTS = {
    "html": ("text/html; charset=utf-8", exports.html),
    "pdf": ("application/pdf", exports.pdf),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        exports.docx,
    ),
}


def export_response(advice: Advice, number: int | None, fmt: str) -> Response:
    if fmt not in EXPORTS:
        abort(404)
    version = (
        advices.version_of(advice, number) if number else advices.latest_version(advice)
    ) or abort(404)
    mimetype, render = EXPORTS[fmt]
    filename = f"advice-{advice.id}-v{version.number}.{fmt}"
    return Response(
        render(version),
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.route("/<int:advice_id>/export.<fmt>")
@requires(P.COMPILE)
def export(advice_id, fmt):
    advice = db.get_or_404(Advice, advice_id)
    return export_response(advice, request.args.get("version", type=int), fmt)


# --- The public page -------------------------------------------------------------------------


@public_bp.route("", endpoint="index")
@public
def public_index():
    return render_template("proposals/public_index.html", advices=advices.public_advices())


@public_bp.route("/<int:advice_id>", endpoint="detail")
@public
def public_detail(advice_id):
    advice = db.get_or_404(Advice, advice_id)
    if not (advice.public and advice.is_published):
        abort(404)
    version = next(v for v in advice.versions if v.published_at)
    proposals = db.session.scalars(
        db.select(Proposal).where(Proposal.id.in_(version.proposal_ids)).order_by(Proposal.id)
    ).unique()
    return render_template(
        "proposals/public_advice.html", advice=advice, version=version,
        rows=[(p, p.followup(advice.level)) for p in proposals],
        annex=version.document["annex"],
    )  # fmt: skip
