"""Policy advice as JSON: compile, revise, compare, publish, export, and the public list.
It shares the proposals API's blueprint (`api.blp`)."""

from flask import abort
from flask.views import MethodView

from mdma.api.base import one_commit, signed_in
from mdma.extensions import db
from mdma.permissions import public, requires
from mdma.proposals import advice as advices
from mdma.proposals import advice_routes
from mdma.proposals.api import P, _all_confirmed, blp
from mdma.proposals.models import Advice, Proposal
from mdma.proposals.schemas import (
    AdviceContentInput,
    AdviceSchema,
    CandidateQuery,
    CompareQuery,
    DiffRowSchema,
    ExportQuery,
    NewAdviceInput,
    ProposalSummary,
    PublicAdviceSchema,
    PublicInput,
    VersionSchema,
)


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
                signed_in(), level=data["level"], period_start=data["period_start"],
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
                signed_in(), advice, _content(data), confirmed=_all_confirmed(data, ADVICE_TEXTS)
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
            advices.publish(signed_in(), advice)
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
            advices.set_public(signed_in(), advice, data["public"])
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
