"""Proposals, their follow-up per level, the tracking board and policy advice as JSON: the
same services, permissions and guard as the pages."""

from flask import abort, current_app
from flask.views import MethodView
from flask_login import current_user

from mdma.api.base import Blueprint, one_commit
from mdma.extensions import db
from mdma.permissions import public, requires
from mdma.proposals import advice as advices
from mdma.proposals import advice_routes, queries, services
from mdma.proposals.models import Advice, Followup, Proposal
from mdma.proposals.schemas import (
    AdviceContentInput,
    AdviceSchema,
    AnswerInput,
    BoardQuery,
    BoardRowSchema,
    CandidateQuery,
    CompareQuery,
    DiffRowSchema,
    ExportQuery,
    FollowupSchema,
    FollowupStepInput,
    NewAdviceInput,
    ProgressInput,
    ProgressSchema,
    ProposalEvidenceSchema,
    ProposalInput,
    ProposalQuery,
    ProposalSchema,
    ProposalStepInput,
    ProposalSummary,
    PublicAdviceSchema,
    PublicInput,
    SubmissionInput,
    VersionSchema,
)
from mdma.proposals.states import ProposalPermission

blp = Blueprint("proposals_api", __name__, "", "Proposals, their follow-up and policy advice")
P = ProposalPermission
TEXTS = ("title", "problem", "proposal", "expected_effect")


def _actor():
    return current_user._get_current_object()


