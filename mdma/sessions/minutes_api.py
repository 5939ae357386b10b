"""The agenda of a session and what comes of it, as JSON: items, minutes and their approval,
decisions, action points and their state, one's own action points, and bottlenecks proposed
for the next session. It shares the sessions API's blueprint (`api.blp`)."""

from flask import abort
from flask.views import MethodView
from flask_babel import gettext as _

from mdma.accounts.models import User
from mdma.api.base import one_commit, one_of, signed_in
from mdma.bottlenecks.models import Bottleneck
from mdma.extensions import db
from mdma.permissions import Permission, allowed, requires
from mdma.sessions import agenda, proposed, queries
from mdma.sessions.api import blp, load
from mdma.sessions.models import ActionPoint, AgendaItem, Session, SessionType
from mdma.sessions.schemas import (
    ActionPointInput,
    ActionPointSchema,
    ActionStateInput,
    DecisionInput,
    DecisionSchema,
    ItemInput,
    ItemSchema,
    MinutesInput,
    ProposedItemInput,
    ProposedItemSchema,
    SessionSchema,
)
from mdma.sessions.states import SessionPermission as SP

#: The service's field names as this API names them.
RENAMED = {"decision": "text", "action": "text"}


class _AsSeen:
    """An agenda item as its reader may see it: without its minutes, decisions and action
    points until they are approved (a guest), and a bottleneck they may not read by its number
    alone, never its title."""

    def __init__(self, item: AgendaItem, *, published: bool, heading=None):
        self._item = item
        if not published:
            self.minutes, self.decisions, self.action_points = "", [], []
        if heading is not None:
            self.heading = heading

    def __getattr__(self, name):
        return getattr(self._item, name)


def _item(meeting: Session, item_id: int) -> AgendaItem:
    item = db.session.get(AgendaItem, item_id)
    if item is None or item.session_id != meeting.id:
        abort(404)
    return item


@blp.route("/<int:session_id>/approve-minutes")
class SessionApproveMinutes(MethodView):
    @requires(SP.READ)
    @blp.response(200, SessionSchema)
    def post(self, session_id):
        """At this session, approve the minutes of the previous one (the coordinator or this
        session's minute-taker); answers the previous session, its minutes now approved."""
        meeting = load(session_id)
        if not allowed(signed_in(), SP.MINUTES, meeting):
            abort(404)  # the object rule: only its coordinator or minute-taker approve there
        with one_commit():
            previous = agenda.approve_minutes(signed_in(), meeting)
        return previous


@blp.route("/proposed-items")
class ProposedItems(MethodView):
    @requires(SP.PROPOSE_ITEM)
    @blp.arguments(ProposedItemInput)
    @blp.response(201, ProposedItemSchema)
    def post(self, data):
        """Propose a bottleneck for the next session of a type: a suggested agenda item there."""
        with one_commit():
            return proposed.propose(
                signed_in(),
                db.session.get(Bottleneck, data["bottleneck_id"]),
                db.session.get(SessionType, data["type_id"]),
            )


@blp.route("/<int:session_id>/agenda")
class SessionAgenda(MethodView):
    @requires(SP.READ)
    @blp.response(200, ItemSchema(many=True))
    def get(self, session_id):
        """The agenda in order, with minutes, decisions and action points (for a guest, once the
        minutes are approved; a bottleneck the reader may not read by its number only)."""
        meeting = load(session_id)
        items = queries.items(meeting)
        published = agenda.minutes_published(signed_in(), meeting)
        withheld = _("A bottleneck of the network")
        seen = []
        for item in items:
            hidden = item.bottleneck is not None and not allowed(
                signed_in(), Permission.BOTTLENECK_READ, item.bottleneck
            )
            if published and not hidden:
                seen.append(item)
            else:
                seen.append(
                    _AsSeen(item, published=published, heading=withheld if hidden else None)
                )
        return seen

    @requires(SP.PLAN)
    @blp.arguments(ItemInput)
    @blp.response(201, ItemSchema)
    def post(self, data, session_id):
        """Add an item: a bottleneck (it moves to "on a session's agenda") or free text."""
        meeting = load(session_id)
        with one_commit(RENAMED):
            item = agenda.add_item(
                signed_in(),
                meeting,
                kind=data["kind"],
                bottleneck=db.session.get(Bottleneck, data["bottleneck_id"] or 0),
                title=data["title"],
                minutes_slot=data["minutes_slot"],
                presenter=one_of(User, data["presenter_id"], "presenter_id"),
                confirmed=data["confirmed_not_personal_data"],
                subject_id=data["proposal_id"],
            )
        return item


@blp.route("/<int:session_id>/agenda/<int:item_id>/minutes")
class ItemMinutes(MethodView):
    @requires(SP.READ)
    @blp.arguments(MinutesInput)
    @blp.response(200, ItemSchema)
    def put(self, data, session_id, item_id):
        """The item's minutes (the coordinator's or the minute-taker's)."""
        item = _item(load(session_id), item_id)
        with one_commit():
            agenda.record_minutes(
                signed_in(), item, data["minutes"], confirmed=data["confirmed_not_personal_data"]
            )
        return item


@blp.route("/<int:session_id>/agenda/<int:item_id>/decisions")
class ItemDecisions(MethodView):
    @requires(SP.READ)
    @blp.arguments(DecisionInput)
    @blp.response(201, DecisionSchema)
    def post(self, data, session_id, item_id):
        """A decision taken on the item (the coordinator's or the minute-taker's)."""
        item = _item(load(session_id), item_id)
        with one_commit(RENAMED):
            decision = agenda.add_decision(
                signed_in(), item, data["text"], confirmed=data["confirmed_not_personal_data"]
            )
        return decision


@blp.route("/<int:session_id>/agenda/<int:item_id>/action-points")
class ItemActionPoints(MethodView):
    @requires(SP.READ)
    @blp.arguments(ActionPointInput)
    @blp.response(201, ActionPointSchema)
    def post(self, data, session_id, item_id):
        """An action point with its owner (who is told) and due date."""
        item = _item(load(session_id), item_id)
        owner = one_of(User, data["owner_id"], "owner_id")
        with one_commit(RENAMED):
            point = agenda.add_action_point(
                signed_in(), item, text=data["text"], owner=owner, due_on=data["due_on"],
                confirmed=data["confirmed_not_personal_data"],
            )  # fmt: skip
        return point


@blp.route("/action-points")
class MyActionPoints(MethodView):
    @requires(SP.READ)
    @blp.response(200, ActionPointSchema(many=True))
    def get(self):
        """The caller's own action points, open ones first."""
        return agenda.action_points_of(signed_in())


@blp.route("/action-points/<int:action_point_id>/state")
class ActionPointState(MethodView):
    @requires(SP.READ)
    @blp.arguments(ActionStateInput)
    @blp.response(200, ActionPointSchema)
    def put(self, data, action_point_id):
        """Done, or open again: its owner or the coordinator."""
        point = db.session.get(ActionPoint, action_point_id)
        if point is None:
            abort(404)
        load(point.item.session_id)
        with one_commit():
            agenda.set_action_state(signed_in(), point, data["state"])
        return point
