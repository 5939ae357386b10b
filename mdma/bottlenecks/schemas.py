"""API shapes of bottlenecks: what a client sends, and one item shape the detail extends."""

import marshmallow as ma

from mdma.accounts.schemas import OrganisationRefSchema
from mdma.api.base import Count, DateTime, FreeText, Id, Version
from mdma.bottlenecks import queries
from mdma.bottlenecks.models import CHILDREN_BANDS, YOUNGEST_AGE_BANDS, HouseholdType, Level
from mdma.bottlenecks.states import Status
from mdma.directory.models import LifeDomain
from mdma.directory.schemas import SectorRefSchema
from mdma.threads.schemas import Confirmable, PostInput, PostSchema  # noqa: F401  (its discussion)
from mdma.threads.services import MAX_POST_LENGTH

#: Submitting and routing have endpoints of their own: routing needs sectors, not a reason.
TRANSITION_TARGETS = [
    s.value for s in Status if s not in (Status.DRAFT, Status.SUBMITTED, Status.TRIAGED)
]


def choice(values, **kwargs) -> ma.fields.String:
    """A code from a fixed list: never free text."""
    return ma.fields.Str(validate=ma.validate.OneOf([str(v) for v in values]), **kwargs)


#: More ids than any list of the directory holds is no choice.
MAX_IDS = 200


def ids(min_length: int = 0, **kwargs) -> ma.fields.List:
    return ma.fields.List(Id(), validate=ma.validate.Length(min=min_length, max=MAX_IDS), **kwargs)


def handle(attribute: str) -> ma.fields.String:
    """A professional as their @handle; an address is never shown."""
    return ma.fields.Str(attribute=attribute, dump_only=True)


class Inline(ma.fields.Nested):
    """A nested shape read from the row itself (the household columns live on it)."""

    def get_value(self, obj, attr, accessor=None, default=ma.missing):
        return obj


class HouseholdSchema(ma.Schema):
    household_type = choice(HouseholdType, allow_none=True, load_default=None)
    children_band = choice(CHILDREN_BANDS, allow_none=True, load_default=None)
    youngest_age_band = choice(YOUNGEST_AGE_BANDS, allow_none=True, load_default=None)


# --- Inputs ----------------------------------------------------------------------------------


class BottleneckInput(Confirmable):
    title = FreeText(required=True, validate=ma.validate.Length(min=1, max=200))
    description = FreeText(
        load_default="",
        validate=ma.validate.Length(max=MAX_POST_LENGTH),
        metadata={"description": "Markdown"},
    )
    domains = ma.fields.List(choice(LifeDomain), load_default=list)
    sector_ids = ids(load_default=list)
    organisation_ids = ids(load_default=list)
    level = choice(Level, load_default=Level.OPERATIONAL.value)
    families_count = Count(load_default=1)
    household = ma.fields.Nested(HouseholdSchema, load_default=dict)
    submit = ma.fields.Bool(
        load_default=False, metadata={"description": "false: save as a draft; true: submit it"}
    )


#: What an edit may leave out: it keeps the stored value.
EDITABLE = tuple(
    name
    for name in BottleneckInput._declared_fields
    if name not in ("submit", "confirmed_not_personal_data")
)


class BottleneckEdit(BottleneckInput):
    version = Version(required=True, metadata={"description": "The version the edit was made on"})


class OccurrenceInput(Confirmable):
    occurred_on = ma.fields.Date(required=True)
    domains = ma.fields.List(choice(LifeDomain), load_default=list)
    household = ma.fields.Nested(HouseholdSchema, load_default=dict)
    note = FreeText(load_default="", validate=ma.validate.Length(max=MAX_POST_LENGTH))


class TriageInput(ma.Schema):
    sector_ids = ids(min_length=1, required=True)
    level = choice(Level, required=True)
    owner_ids = ids(load_default=list, metadata={"description": "Sector policy owners"})
    tags = ma.fields.List(
        FreeText(validate=ma.validate.Length(min=1, max=40)),
        validate=ma.validate.Length(max=20),
        load_default=list,
    )


class TransitionInput(Confirmable):
    to = choice(TRANSITION_TARGETS, required=True)
    reason = FreeText(load_default="", validate=ma.validate.Length(max=MAX_POST_LENGTH))


class MergeInput(ma.Schema):
    duplicate_id = Id(required=True)
    reason = FreeText(load_default="", validate=ma.validate.Length(max=MAX_POST_LENGTH))
    state = choice(
        [s for s in Status if s != Status.DRAFT],
        load_default=None,
        metadata={"description": "When the two differ, the state to keep (one of theirs); "
                  "by default the one that has come further"},
    )  # fmt: skip


class BottleneckQuery(ma.Schema):
    status = choice(
        Status, load_default=None, metadata={"description": "`draft`: the caller's own drafts"}
    )
    domain = choice(LifeDomain, load_default=None)
    sector = Id(load_default=None, metadata={"description": "Sector id"})
    organisation = Id(load_default=None, metadata={"description": "Organisation id"})
    level = choice(Level, load_default=None)
    overdue = ma.fields.Bool(load_default=False)
    awaiting = ma.fields.Bool(
        load_default=False, metadata={"description": "Routed, still awaiting a first answer"}
    )
    mine = ma.fields.Bool(load_default=False, metadata={"description": "Reported by me"})
    routed = ma.fields.Bool(load_default=False, metadata={"description": "Routed to my sector"})
    q = ma.fields.Str(
        load_default="",
        validate=ma.validate.Length(max=200),
        metadata={"description": "Full-text search"},
    )
    sort = choice(queries.Sort, load_default=None)


