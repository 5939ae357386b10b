"""The agenda and what comes of it, actor first: items (a bottleneck, free text; a proposal,
through the resolver proposals registers in `sessions.hooks`), minutes per item in Markdown,
decisions, action points with an owner, a due date and a state, and the reminders of overdue
ones.

A bottleneck put on the agenda takes the step "on a session's agenda" of its own lifecycle,
through the bottlenecks' service, when that step is open to it; the bottleneck's page and
timeline show the session through `bottlenecks.hooks` (see `links` below).
"""

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm

from mdma.accounts.models import User
from mdma.bottlenecks import hooks
from mdma.bottlenecks import routing as bottleneck_routing
from mdma.bottlenecks import services as bottlenecks
from mdma.bottlenecks.models import Bottleneck
from mdma.bottlenecks.states import LIFECYCLE as BOTTLENECK_LIFECYCLE
from mdma.bottlenecks.states import Status as BottleneckStatus
from mdma.core.dates import format_when
from mdma.core.errors import RuleViolation
from mdma.core.lifecycle import Step
from mdma.core.logbook import record
from mdma.core.time import utcnow
from mdma.extensions import db
from mdma.permissions import Role, require
from mdma.privacy import guard
from mdma.privacy.registry import stored_text
from mdma.sessions import hooks as session_hooks
from mdma.sessions import notices
from mdma.sessions.models import ActionPoint, ActionState, AgendaItem, Decision, ItemKind, Session
from mdma.sessions.states import ACTION_LIFECYCLE, SessionPermission


def _item_link(item) -> str:
    return f"/sessions/{item.session_id}#item-{item.id}"


stored_text("session_item.title", AgendaItem, "title", _item_link, _l("Agenda item"))
stored_text("session_item.minutes", AgendaItem, "minutes", _item_link, _l("Minutes"))
stored_text("session_decision.text", Decision, "text", lambda d: _item_link(d.item), _l("Decision"))
stored_text(
    "session_action_point.text",
    ActionPoint,
    "text",
    lambda p: f"/sessions/{p.item.session_id}#action-{p.id}",
    _l("Action point"),
)


def _open(meeting: Session) -> None:
    if meeting.is_cancelled:
        raise RuleViolation(_l("This session has been cancelled."), status=409)


def add_item(
    actor,
    meeting: Session,
    *,
    kind: str,
    bottleneck: Bottleneck | None = None,
    title: str = "",
    minutes_slot: int | None = None,
    presenter: User | None = None,
    confirmed: bool = False,
    subject_id: int | None = None,
) -> AgendaItem:
    """Add an item at the end of the agenda; `subject_id` names what an item of a kind
    registered by a higher floor (a proposal) points at."""
    require(actor, SessionPermission.PLAN, meeting)
    _open(meeting)
    resolver = session_hooks.resolver_for(kind)
    if resolver is not None:
        title = resolver.title(actor, meeting, subject_id)
        bottleneck = None
    elif kind == ItemKind.BOTTLENECK:
        if bottleneck is None or not bottlenecks.can_read(actor, bottleneck):
            raise RuleViolation(_l("Choose a bottleneck you can see."), "bottleneck_id")
        if bottleneck.is_draft:
            raise RuleViolation(_l("Choose a bottleneck you can see."), "bottleneck_id")
        if any(item.bottleneck_id == bottleneck.id for item in meeting.items):
            raise RuleViolation(_l("This bottleneck is on the agenda already."), "bottleneck_id")
        title = ""
    elif kind == ItemKind.TEXT:
        title = (title or "").strip()
        if not title:
            raise RuleViolation(_l("This field is required."), "title")
        guard.check(actor, title, field="title", confirmed=confirmed, subject=meeting)
        bottleneck = None
    else:
        raise RuleViolation(_l("Choose from the list."), "kind")
    if minutes_slot is not None and not 1 <= minutes_slot <= 600:
        raise RuleViolation(_l("A time slot is from 1 to 600 minutes."), "minutes_slot")
    item = AgendaItem(
        session=meeting,
        position=len(meeting.items) + 1,
        kind=kind,
        bottleneck=bottleneck,
        title=title,
        minutes_slot=minutes_slot,
        presenter=presenter,
    )
    db.session.add(item)
    db.session.flush()
    record(actor, "session:item_added", meeting, item_id=item.id, bottleneck_id=item.bottleneck_id)
    if resolver is not None:
        resolver.attach(actor, item, subject_id)
    if bottleneck is not None:
        _schedule(actor, bottleneck)
        from mdma.sessions import proposed  # proposing lives beside the agenda

        proposed.taken_up(bottleneck, meeting.type_id)
    return item