def load(proposal_id: int) -> Proposal:
    proposal = db.session.get(Proposal, proposal_id)
    if proposal is None or not services.can_read(_actor(), proposal):
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
        return queries.proposals_list(_actor(), query.get("status"))

    @requires(P.WRITE)
    @blp.arguments(ProposalInput)
    @blp.response(201, ProposalSchema)
    def post(self, data):
        """Write a proposal (a draft): at least one target level, with the body per level."""
        with one_commit():
            proposal = services.save(
                _actor(), None, _draft(data), confirmed=_all_confirmed(data, TEXTS + BODIES)
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
                _actor(), proposal, _draft(data), confirmed=_all_confirmed(data, TEXTS + BODIES)
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
                _actor(), proposal, data["to"], data["reason"],
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
                _actor(), followup, data["to"], data["reason"],
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
                _actor(), followup, on=data["submitted_on"], to=data["submitted_to"],
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
                _actor(), followup, outcome=data["answer"], text=data["answer_text"],
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
                _actor(), followup, percent=data["percent"], text=data["text"],
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


# --- Policy advice -----------------------------------------------------------------------------


def load_advice(advice_id: int) -> Advice:
    return db.session.get(Advice, advice_id) or abort(404)


def _advice(advice: Advice) -> dict:
    return {**{c: getattr(advice, c) for c in (
        "id", "level", "kind", "period_start", "period_end", "language", "published_at", "public"
    )}, "latest": advices.latest_version(advice)}  # fmt: skip


def _content(data) -> advices.Content:
    return advices.Content(
        title=data["title"], introduction=data["introduction"], conclusion=data["conclusion"],
        grouping=data["grouping"], proposal_ids=data["proposal_ids"], based_on=data["based_on"],
    )  # fmt: skip


ADVICE_TEXTS = ("title", "introduction", "conclusion")


@blp.route("/advices")
class Advices(MethodView):
    @requires(P.COMPILE)
    @blp.response(200, AdviceSchema(many=True))
    def get(self):
        """Every advice, newest first."""
        return [
            _advice(a) for a in db.session.scalars(db.select(Advice).order_by(Advice.id.desc()))
        ]

    @requires(P.COMPILE)
    @blp.arguments(NewAdviceInput)
    @blp.response(201, AdviceSchema)
    def post(self, data):
        """Compile an advice for one level and a period; its first version."""
        with one_commit():
            advice = advices.create(
                _actor(), level=data["level"], period_start=data["period_start"],
                period_end=data["period_end"], language=data["language"],
                content=_content(data), confirmed=_all_confirmed(data, ADVICE_TEXTS),
                kind=data["kind"],
            )  # fmt: skip
        return _advice(advice)


@blp.route("/advices/candidates")
class AdviceCandidates(MethodView):
    @requires(P.COMPILE)
    @blp.arguments(CandidateQuery, location="query")
    @blp.response(200, ProposalSummary(many=True))
    def get(self, query):
        """The pre-selection for a new advice: adopted, for that level, in no advice yet."""
        return advices.candidates(query["level"])


@blp.route("/advices/<int:advice_id>")
class AdviceById(MethodView):
    @requires(P.COMPILE)
    @blp.response(200, AdviceSchema)
    def get(self, advice_id):
        """One advice: its level, period, state and latest version."""
        return _advice(load_advice(advice_id))

    @requires(P.COMPILE)
    @blp.arguments(AdviceContentInput)
    @blp.response(200, AdviceSchema)
    def put(self, data, advice_id):
        """Edit: a new version. A published advice answers 409."""
        advice = load_advice(advice_id)
        with one_commit():
            advices.revise(
                _actor(), advice, _content(data), confirmed=_all_confirmed(data, ADVICE_TEXTS)
            )
        return _advice(advice)


@blp.route("/advices/<int:advice_id>/versions")
class AdviceVersions(MethodView):
    @requires(P.COMPILE)
    @blp.response(200, VersionSchema(many=True))
    def get(self, advice_id):
        """Its versions, oldest first: who made each, and when it was published."""
        return load_advice(advice_id).versions


@blp.route("/advices/<int:advice_id>/compare")
class AdviceCompare(MethodView):
    @requires(P.COMPILE)
    @blp.arguments(CompareQuery, location="query")
    @blp.response(200, DiffRowSchema(many=True))
    def get(self, query, advice_id):
        """Two versions side by side, line by line."""
        advice = load_advice(advice_id)
        older = advices.version_of(advice, query["older"]) or abort(404)
        newer = advices.version_of(advice, query["newer"]) or abort(404)
        return advices.diff(older, newer)


@blp.route("/advices/<int:advice_id>/publish")
class AdvicePublish(MethodView):
    @requires(P.COMPILE)
    @blp.response(200, AdviceSchema)
    def post(self, advice_id):
        """Publish the latest version: frozen from now on."""
        advice = load_advice(advice_id)
        with one_commit():
            advices.publish(_actor(), advice)
        return _advice(advice)


@blp.route("/advices/<int:advice_id>/public")
class AdvicePublic(MethodView):
    @requires(P.COMPILE)
    @blp.arguments(PublicInput)
    @blp.response(200, AdviceSchema)
    def put(self, data, advice_id):
        """Show a published advice on the public page, or no longer."""
        advice = load_advice(advice_id)
        with one_commit():
            advices.set_public(_actor(), advice, data["public"])
        return _advice(advice)


_BINARY = {"schema": {"type": "string", "format": "binary"}}


@blp.route("/advices/<int:advice_id>/export")
class AdviceExport(MethodView):
    @requires(P.COMPILE)
    @blp.arguments(ExportQuery, location="query")
    @blp.doc(
        responses={
            "200": {
                "description": "The document",
                "content": {
                    "text/html": _BINARY,
                    "application/pdf": _BINARY,
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
                        _BINARY
                    ),
                },
            }
        }
    )
    def get(self, query, advice_id):
        """The document of a version (the latest unless `version`) as HTML, PDF or Word."""
        advice = load_advice(advice_id)
        return advice_routes.export_response(advice, query.get("version"), query["format"])


@blp.route("/public/advices")
class PublicAdvices(MethodView):
    @public
    @blp.response(200, PublicAdviceSchema(many=True))
    def get(self):
        """Published advice the coordinator made public: where each proposal stands at the
        level, and the evidence as counts only."""
        out = []
        for advice in advices.public_advices():
            version = next(v for v in advice.versions if v.published_at)
            proposals = db.session.scalars(
                db.select(Proposal).where(Proposal.id.in_(version.proposal_ids))
            ).unique()
            rows = []
            for proposal in proposals:
                followup = proposal.followup(advice.level)
                rows.append(
                    {
                        "title": proposal.title,
                        "status": followup.status if followup else None,
                        "answer": followup.answer if followup else None,
                        "progress_percent": followup.progress_percent if followup else None,
                    }
                )
            annex = version.document["annex"]
            out.append(
                {
                    "id": advice.id, "title": version.title, "level": advice.level,
                    "period_start": advice.period_start, "period_end": advice.period_end,
                    "published_at": advice.published_at, "proposals": rows,
                    "figures": {k: annex[k] for k in (
                        "bottlenecks", "occurrences", "reporters", "organisations"
                    )},
                }
            )  # fmt: skip
        return out