class SimilarQuery(ma.Schema):
    title = ma.fields.Str(required=True, validate=ma.validate.Length(max=200))
    description = ma.fields.Str(load_default="", validate=ma.validate.Length(max=2000))
    exclude = Id(load_default=None, metadata={"description": "The draft being written"})


# --- Outputs ---------------------------------------------------------------------------------


class UserRefSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    handle = ma.fields.Str(dump_only=True)
    name = ma.fields.Str(dump_only=True)


class BottleneckItemSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    title = ma.fields.Str(dump_only=True)
    status = ma.fields.Str(dump_only=True)
    status_label = ma.fields.Str(
        dump_only=True, metadata={"description": "In the caller's language"}
    )
    level = ma.fields.Str(dump_only=True)
    level_label = ma.fields.Str(dump_only=True)
    domains = ma.fields.List(ma.fields.Str(), attribute="domain_list", dump_only=True)
    sectors = ma.fields.List(ma.fields.Nested(SectorRefSchema), dump_only=True)
    organisations = ma.fields.List(ma.fields.Nested(OrganisationRefSchema), dump_only=True)
    occurrence_count = ma.fields.Int(
        attribute="occurrence_total",
        dump_only=True,
        metadata={"description": "The original report counts as the first occurrence"},
    )
    submitted_at = DateTime(dump_only=True, allow_none=True)
    answer_due_on = ma.fields.Date(dump_only=True, allow_none=True)
    overdue = ma.fields.Bool(
        attribute="is_overdue",
        dump_only=True,
        metadata={"description": "The routed sectors' first answer is late"},
    )
    url = ma.fields.Function(
        lambda b: f"/bottlenecks/{b.id}",
        dump_only=True,
        metadata={"type": "string", "description": "Its page on the platform"},
    )
    reporter = handle("reporter.handle")


class SimilarItemSchema(BottleneckItemSchema):
    score = ma.fields.Float(dump_only=True, metadata={"description": "Between 0 and 1"})
    probably_same = ma.fields.Bool(
        attribute="confident",
        dump_only=True,
        metadata={"description": "Probably the same problem, not only a neighbouring one"},
    )
    shared = ma.fields.List(
        ma.fields.Str(),
        dump_only=True,
        metadata={"description": "Why it matched: words of the text it shares, or synonyms"},
    )


class EvidenceSchema(ma.Schema):
    occurrences = ma.fields.Int(dump_only=True)
    reporters = ma.fields.Int(dump_only=True)
    families = ma.fields.Int(dump_only=True)
    per_month = ma.fields.Dict(ma.fields.Str(), ma.fields.Int(), dump_only=True)
    domains = ma.fields.Dict(ma.fields.Str(), ma.fields.Int(), dump_only=True)


class StepSchema(ma.Schema):
    source = ma.fields.Str(data_key="from", dump_only=True, allow_none=True)
    target = ma.fields.Str(data_key="to", dump_only=True)
    actor = handle("actor.handle")
    at = DateTime(dump_only=True)
    reason = ma.fields.Str(dump_only=True)


class NextStepSchema(ma.Schema):
    to = ma.fields.Str(dump_only=True)
    label = ma.fields.Str(dump_only=True)
    needs_reason = ma.fields.Bool(dump_only=True)
    href = ma.fields.Str(dump_only=True, metadata={"description": "Where to POST it"})


class BottleneckDetailSchema(BottleneckItemSchema):
    description = ma.fields.Str(dump_only=True, metadata={"description": "Markdown"})
    families_count = ma.fields.Int(dump_only=True)
    household = Inline(HouseholdSchema, dump_only=True)
    tags = ma.fields.List(ma.fields.Str(), dump_only=True)
    owners = ma.fields.List(ma.fields.Nested(UserRefSchema), dump_only=True)
    triaged_at = DateTime(dump_only=True, allow_none=True)
    first_answer_at = DateTime(dump_only=True, allow_none=True)
    closed_at = DateTime(dump_only=True, allow_none=True)
    evidence = ma.fields.Nested(EvidenceSchema, dump_only=True)
    timeline = ma.fields.List(ma.fields.Nested(StepSchema), attribute="steps", dump_only=True)
    next_steps = ma.fields.List(ma.fields.Nested(NextStepSchema), dump_only=True)
    following = ma.fields.Bool(dump_only=True)
    version = ma.fields.Int(dump_only=True, metadata={"description": "Send it back with an edit"})


class OccurrenceSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    occurred_on = ma.fields.Date(dump_only=True)
    domains = ma.fields.Function(
        lambda o: [d for d in o.domains.split(",") if d],
        dump_only=True,
        metadata={"type": "array", "items": {"type": "string"}},
    )
    household = Inline(HouseholdSchema, dump_only=True)
    note = ma.fields.Str(dump_only=True)
    reporter = handle("reporter.handle")
    created_at = DateTime(dump_only=True)


class RevisionSchema(ma.Schema):
    number = ma.fields.Int(dump_only=True, metadata={"description": "1: the original report"})
    editor = handle("editor.handle")
    at = DateTime(dump_only=True)
    title = ma.fields.Str(dump_only=True)
    description = ma.fields.Str(dump_only=True, metadata={"description": "Markdown"})
    domains = ma.fields.Function(
        lambda r: [d for d in r.domains.split(",") if d],
        dump_only=True,
        metadata={"type": "array", "items": {"type": "string"}},
    )
    household = Inline(HouseholdSchema, dump_only=True)