def _schedule(actor, bottleneck: Bottleneck) -> None:
    """Move the bottleneck to "on a session's agenda" when its lifecycle allows that step now."""
    step = BOTTLENECK_LIFECYCLE.transition(bottleneck.status, BottleneckStatus.SCHEDULED)
    if step is not None and BOTTLENECK_LIFECYCLE.may(actor, bottleneck, step):
        bottleneck_routing.transition(actor, bottleneck, BottleneckStatus.SCHEDULED)


def record_minutes(actor, item: AgendaItem, minutes: str, *, confirmed: bool = False) -> AgendaItem:
    """The minutes of one item, in Markdown: the coordinator's or the minute-taker's; no longer
    once they have been approved."""
    meeting = item.session
    require(actor, SessionPermission.MINUTES, meeting)
    if meeting.minutes_approved_at is not None:
        raise RuleViolation(_l("These minutes have been approved: they no longer change."),
                            "minutes", status=409)  # fmt: skip
    minutes = (minutes or "").strip()
    guard.check(actor, minutes, field="minutes", confirmed=confirmed, subject=item)
    item.minutes = minutes
    record(actor, "session:minutes", meeting, item_id=item.id)
    db.session.flush()
    return item


def approve_minutes(actor, meeting: Session) -> Session:
    """At `meeting`, approve the minutes of the session before it in its series: who and when
    are kept, and the minutes are published (guests read them) and no longer change."""
    require(actor, SessionPermission.MINUTES, meeting)
    previous = meeting.previous
    if previous is None:
        raise RuleViolation(_l("This session has no previous session whose minutes it approves."),
                            status=409)  # fmt: skip
    if previous.minutes_approved_at is not None:
        raise RuleViolation(_l("These minutes have been approved already."), status=409)
    if meeting.is_cancelled or meeting.starts_at > utcnow():
        raise RuleViolation(_l("Minutes are approved at the next session, once it has begun."),
                            status=409)  # fmt: skip
    previous.minutes_approved_at = utcnow()
    previous.minutes_approved_by_id = actor.id
    record(actor, "session:minutes_approved", previous, approved_at=meeting.id)
    db.session.flush()
    return previous


def minutes_published(viewer, meeting: Session) -> bool:
    """Whether `viewer` reads the minutes of `meeting`: members always (drafts included), a
    guest only approved ones."""
    return getattr(viewer, "role", None) != Role.GUEST or meeting.minutes_approved_at is not None


def add_decision(actor, item: AgendaItem, text: str, *, confirmed: bool = False) -> Decision:
    require(actor, SessionPermission.MINUTES, item.session)
    text = (text or "").strip()
    if not text:
        raise RuleViolation(_l("This field is required."), "decision")
    guard.check(actor, text, field="decision", confirmed=confirmed, subject=item)
    decision = Decision(item=item, text=text, author_id=actor.id)
    db.session.add(decision)
    db.session.flush()
    record(actor, "session:decision", item.session, item_id=item.id, decision_id=decision.id)
    return decision


def add_action_point(
    actor, item: AgendaItem, *, text: str, owner: User | None, due_on: date | None,
    confirmed: bool = False,
) -> ActionPoint:  # fmt: skip
    """An action point with its owner, who is told, and a due date."""
    require(actor, SessionPermission.MINUTES, item.session)
    text = (text or "").strip()
    if not text:
        raise RuleViolation(_l("This field is required."), "action")
    if owner is None or not owner.active:
        raise RuleViolation(_l("Choose from the list."), "owner_id")
    if due_on is None:
        raise RuleViolation(_l("This field is required."), "due_on")
    guard.check(actor, text, field="action", confirmed=confirmed, subject=item)
    point = ActionPoint(item=item, text=text, owner=owner, due_on=due_on, state=ActionState.OPEN)
    db.session.add(point)
    db.session.flush()
    ACTION_LIFECYCLE.record_step(actor, point, None, ActionState.OPEN)
    notices.action_point(actor, point)
    return point


