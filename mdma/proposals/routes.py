"""Proposal pages: list, write and edit, the page of one proposal (texts, levels, evidence,
timeline, steps), the follow-up of each level, the tracking board."""

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mdma.accounts.models import User
from mdma.bottlenecks.models import Bottleneck
from mdma.bottlenecks.states import Status as BottleneckStatus
from mdma.core import page_cache
from mdma.core.forms import confirmed_not_personal, submit
from mdma.directory import queries as directory
from mdma.extensions import db
from mdma.permissions import Role, allowed, requires
from mdma.proposals import queries, services
from mdma.proposals.forms import (
    AnswerForm,
    BoardFilterForm,
    ImplementationForm,
    ProposalForm,
    StepForm,
    SubmitForm,
)
from mdma.proposals.models import GOVERNMENT_LEVEL_LABELS, Followup, Proposal
from mdma.proposals.states import (
    FOLLOW_UP,
    FOLLOW_UP_LABELS,
    LIFECYCLE,
    STATUS_LABELS,
    FollowUp,
    ProposalPermission,
    Status,
)
from mdma.sessions.models import Decision, Session
from mdma.sessions.states import SessionPermission

bp = Blueprint("proposals", __name__, url_prefix="/proposals")
P = ProposalPermission
#: The proposal form offers this many of the most recent bottlenecks (and those linked).
BOTTLENECK_CHOICES = 300
#: … and this many of the most recent sessions (and those linked).
SESSION_CHOICES = 300


def load(proposal_id: int) -> Proposal:
    proposal = db.get_or_404(Proposal, proposal_id)
    if not services.can_read(current_user, proposal):
        abort(404)  # someone else's draft
    return proposal


def load_followup(followup_id: int) -> Followup:
    followup = db.get_or_404(Followup, followup_id)
    load(followup.proposal_id)
    return followup


def _confirmed(form, names) -> set[str]:
    return {name for name in names if confirmed_not_personal(form, name)}


@bp.route("")
@requires(P.READ)
def index():
    status = request.args.get("status") or None
    if status not in {s.value for s in Status}:
        status = None
    return render_template(
        "proposals/index.html",
        proposals=queries.proposals_list(current_user, status),
        status=status,
        status_labels=STATUS_LABELS,
    )


def _choices(form: ProposalForm, proposal: Proposal | None = None) -> None:
    none = [(0, _("None"))]
    form.sector.choices = none + [(s.id, s.name) for s in directory.sectors()]
    form.organisation.choices = none + [(o.id, o.name) for o in directory.active_organisations()]
    owners = db.session.scalars(
        sa.select(User)
        .where(User.role.in_([Role.POLICY_OWNER, Role.COORDINATOR]), User.active.is_(True))
        .order_by(User.name)
    ).all()
    form.owner.choices = [(u.id, u.name) for u in owners]
    linked = [b.id for b in proposal.bottlenecks] if proposal else []
    recent = db.session.scalars(
        sa.select(Bottleneck)
        .where(
            sa.or_(
                Bottleneck.id.in_(linked),
                sa.and_(
                    Bottleneck.status != BottleneckStatus.DRAFT,
                    Bottleneck.merged_into_id.is_(None),
                ),
            )
        )
        .order_by(Bottleneck.id.desc())
        .limit(BOTTLENECK_CHOICES + len(linked))
    ).all()
    form.bottlenecks.choices = [(b.id, f"#{b.id} {b.title}") for b in recent]
    discussed = [m.id for m in proposal.sessions] if proposal else []
    meetings = db.session.scalars(
        sa.select(Session)
        .where(sa.or_(Session.id.in_(discussed), Session.id.in_(_recent_sessions())))
        .order_by(Session.starts_at.desc())
    ).all()
    form.sessions.choices = [(m.id, f"{m.starts_at:%Y-%m-%d} {m.title}") for m in meetings]


def _recent_sessions():
    return sa.select(Session.id).order_by(Session.starts_at.desc()).limit(SESSION_CHOICES)


def _from_decision(form: ProposalForm, decision_id: int) -> None:
    """Pre-fill a new proposal from a session's decision: the session's theme, the decision's
    text, the bottlenecks on that session's agenda, the session itself."""
    decision = db.session.get(Decision, decision_id)
    if decision is None or not allowed(current_user, SessionPermission.READ, decision.item.session):
        abort(404)
    meeting = decision.item.session
    form.title.data = meeting.theme
    form.proposal.data = decision.text
    form.bottlenecks.data = [item.bottleneck_id for item in meeting.items if item.bottleneck_id]
    form.sessions.data = [meeting.id]
    form.decision.data = decision.id


