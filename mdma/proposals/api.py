"""Proposals, their follow-up per level and the tracking board as JSON: the same services,
permissions and guard as the pages (policy advice: `advice_api`)."""

from flask import abort, current_app
from flask.views import MethodView

from mdma.api.base import Blueprint, one_commit, signed_in
from mdma.extensions import db
from mdma.permissions import requires
from mdma.proposals import queries, services
from mdma.proposals.models import Followup, Proposal
from mdma.proposals.schemas import (
    AnswerInput,
    BoardQuery,
    BoardRowSchema,
    FollowupSchema,
    FollowupStepInput,
    ProgressInput,
    ProgressSchema,
    ProposalEvidenceSchema,
    ProposalInput,
    ProposalQuery,
    ProposalSchema,
    ProposalStepInput,
    ProposalSummary,
    SubmissionInput,
)
from mdma.proposals.states import ProposalPermission

blp = Blueprint("proposals_api", __name__, "", "Proposals, their follow-up and policy advice")
P = ProposalPermission
TEXTS = ("title", "problem", "proposal", "expected_effect")


def load(proposal_id: int) -> Proposal:
    proposal = db.session.get(Proposal, proposal_id)
    if proposal is None or not services.can_read(signed_in(), proposal):
        abort(404)
    return proposal


def load_followup(followup_id: int) -> Followup:
    followup = db.session.get(Followup, followup_id) or abort(404)
    load(followup.proposal_id)
    return followup


def _draft(data) -> services.Draft:
    return services.Draft(
        title=data["title"], problem=data["problem"], proposal=data["proposal"],
        expected_effect=data["expected_effect"], kind=data["kind"], levels=data["levels"],
        sector_id=data["sector_id"], organisation_id=data["organisation_id"],
        owner_id=data["owner_id"], bottleneck_ids=data["bottleneck_ids"],
        session_ids=data["session_ids"], decision_id=data["decision_id"],
        version=data["version"],
    )  # fmt: skip


def _all_confirmed(data, names) -> set[str]:
    return set(names) if data.get("confirmed_not_personal_data") else set()


BODIES = tuple(f"body_{level}" for level in ("local", "flemish", "federal"))


@blp.route("/proposals")
class Proposals(MethodView):
    @requires(P.READ)
    @blp.arguments(ProposalQuery, location="query")
    @blp.response(200, ProposalSummary(many=True))
    def get(self, query):
        """Proposals, newest first (at most 200); drafts only one's own."""
        return queries.proposals_list(signed_in(), query.get("status"))

    @requires(P.WRITE)
    @blp.arguments(ProposalInput)
    @blp.response(201, ProposalSchema)
    def post(self, data):
        """Write a proposal (a draft): at least one target level, with the body per level."""
        with one_commit():
            proposal = services.save(
                signed_in(), None, _draft(data), confirmed=_all_confirmed(data, TEXTS + BODIES)
            )
        return proposal


@blp.route("/proposals/<int:proposal_id>")
class ProposalById(MethodView):
    @requires(P.READ)
    @blp.response(200, ProposalSchema)
    def get(self, proposal_id):
        """One proposal with its levels' follow-up."""
        return load(proposal_id)

    @requires(P.WRITE)
    @blp.arguments(ProposalInput)
    @blp.response(200, ProposalSchema)
    def put(self, data, proposal_id):
        """Edit it (until adopted); a stale `version` answers 409."""
        proposal = load(proposal_id)
        with one_commit():
            services.save(
                signed_in(), proposal, _draft(data), confirmed=_all_confirmed(data, TEXTS + BODIES)
            )
        return proposal


@blp.route("/proposals/<int:proposal_id>/transitions")
class ProposalTransitions(MethodView):
    @requires(P.READ)
    @blp.arguments(ProposalStepInput)
    @blp.response(200, ProposalSchema)
    def post(self, data, proposal_id):
        """A step of its lifecycle: under_discussion, adopted, closed, abandoned (with a
        reason); refused (409 or 403) out of order or by the wrong role."""
        proposal = load(proposal_id)
        with one_commit():
            services.transition(
                signed_in(), proposal, data["to"], data["reason"],
                confirmed=data["confirmed_not_personal_data"],
            )  # fmt: skip
        return proposal


