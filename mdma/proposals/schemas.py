"""Proposals and advice as JSON: input and output shapes (the OpenAPI document's)."""

import marshmallow as ma

from mdma.api.base import DateTime, FreeText, Id, Version
from mdma.proposals.models import Answer, GovernmentLevel, Grouping, Kind
from mdma.proposals.states import FollowUp, Status

LEVELS = [level.value for level in GovernmentLevel]


class NamedRef(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    name = ma.fields.Str(dump_only=True)


class LinkedBottleneck(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    title = ma.fields.Str(dump_only=True)
    status = ma.fields.Str(dump_only=True)


class ProgressSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    at = DateTime(dump_only=True)
    percent = ma.fields.Int(dump_only=True)
    text = ma.fields.Str(dump_only=True)
    milestone = ma.fields.Bool(dump_only=True)
    reason = ma.fields.Str(dump_only=True)
    author = ma.fields.Nested(NamedRef, dump_only=True, allow_none=True)


class FollowupSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    proposal_id = ma.fields.Int(dump_only=True)
    level = ma.fields.Str(dump_only=True)
    body = ma.fields.Str(dump_only=True)
    status = ma.fields.Str(dump_only=True)
    status_label = ma.fields.Str(dump_only=True)
    advice_id = ma.fields.Int(dump_only=True, allow_none=True)
    submitted_on = ma.fields.Date(dump_only=True, allow_none=True)
    submitted_to = ma.fields.Str(dump_only=True)
    answer = ma.fields.Str(dump_only=True, allow_none=True)
    answer_text = ma.fields.Str(dump_only=True)
    answered_on = ma.fields.Date(dump_only=True, allow_none=True)
    progress_percent = ma.fields.Int(dump_only=True, allow_none=True)


class ProposalSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    title = ma.fields.Str(dump_only=True)
    problem = ma.fields.Str(dump_only=True)
    proposal = ma.fields.Str(dump_only=True)
    expected_effect = ma.fields.Str(dump_only=True)
    kind = ma.fields.Str(dump_only=True)
    status = ma.fields.Str(dump_only=True)
    status_label = ma.fields.Str(dump_only=True)
    sector = ma.fields.Nested(NamedRef, dump_only=True, allow_none=True)
    organisation = ma.fields.Nested(NamedRef, dump_only=True, allow_none=True)
    owner = ma.fields.Nested(NamedRef, dump_only=True)
    bottlenecks = ma.fields.List(ma.fields.Nested(LinkedBottleneck), dump_only=True)
    session_ids = ma.fields.Function(lambda p: [m.id for m in p.sessions], dump_only=True)
    decision_id = ma.fields.Int(dump_only=True, allow_none=True)
    followups = ma.fields.List(ma.fields.Nested(FollowupSchema), dump_only=True)
    version = ma.fields.Int(dump_only=True)
    created_at = DateTime(dump_only=True)


class ProposalSummary(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    title = ma.fields.Str(dump_only=True)
    status = ma.fields.Str(dump_only=True)
    kind = ma.fields.Str(dump_only=True)
    owner = ma.fields.Nested(NamedRef, dump_only=True)
    followups = ma.fields.List(ma.fields.Nested(FollowupSchema), dump_only=True)


class ProposalInput(ma.Schema):
    title = FreeText(required=True, validate=ma.validate.Length(min=1, max=200))
    problem = FreeText(load_default="", validate=ma.validate.Length(max=20000))
    proposal = FreeText(load_default="", validate=ma.validate.Length(max=20000))
    expected_effect = FreeText(load_default="", validate=ma.validate.Length(max=20000))
    kind = ma.fields.Str(required=True, validate=ma.validate.OneOf([k.value for k in Kind]))
    levels = ma.fields.Dict(
        keys=ma.fields.Str(validate=ma.validate.OneOf(LEVELS)),
        values=FreeText(validate=ma.validate.Length(max=200)),
        required=True,
        metadata={"description": "Target level → the body it goes to there (may be empty)"},
    )
    sector_id = Id(load_default=None, allow_none=True)
    organisation_id = Id(load_default=None, allow_none=True)
    owner_id = Id(load_default=None, allow_none=True)
    bottleneck_ids = ma.fields.List(Id(), load_default=list, validate=ma.validate.Length(max=500))
    session_ids = ma.fields.List(
        Id(), load_default=None, allow_none=True, validate=ma.validate.Length(max=500),
        metadata={"description": "The sessions where it was discussed; left out: kept as they are"},
    )  # fmt: skip
    decision_id = Id(
        load_default=None, allow_none=True,
        metadata={"description": "On creation: the session decision it starts from"},
    )  # fmt: skip
    version = Version(load_default=None, allow_none=True)
    confirmed_not_personal_data = ma.fields.Bool(load_default=False)


class ProposalQuery(ma.Schema):
    status = ma.fields.Str(validate=ma.validate.OneOf([s.value for s in Status]))


class ProposalStepInput(ma.Schema):
    to = ma.fields.Str(required=True, validate=ma.validate.OneOf([s.value for s in Status]))
    reason = FreeText(load_default="", validate=ma.validate.Length(max=5000))
    confirmed_not_personal_data = ma.fields.Bool(load_default=False)


class FollowupStepInput(ma.Schema):
    to = ma.fields.Str(required=True, validate=ma.validate.OneOf([s.value for s in FollowUp]))
    reason = FreeText(load_default="", validate=ma.validate.Length(max=5000))
    confirmed_not_personal_data = ma.fields.Bool(load_default=False)


class SubmissionInput(ma.Schema):
    submitted_on = ma.fields.Date(required=True)
    submitted_to = FreeText(required=True, validate=ma.validate.Length(min=1, max=200))
    confirmed_not_personal_data = ma.fields.Bool(load_default=False)


class AnswerInput(ma.Schema):
    answer = ma.fields.Str(required=True, validate=ma.validate.OneOf([a.value for a in Answer]))
    answer_text = FreeText(load_default="", validate=ma.validate.Length(max=20000))
    answered_on = ma.fields.Date(required=True)
    confirmed_not_personal_data = ma.fields.Bool(load_default=False)


class ProgressInput(ma.Schema):
    percent = ma.fields.Int(required=True, validate=ma.validate.Range(min=0, max=100))
    text = FreeText(required=True, validate=ma.validate.Length(min=1, max=20000))
    reason = FreeText(load_default="", validate=ma.validate.Length(max=2000))
    milestone = ma.fields.Bool(load_default=False)
    confirmed_not_personal_data = ma.fields.Bool(load_default=False)


class ProposalEvidenceSchema(ma.Schema):
    bottlenecks = ma.fields.Int(dump_only=True)
    occurrences = ma.fields.Int(dump_only=True)
    reporters = ma.fields.Int(dump_only=True)
    organisations = ma.fields.Int(dump_only=True)
    first = ma.fields.Date(dump_only=True, allow_none=True)
    last = ma.fields.Date(dump_only=True, allow_none=True)
    domains = ma.fields.Dict(ma.fields.Str(), ma.fields.Int(), dump_only=True)
    sectors = ma.fields.Dict(ma.fields.Str(), ma.fields.Int(), dump_only=True)
    quarters = ma.fields.Dict(ma.fields.Str(), ma.fields.Int(), dump_only=True)


class BoardQuery(ma.Schema):
    level = ma.fields.Str(validate=ma.validate.OneOf(LEVELS))
    status = ma.fields.Str(validate=ma.validate.OneOf([s.value for s in FollowUp]))
    owner_id = Id()
    overdue = ma.fields.Bool(load_default=False)


class BoardRowSchema(ma.Schema):
    followup = ma.fields.Nested(FollowupSchema, dump_only=True)
    title = ma.fields.Str(attribute="followup.proposal.title", dump_only=True)
    overdue = ma.fields.Bool(dump_only=True)


class AdviceContentInput(ma.Schema):
    title = FreeText(required=True, validate=ma.validate.Length(min=1, max=200))
    introduction = FreeText(load_default="", validate=ma.validate.Length(max=50000))
    conclusion = FreeText(load_default="", validate=ma.validate.Length(max=50000))
    grouping = ma.fields.Str(
        load_default=Grouping.DOMAIN.value, validate=ma.validate.OneOf([g.value for g in Grouping])
    )
    proposal_ids = ma.fields.List(Id(), required=True, validate=ma.validate.Length(max=1000))
    based_on = Version(load_default=None, allow_none=True)
    confirmed_not_personal_data = ma.fields.Bool(load_default=False)


class NewAdviceInput(AdviceContentInput):
    level = ma.fields.Str(required=True, validate=ma.validate.OneOf(LEVELS))
    period_start = ma.fields.Date(required=True)
    period_end = ma.fields.Date(required=True)
    language = ma.fields.Str(load_default="nl", validate=ma.validate.OneOf(["nl", "fr", "en"]))
    kind = ma.fields.Str(
        load_default="advice",
        validate=ma.validate.OneOf(["advice", "signal_bundle"]),
        metadata={"description": "signal_bundle: all structural bottlenecks of the period"},
    )


class VersionSchema(ma.Schema):
    number = ma.fields.Int(dump_only=True)
    title = ma.fields.Str(dump_only=True)
    introduction = ma.fields.Str(dump_only=True)
    conclusion = ma.fields.Str(dump_only=True)
    grouping = ma.fields.Str(dump_only=True)
    proposal_ids = ma.fields.List(ma.fields.Int(), dump_only=True)
    created_at = DateTime(dump_only=True)
    published_at = DateTime(dump_only=True, allow_none=True)
    author = ma.fields.Nested(NamedRef, dump_only=True)


class AdviceSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    level = ma.fields.Str(dump_only=True)
    kind = ma.fields.Str(dump_only=True)
    period_start = ma.fields.Date(dump_only=True)
    period_end = ma.fields.Date(dump_only=True)
    language = ma.fields.Str(dump_only=True)
    published_at = DateTime(dump_only=True, allow_none=True)
    public = ma.fields.Bool(dump_only=True)
    latest = ma.fields.Nested(VersionSchema, dump_only=True)


class CandidateQuery(ma.Schema):
    level = ma.fields.Str(required=True, validate=ma.validate.OneOf(LEVELS))


class CompareQuery(ma.Schema):
    older = ma.fields.Int(required=True, validate=ma.validate.Range(min=1, max=100000))
    newer = ma.fields.Int(required=True, validate=ma.validate.Range(min=1, max=100000))


class DiffRowSchema(ma.Schema):
    left = ma.fields.Str(dump_only=True)
    right = ma.fields.Str(dump_only=True)
    change = ma.fields.Str(dump_only=True)


class PublicInput(ma.Schema):
    public = ma.fields.Bool(required=True)


class ExportQuery(ma.Schema):
    format = ma.fields.Str(required=True, validate=ma.validate.OneOf(["html", "pdf", "docx"]))
    version = ma.fields.Int(validate=ma.validate.Range(min=1, max=100000))


class PublicProposalSchema(ma.Schema):
    title = ma.fields.Str(dump_only=True)
    status = ma.fields.Str(dump_only=True, allow_none=True)
    answer = ma.fields.Str(dump_only=True, allow_none=True)
    progress_percent = ma.fields.Int(dump_only=True, allow_none=True)


class PublicAdviceSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    title = ma.fields.Str(dump_only=True)
    level = ma.fields.Str(dump_only=True)
    period_start = ma.fields.Date(dump_only=True)
    period_end = ma.fields.Date(dump_only=True)
    published_at = DateTime(dump_only=True)
    proposals = ma.fields.List(ma.fields.Nested(PublicProposalSchema), dump_only=True)
    figures = ma.fields.Dict(ma.fields.Str(), ma.fields.Int(), dump_only=True)