def _draft(form: ProposalForm) -> services.Draft:
    return services.Draft(
        title=form.title.data or "",
        problem=form.problem.data or "",
        proposal=form.proposal.data or "",
        expected_effect=form.expected_effect.data or "",
        kind=form.kind.data,
        levels=form.level_bodies(),
        sector_id=form.sector.data or None,
        organisation_id=form.organisation.data or None,
        owner_id=form.owner.data,
        bottleneck_ids=form.bottlenecks.data or [],
        session_ids=form.sessions.data or [],
        decision_id=form.decision.data or None,
        version=form.version.data,
    )


GUARDED = (
    "title",
    "problem",
    "proposal",
    "expected_effect",
    *(f"body_{lvl}" for lvl in GOVERNMENT_LEVEL_LABELS),
)


@bp.route("/new", methods=["GET", "POST"])
@requires(P.WRITE)
def new():
    form = ProposalForm()
    _choices(form)
    if request.method == "GET":
        form.owner.data = current_user.id
        if request.args.get("bottleneck", "").isdigit():
            form.bottlenecks.data = [int(request.args["bottleneck"])]
        if request.args.get("decision", "").isdigit():
            _from_decision(form, int(request.args["decision"]))
    done = submit(
        form,
        lambda: services.save(
            current_user, None, _draft(form), confirmed=_confirmed(form, GUARDED)
        ),
        success=_("The proposal has been saved as a draft."),
        redirect_to=lambda p: url_for("proposals.detail", proposal_id=p.id),
    )
    return done or render_template("proposals/edit.html", form=form, proposal=None)


@bp.route("/<int:proposal_id>/edit", methods=["GET", "POST"])
@requires(P.WRITE)
def edit(proposal_id):
    proposal = load(proposal_id)
    form = ProposalForm(obj=proposal if request.method == "GET" else None)
    _choices(form, proposal)
    if request.method == "GET":
        form.sector.data = proposal.sector_id or 0
        form.organisation.data = proposal.organisation_id or 0
        form.owner.data = proposal.owner_id
        form.bottlenecks.data = [b.id for b in proposal.bottlenecks]
        form.sessions.data = [m.id for m in proposal.sessions]
        form.levels.data = [f.level for f in proposal.followups]
        for followup in proposal.followups:
            form[f"body_{followup.level}"].data = followup.body
    done = submit(
        form,
        lambda: services.save(
            current_user, proposal, _draft(form), confirmed=_confirmed(form, GUARDED)
        ),
        success=_("The proposal has been saved."),
        redirect_to=url_for("proposals.detail", proposal_id=proposal.id),
    )
    return done or render_template("proposals/edit.html", form=form, proposal=proposal)


def detail_page(proposal: Proposal, **forms):
    weeks = current_app.config["MDMA_PROPOSAL_ANSWER_WEEKS"]
    return render_template(
        "proposals/detail.html",
        proposal=proposal,
        evidence=queries.evidence(proposal.id),
        timeline=queries.timeline(proposal),
        steps=LIFECYCLE.steps_for(current_user, proposal),
        followup_steps={f.id: FOLLOW_UP.steps_for(current_user, f) for f in proposal.followups},
        overdue={f.id for f in proposal.followups if queries.is_overdue(f, weeks)},
        step_form=forms.get("step_form") or StepForm(),
    )


@bp.app_template_filter("level_label")
def level_label(level: str):
    return GOVERNMENT_LEVEL_LABELS[level]


@bp.route("/<int:proposal_id>")
@requires(P.READ)
@page_cache.cached
def detail(proposal_id):
    return detail_page(load(proposal_id))


@bp.route("/<int:proposal_id>/steps", methods=["POST"])
@requires(P.READ)
def step(proposal_id):
    """One step of the proposal's lifecycle; the lifecycle decides who may take it."""
    proposal = load(proposal_id)
    form = StepForm()
    if form.target.data not in {s.value for s in Status}:
        abort(400)
    done = submit(
        form,
        lambda: services.transition(
            current_user, proposal, Status(form.target.data), form.reason.data or "",
            confirmed=confirmed_not_personal(form, "reason"),
        ),
        success=lambda p: _("Status changed to: %(status)s.", status=p.status_label),
        redirect_to=url_for("proposals.detail", proposal_id=proposal.id),
    )  # fmt: skip
    return done or detail_page(proposal, step_form=form)