def set_action_state(actor, point: ActionPoint, state: str) -> ActionPoint:
    """Done, or open again: a step of its own lifecycle (and of its bottleneck's timeline)."""
    if state not in {s.value for s in ActionState}:
        raise RuleViolation(_l("Choose from the list."), "state")
    ACTION_LIFECYCLE.move(actor, point, state)
    from mdma.core.time import utcnow

    point.done_at = utcnow() if state == ActionState.DONE else None
    db.session.flush()
    return point


def action_points_of(user) -> list[ActionPoint]:
    """One's own action points, open ones first by due date."""
    return list(
        db.session.scalars(
            sa.select(ActionPoint)
            .where(ActionPoint.owner_id == user.id)
            .options(
                orm.selectinload(ActionPoint.item)
                .selectinload(AgendaItem.session)
                .joinedload(Session.type)
            )
            .order_by(ActionPoint.state.desc(), ActionPoint.due_on, ActionPoint.id)
        )
    )


def send_reminders(today: date | None = None) -> int:
    """Remind owners of overdue open action points, at most once a day each."""
    today = today or date.today()
    overdue = db.session.scalars(
        sa.select(ActionPoint).where(
            ActionPoint.state == ActionState.OPEN,
            ActionPoint.due_on < today,
            sa.or_(ActionPoint.reminded_on.is_(None), ActionPoint.reminded_on < today),
        )
    ).all()
    for point in overdue:
        notices.action_overdue(point)
        point.reminded_on = today
        record(None, "session_action_point:reminded", point)
    db.session.flush()
    return len(overdue)


# --- What a bottleneck's page shows of its sessions (bottlenecks.hooks) ---------------------------


class _Entry:
    def __init__(self, at, target_label, actor=None, reason=""):
        self.at, self.target_label, self.actor, self.reason = at, target_label, actor, reason


@hooks.timeline_source
def timeline(bottleneck) -> list:
    """Its action points: given, done and opened again, with the session they came from."""
    points = {
        point.id: point
        for point in db.session.scalars(
            sa.select(ActionPoint)
            .join(AgendaItem, AgendaItem.id == ActionPoint.item_id)
            .where(AgendaItem.bottleneck_id == bottleneck.id)
        )
    }
    if not points:
        return []
    steps = db.session.scalars(
        sa.select(Step).where(
            Step.subject_type == ACTION_LIFECYCLE.subject_type, Step.subject_id.in_(points)
        )
    )
    entries = []
    for step in steps:
        point = points[step.subject_id]
        label = {
            ActionState.OPEN: _l("Action point (%(owner)s, due %(due)s): %(text)s")
            if step.source is None
            else _l("Action point open again: %(text)s"),
            ActionState.DONE: _l("Action point done: %(text)s"),
        }[ActionState(step.target)]
        entries.append(_Entry(step.at, _Label(label, point), step.actor))
    return entries


class _Label:
    """Formatted when shown, in the reader's language."""

    def __init__(self, message, point):
        self.message, self.point = message, point

    def __str__(self):
        return str(self.message) % {
            "owner": self.point.owner.name,
            "due": format_when(self.point.due_on),
            "text": self.point.text,
        }

    def __html__(self):
        from markupsafe import escape

        return str(escape(str(self)))


@hooks.link_source
def links(actor, bottleneck) -> list:
    """The sessions that have it on their agenda."""
    meetings = db.session.scalars(
        sa.select(Session)
        .join(AgendaItem, AgendaItem.session_id == Session.id)
        .where(AgendaItem.bottleneck_id == bottleneck.id)
        .order_by(Session.starts_at)
    ).unique()
    return [
        hooks.Link(
            _("Sessions"),
            meeting.title,
            f"/sessions/{meeting.id}",
            format_when(meeting.starts_at, "datetime"),
        )
        for meeting in meetings
    ]