@blp.route("/proposals/<int:proposal_id>/evidence")
class ProposalEvidence(MethodView):
    @requires(P.READ)
    @blp.response(200, ProposalEvidenceSchema)
    def get(self, proposal_id):
        """Its evidence, counted: bottlenecks, occurrences, reporters, organisations, life
        domains, sectors, first and last occurrence, occurrences per quarter."""
        return queries.evidence(load(proposal_id).id).figures()


@blp.route("/proposals/levels/<int:followup_id>/transitions")
class FollowupTransitions(MethodView):
    @requires(P.READ)
    @blp.arguments(FollowupStepInput)
    @blp.response(200, FollowupSchema)
    def post(self, data, followup_id):
        """A step of one level's follow-up that needs at most a reason (in_implementation,
        realised, not_realised)."""
        followup = load_followup(followup_id)
        with one_commit():
            services.followup_step(
                signed_in(), followup, data["to"], data["reason"],
                confirmed=data["confirmed_not_personal_data"],
            )  # fmt: skip
        return followup


@blp.route("/proposals/levels/<int:followup_id>/submission")
class FollowupSubmission(MethodView):
    @requires(P.READ)
    @blp.arguments(SubmissionInput)
    @blp.response(200, FollowupSchema)
    def post(self, data, followup_id):
        """Record that the level received it: when and to whom."""
        followup = load_followup(followup_id)
        with one_commit():
            services.submit(
                signed_in(), followup, on=data["submitted_on"], to=data["submitted_to"],
                confirmed=data["confirmed_not_personal_data"],
            )  # fmt: skip
        return followup


@blp.route("/proposals/levels/<int:followup_id>/answer")
class FollowupAnswer(MethodView):
    @requires(P.READ)
    @blp.arguments(AnswerInput)
    @blp.response(200, FollowupSchema)
    def post(self, data, followup_id):
        """Record the level's answer: accepted, partly or rejected, its text and date."""
        followup = load_followup(followup_id)
        with one_commit():
            services.answer(
                signed_in(), followup, outcome=data["answer"], text=data["answer_text"],
                on=data["answered_on"], confirmed=data["confirmed_not_personal_data"],
            )  # fmt: skip
        return followup


@blp.route("/proposals/levels/<int:followup_id>/progress")
class FollowupProgress(MethodView):
    @requires(P.READ)
    @blp.response(200, ProgressSchema(many=True))
    def get(self, followup_id):
        """Its implementation updates, oldest first."""
        return load_followup(followup_id).progress

    @requires(P.READ)
    @blp.arguments(ProgressInput)
    @blp.response(201, ProgressSchema)
    def post(self, data, followup_id):
        """An implementation update: 0–100 %, what happened; a lower percentage needs a reason."""
        followup = load_followup(followup_id)
        with one_commit():
            progress = services.report_progress(
                signed_in(), followup, percent=data["percent"], text=data["text"],
                reason=data["reason"], milestone=data["milestone"],
                confirmed=_all_confirmed(data, ("text", "reason")),
            )  # fmt: skip
        return progress


@blp.route("/proposals/board")
class Board(MethodView):
    @requires(P.READ)
    @blp.arguments(BoardQuery, location="query")
    @blp.response(200, BoardRowSchema(many=True))
    def get(self, query):
        """Follow-ups of adopted proposals by level and state (at most 100; filter to narrow
        down); overdue answers marked."""
        flt = queries.BoardFilter(
            level=query.get("level"), status=query.get("status"),
            owner_id=query.get("owner_id"), overdue=query["overdue"],
        )  # fmt: skip
        rows = queries.board(flt, current_app.config["MDMA_PROPOSAL_ANSWER_WEEKS"])
        return rows[: queries.BOARD_ROWS]


# The policy advice endpoints live beside these, on the same blueprint.
from mdma.proposals import advice_api  # noqa: E402, F401