@bp.route("/levels/<int:followup_id>/steps", methods=["POST"])
@requires(P.READ)
def followup_step(followup_id):
    followup = load_followup(followup_id)
    form = StepForm()
    if form.target.data not in {s.value for s in FollowUp}:
        abort(400)
    done = submit(
        form,
        lambda: services.followup_step(
            current_user, followup, FollowUp(form.target.data), form.reason.data or "",
            confirmed=confirmed_not_personal(form, "reason"),
        ),
        success=lambda f: _("%(level)s: %(status)s.", level=f.level_label, status=f.status_label),
        redirect_to=url_for("proposals.detail", proposal_id=followup.proposal_id),
    )  # fmt: skip
    return done or detail_page(followup.proposal, step_form=form)


def _followup_form(followup_id: int, form_class, record, *, success: str, heading: str):
    """The page of one form of a level's follow-up (submission, answer, progress):
    `record(followup, form)` is its one service call."""
    followup = load_followup(followup_id)
    form = form_class()
    done = submit(
        form,
        lambda: record(followup, form),
        success=success,
        redirect_to=url_for("proposals.detail", proposal_id=followup.proposal_id),
    )
    return done or render_template(
        "proposals/followup_form.html", form=form, followup=followup, heading=heading
    )


@bp.route("/levels/<int:followup_id>/submit", methods=["GET", "POST"])
@requires(P.READ)
def submit_followup(followup_id):
    return _followup_form(
        followup_id, SubmitForm,
        lambda followup, form: services.submit(
            current_user, followup, on=form.submitted_on.data, to=form.submitted_to.data,
            confirmed=confirmed_not_personal(form, "submitted_to"),
        ),
        success=_("The submission has been recorded."), heading=_("Submitted to the level"),
    )  # fmt: skip


@bp.route("/levels/<int:followup_id>/answer", methods=["GET", "POST"])
@requires(P.READ)
def answer_followup(followup_id):
    return _followup_form(
        followup_id, AnswerForm,
        lambda followup, form: services.answer(
            current_user, followup, outcome=form.answer.data, text=form.answer_text.data or "",
            on=form.answered_on.data, confirmed=confirmed_not_personal(form, "answer_text"),
        ),
        success=_("The answer has been recorded."), heading=_("Record the answer"),
    )  # fmt: skip


@bp.route("/levels/<int:followup_id>/progress", methods=["GET", "POST"])
@requires(P.READ)
def progress(followup_id):
    return _followup_form(
        followup_id, ImplementationForm,
        lambda followup, form: services.report_progress(
            current_user, followup, percent=form.percent.data, text=form.text.data or "",
            reason=form.reason.data or "", milestone=form.milestone.data,
            confirmed=_confirmed(form, ("text", "reason")),
        ),
        success=_("The progress update has been saved."), heading=_("Report progress"),
    )  # fmt: skip


@bp.route("/board")
@requires(P.READ)
def board():
    form = BoardFilterForm(request.args)
    every = [("", _("All"))]
    form.level.choices = every + [
        (lvl.value, label) for lvl, label in GOVERNMENT_LEVEL_LABELS.items()
    ]
    form.status.choices = every + [(s.value, label) for s, label in FOLLOW_UP_LABELS.items()]
    owners = db.session.scalars(
        sa.select(User).where(User.id.in_(sa.select(Proposal.owner_id))).order_by(User.name)
    ).all()
    form.owner.choices = every + [(str(u.id), u.name) for u in owners]
    form.validate()
    valid = {name: f.data for name, f in form._fields.items() if not f.errors}
    flt = queries.BoardFilter(
        level=valid.get("level") or None,
        status=valid.get("status") or None,
        owner_id=int(valid["owner"]) if valid.get("owner") else None,
        overdue=bool(valid.get("overdue")),
    )
    page, rows = queries.board_page(
        flt,
        current_app.config["MDMA_PROPOSAL_ANSWER_WEEKS"],
        per_page=request.args.get("per_page", type=int),
    )
    return render_template("proposals/board.html", form=form, rows=rows, page=page)
