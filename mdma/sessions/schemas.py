"""API shapes of sessions: what a client sends and what it gets back."""

import marshmallow as ma

from mdma.api.base import DateTime, FreeText, Id, Version
from mdma.bottlenecks.schemas import Confirmable, choice, ids
from mdma.sessions.models import ActionState, ItemKind, RegistrationStatus


class SessionTypeSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    code = ma.fields.Str(dump_only=True)
    name = ma.fields.Str(dump_only=True, metadata={"description": "In the caller's language"})
    name_nl = ma.fields.Str(dump_only=True)
    name_fr = ma.fields.Str(dump_only=True)
    name_en = ma.fields.Str(dump_only=True)
    by_invitation = ma.fields.Bool(dump_only=True)
    default_minutes = ma.fields.Int(dump_only=True)
    default_capacity = ma.fields.Int(dump_only=True, allow_none=True)
    rhythm = ma.fields.Str(dump_only=True)


class _Times(ma.Schema):
    starts_at = ma.fields.AwareDateTime(
        required=True, metadata={"description": "RFC 3339 with its offset; shown in Brussels time"}
    )
    ends_at = ma.fields.AwareDateTime(required=True)


class SessionInput(Confirmable, _Times):
    type_id = Id(required=True)
    theme = FreeText(required=True, validate=ma.validate.Length(min=1, max=200))
    description = FreeText(load_default="", validate=ma.validate.Length(max=20000),
                           metadata={"description": "Markdown"})  # fmt: skip
    place = ma.fields.Str(load_default="", validate=ma.validate.Length(max=200))
    online_url = ma.fields.Url(load_default="", validate=ma.validate.Length(max=500))
    capacity = ma.fields.Int(
        load_default=None, allow_none=True, validate=ma.validate.Range(min=1, max=10000),
        metadata={"description": "Empty for no limit"},
    )  # fmt: skip
    minute_taker_id = Id(load_default=None, allow_none=True)
    sector_ids = ids(load_default=list)
    organisation_ids = ids(load_default=list)
    person_ids = ids(load_default=list)


class SeriesInput(SessionInput):
    """The first session of the series; the others fall on the same weekday of the month, at
    the same Brussels time."""

    every_months = ma.fields.Int(required=True, validate=ma.validate.Range(min=1, max=12))
    count = ma.fields.Int(required=True, validate=ma.validate.Range(min=2, max=24))


class SessionEdit(SessionInput):
    version = Version(required=True)


class InviteInput(ma.Schema):
    sector_ids = ids(load_default=list)
    organisation_ids = ids(load_default=list)
    person_ids = ids(load_default=list)


class GuestInput(ma.Schema):
    email = ma.fields.Str(required=True, validate=ma.validate.Length(max=254))
    name = ma.fields.Str(load_default="", validate=ma.validate.Length(max=120))
    language = choice(("nl", "fr", "en"), load_default="en")


class GuestSchema(ma.Schema):
    email = ma.fields.Str(dump_only=True)
    name = ma.fields.Str(dump_only=True)
    #: "invited": an account, invited by name; "pending": the invitation to make one was sent.
    status = ma.fields.Str(dump_only=True)


class ProposedItemInput(ma.Schema):
    bottleneck_id = Id(required=True)
    type_id = Id(required=True)


class ProposedItemSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    bottleneck_id = ma.fields.Int(dump_only=True)
    type_id = ma.fields.Int(dump_only=True)
    proposed_by_id = ma.fields.Int(dump_only=True, allow_none=True)
    created_at = DateTime(dump_only=True)


class SessionQuery(ma.Schema):
    when = choice(("upcoming", "past"), load_default="upcoming")
    type_id = Id(load_default=None)
    theme = ma.fields.Str(load_default="", validate=ma.validate.Length(max=200))


class SessionSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    type = ma.fields.Nested(SessionTypeSchema, dump_only=True)
    theme = ma.fields.Str(dump_only=True)
    description = ma.fields.Str(dump_only=True)
    starts_at = DateTime(dump_only=True)
    ends_at = DateTime(dump_only=True)
    place = ma.fields.Str(dump_only=True)
    online_url = ma.fields.Str(dump_only=True)
    capacity = ma.fields.Int(dump_only=True, allow_none=True)
    registered_count = ma.fields.Int(dump_only=True)
    status = ma.fields.Str(dump_only=True)
    uid = ma.fields.Str(dump_only=True, metadata={"description": "The iCalendar UID"})
    sequence = ma.fields.Int(dump_only=True, metadata={"description": "The iCalendar SEQUENCE"})
    version = ma.fields.Int(dump_only=True)
    minute_taker_id = ma.fields.Int(dump_only=True, allow_none=True)
    previous_id = ma.fields.Int(dump_only=True, allow_none=True)
    minutes_approved_at = DateTime(dump_only=True, allow_none=True)
    minutes_approved_by_id = ma.fields.Int(dump_only=True, allow_none=True)


class RegistrationInput(ma.Schema):
    answer = choice(("register", "decline", "cancel"), required=True)


class RegistrationSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    session_id = ma.fields.Int(dump_only=True)
    user_id = ma.fields.Int(dump_only=True)
    name = ma.fields.Str(attribute="user.name", dump_only=True)
    status = choice(RegistrationStatus, dump_only=True)
    attended = ma.fields.Bool(dump_only=True, allow_none=True)


class AttendanceInput(ma.Schema):
    present_ids = ids(required=True)


class AttendanceSchema(ma.Schema):
    registered = ma.fields.Int(dump_only=True)


class ItemInput(Confirmable):
    kind = choice((ItemKind.BOTTLENECK, ItemKind.PROPOSAL, ItemKind.TEXT), required=True)
    bottleneck_id = Id(load_default=None, allow_none=True)
    proposal_id = Id(load_default=None, allow_none=True)
    title = FreeText(load_default="", validate=ma.validate.Length(max=200))
    minutes_slot = ma.fields.Int(
        load_default=None, allow_none=True, validate=ma.validate.Range(min=1, max=600)
    )
    presenter_id = Id(load_default=None, allow_none=True)


class DecisionSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    text = ma.fields.Str(dump_only=True)


class ActionPointSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    item_id = ma.fields.Int(dump_only=True)
    text = ma.fields.Str(dump_only=True)
    owner_id = ma.fields.Int(dump_only=True)
    due_on = ma.fields.Date(dump_only=True)
    state = choice(ActionState, dump_only=True)


class ItemSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    position = ma.fields.Int(dump_only=True)
    kind = ma.fields.Str(dump_only=True)
    bottleneck_id = ma.fields.Int(dump_only=True, allow_none=True)
    title = ma.fields.Str(attribute="heading", dump_only=True)
    minutes_slot = ma.fields.Int(dump_only=True, allow_none=True)
    presenter_id = ma.fields.Int(dump_only=True, allow_none=True)
    minutes = ma.fields.Str(dump_only=True, metadata={"description": "Markdown"})
    decisions = ma.fields.List(ma.fields.Nested(DecisionSchema), dump_only=True)
    action_points = ma.fields.List(ma.fields.Nested(ActionPointSchema), dump_only=True)


class MinutesInput(Confirmable):
    minutes = FreeText(required=True, validate=ma.validate.Length(max=50000),
                       metadata={"description": "Markdown"})  # fmt: skip


class DecisionInput(Confirmable):
    text = FreeText(required=True, validate=ma.validate.Length(min=1, max=5000))


class ActionPointInput(Confirmable):
    text = FreeText(required=True, validate=ma.validate.Length(min=1, max=500))
    owner_id = Id(required=True)
    due_on = ma.fields.Date(required=True)


class ActionStateInput(ma.Schema):
    state = choice(ActionState, required=True)
