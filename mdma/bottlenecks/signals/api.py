"""The structural track as JSON: the same services, permissions and guard as the pages."""

import marshmallow as ma
from flask import abort
from flask.views import MethodView

from mdma.accounts.models import User
from mdma.api.base import Blueprint, DateTime, FreeText, Id, one_commit, signed_in
from mdma.bottlenecks.api import load
from mdma.bottlenecks.signals import feedback, queries, services
from mdma.bottlenecks.signals.models import CRITERIA, CriteriaCheck
from mdma.directory.models import Sector
from mdma.extensions import db
from mdma.permissions import Permission, requires

blp = Blueprint(
    "signals_api", __name__, "", "Structural signals: criteria checks, owners, feedback"
)


class Ref(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    name = ma.fields.Str(dump_only=True)


class AssessmentSchema(ma.Schema):
    sector = ma.fields.Nested(Ref, dump_only=True)
    assessor = ma.fields.Nested(Ref, dump_only=True)
    at = DateTime(dump_only=True)
    clear = ma.fields.Bool(dump_only=True)
    neutral = ma.fields.Bool(dump_only=True)
    recognised = ma.fields.Bool(dump_only=True)
    shared = ma.fields.Bool(dump_only=True)
    comments = ma.fields.Dict(ma.fields.Str(), ma.fields.Str(), dump_only=True)


class CheckSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    status = ma.fields.Str(dump_only=True)
    status_label = ma.fields.Str(dump_only=True)
    rule = ma.fields.Str(dump_only=True, metadata={"description": '"all", or a quorum'})
    opened_at = DateTime(dump_only=True)
    due_on = ma.fields.Date(dump_only=True)
    outcome = ma.fields.Str(dump_only=True)
    assessments = ma.fields.List(ma.fields.Nested(AssessmentSchema), dump_only=True)


class AssessmentInput(ma.Schema):
    sector_id = Id(required=True)
    clear = ma.fields.Bool(required=True)
    neutral = ma.fields.Bool(required=True)
    recognised = ma.fields.Bool(required=True)
    shared = ma.fields.Bool(required=True)
    comments = ma.fields.Dict(
        ma.fields.Str(validate=ma.validate.OneOf(list(CRITERIA))),
        FreeText(validate=ma.validate.Length(max=2000)),
        load_default=dict,
    )
    confirmed_not_personal_data = ma.fields.Bool(load_default=False)


class CloseInput(ma.Schema):
    outcome = FreeText(required=True, validate=ma.validate.Length(min=1, max=5000))
    confirmed_not_personal_data = ma.fields.Bool(load_default=False)


class BottleneckRef(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    title = ma.fields.Str(dump_only=True)


class SignalSchema(ma.Schema):
    bottleneck = ma.fields.Nested(BottleneckRef, dump_only=True)
    owner = ma.fields.Nested(Ref, dump_only=True, allow_none=True)
    theme = ma.fields.Str(dump_only=True)
    next_report_due_on = ma.fields.Date(dump_only=True, allow_none=True)
    candidate_since = DateTime(dump_only=True, allow_none=True)
    candidate_figures = ma.fields.Dict(dump_only=True)
    evidence = ma.fields.Dict(
        dump_only=True, metadata={"description": "Occurrences, reporters, organisations now"}
    )


class OwnerInput(ma.Schema):
    owner_id = Id(required=True)
    theme = FreeText(required=True, validate=ma.validate.Length(min=1, max=120))
    reason = FreeText(load_default="", validate=ma.validate.Length(max=2000))
    confirmed_not_personal_data = ma.fields.Bool(load_default=False)


class ReportSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    author = ma.fields.Nested(Ref, dump_only=True)
    at = DateTime(dump_only=True)
    body = ma.fields.Str(dump_only=True)


class ReportInput(ma.Schema):
    body = FreeText(required=True, validate=ma.validate.Length(min=1, max=20000))
    confirmed_not_personal_data = ma.fields.Bool(load_default=False)


class MySignalSchema(ma.Schema):
    id = ma.fields.Int(attribute="bottleneck.id", dump_only=True)
    title = ma.fields.Str(attribute="bottleneck.title", dump_only=True)
    status = ma.fields.Str(attribute="bottleneck.status", dump_only=True)
    level = ma.fields.Str(attribute="bottleneck.level", dump_only=True)
    last_feedback = ma.fields.Function(
        lambda item: feedback.text(item.last_feedback) if item.last_feedback else None,
        dump_only=True,
        metadata={"type": "string", "nullable": True},
    )
    awaited = ma.fields.Function(lambda item: str(item.awaited), metadata={"type": "string"})


def _open_check(bottleneck) -> CriteriaCheck:
    check = services.open_check(bottleneck)
    if check is None:
        abort(404)
    return check


@blp.route("/bottlenecks/<int:bottleneck_id>/checks")
class Checks(MethodView):
    @requires(Permission.BOTTLENECK_READ)
    @blp.response(200, CheckSchema(many=True))
    def get(self, bottleneck_id):
        """Its criteria checks, the newest first, with every sector's assessment."""
        return queries.panel(signed_in(), load(bottleneck_id)).checks

    @requires(Permission.BOTTLENECK_TRIAGE)
    @blp.response(201, CheckSchema)
    def post(self, bottleneck_id):
        """Open a criteria check: the routed sectors are asked to assess it."""
        bottleneck = load(bottleneck_id)
        with one_commit():
            check = services.start_check(signed_in(), bottleneck)
        return check


@blp.route("/bottlenecks/<int:bottleneck_id>/checks/open/assessments")
class Assessments(MethodView):
    @requires(Permission.BOTTLENECK_ANSWER)
    @blp.arguments(AssessmentInput)
    @blp.response(201, AssessmentSchema)
    def post(self, data, bottleneck_id):
        """Your sector's judgement of the four criteria; the one that completes the rule makes
        the bottleneck structural. A second one for the same sector answers 409."""
        check = _open_check(load(bottleneck_id))
        answers = {criterion: data[criterion] for criterion in CRITERIA}
        with one_commit():
            assessment = services.assess(
                signed_in(), check, db.session.get(Sector, data["sector_id"]), answers,
                data["comments"], confirmed=data["confirmed_not_personal_data"],
            )  # fmt: skip
        return assessment


@blp.route("/bottlenecks/<int:bottleneck_id>/checks/open/close")
class CloseCheck(MethodView):
    @requires(Permission.BOTTLENECK_TRIAGE)
    @blp.arguments(CloseInput)
    @blp.response(200, CheckSchema)
    def post(self, data, bottleneck_id):
        """Close the open check without passing, with its outcome; the assessments are kept."""
        check = _open_check(load(bottleneck_id))
        with one_commit():
            services.close_check(
                signed_in(), check, data["outcome"], confirmed=data["confirmed_not_personal_data"]
            )
        return check


def _signal(bottleneck) -> dict:
    signal = services.signal_of(bottleneck)
    return {
        "bottleneck": bottleneck,
        "owner": signal.owner if signal else None,
        "theme": signal.theme if signal else "",
        "next_report_due_on": signal.next_report_due_on if signal else None,
        "candidate_since": signal.candidate_since if signal else None,
        "candidate_figures": signal.candidate_figures if signal else {},
        "evidence": services.evidence_figures(bottleneck),
    }


@blp.route("/bottlenecks/<int:bottleneck_id>/signal")
class SignalById(MethodView):
    @requires(Permission.BOTTLENECK_READ)
    @blp.response(200, SignalSchema)
    def get(self, bottleneck_id):
        """Its structural track: owner, theme, next report, candidacy and evidence figures."""
        return _signal(load(bottleneck_id))


@blp.route("/bottlenecks/<int:bottleneck_id>/signal/owner")
class SignalOwner(MethodView):
    @requires(Permission.BOTTLENECK_TRIAGE)
    @blp.arguments(OwnerInput)
    @blp.response(200, SignalSchema)
    def put(self, data, bottleneck_id):
        """Name the owner (trekker) and policy theme; a change of owner needs a reason."""
        bottleneck = load(bottleneck_id)
        with one_commit({"owner": "owner_id"}):
            services.name_owner(
                signed_in(), bottleneck, db.session.get(User, data["owner_id"]), data["theme"],
                data["reason"], confirmed=data["confirmed_not_personal_data"],
            )  # fmt: skip
        return _signal(bottleneck)


@blp.route("/bottlenecks/<int:bottleneck_id>/progress-reports")
class ProgressReports(MethodView):
    @requires(Permission.BOTTLENECK_READ)
    @blp.response(200, ReportSchema(many=True))
    def get(self, bottleneck_id):
        """The owner's progress reports, the newest first."""
        return queries.panel(signed_in(), load(bottleneck_id)).reports

    @requires(Permission.BOTTLENECK_READ)
    @blp.arguments(ReportInput)
    @blp.response(201, ReportSchema)
    def post(self, data, bottleneck_id):
        """Report progress (its owner only)."""
        bottleneck = load(bottleneck_id)
        with one_commit():
            report = services.report_progress(
                signed_in(), bottleneck, data["body"], confirmed=data["confirmed_not_personal_data"]
            )
        return report


@blp.route("/bottlenecks/<int:bottleneck_id>/feedback-mute")
class FeedbackMute(MethodView):
    @requires(Permission.BOTTLENECK_REPORT)
    @blp.response(204)
    def put(self, bottleneck_id):
        """Stop hearing of its steps as a reporter."""
        bottleneck = load(bottleneck_id)
        with one_commit():
            feedback.mute(signed_in(), bottleneck)

    @requires(Permission.BOTTLENECK_REPORT)
    @blp.response(204)
    def delete(self, bottleneck_id):
        """Hear of its steps again."""
        bottleneck = load(bottleneck_id)
        with one_commit():
            feedback.unmute(signed_in(), bottleneck)


@blp.route("/signals/mine")
class MySignals(MethodView):
    @requires(Permission.BOTTLENECK_REPORT)
    @blp.response(200, MySignalSchema(many=True))
    def get(self):
        """Every bottleneck you reported or added evidence to: its state, the last feedback,
        and what is awaited from whom."""
        return queries.my_signals(signed_in())


@blp.route("/signals/candidates")
class Candidates(MethodView):
    @requires(Permission.BOTTLENECK_TRIAGE)
    @blp.response(200, SignalSchema(many=True))
    def get(self):
        """Bottlenecks whose evidence crossed the threshold, not yet checked."""
        return [_signal(bottleneck) for bottleneck, _signal_row in queries.candidates()]
