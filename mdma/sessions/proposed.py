"""Bottlenecks proposed for the next session of a type: a policy owner (or the coordinator)
proposes one from the bottleneck's page (a panel registered through `bottlenecks.hooks`, so
bottlenecks never import sessions); the planner of a session of that type sees it among the
suggested items, until it is on such a session's agenda."""

import sqlalchemy as sa
from flask import render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from mdma.bottlenecks import hooks
from mdma.bottlenecks import services as bottlenecks
from mdma.core.errors import RuleViolation
from mdma.core.logbook import record
from mdma.extensions import db
from mdma.permissions import allowed, require
from mdma.sessions.models import ProposedItem, SessionType
from mdma.sessions.states import SessionPermission


def propose(actor, bottleneck, session_type: SessionType | None) -> ProposedItem:
    """Propose `bottleneck` for the next session of `session_type`; once per type."""
    require(actor, SessionPermission.PROPOSE_ITEM)
    if bottleneck is None or bottleneck.is_draft or not bottlenecks.can_read(actor, bottleneck):
        raise RuleViolation(_l("Choose a bottleneck you can see."), "bottleneck_id")
    if session_type is None:
        raise RuleViolation(_l("Choose from the list."), "type_id")
    if of_bottleneck(bottleneck, session_type.id):
        raise RuleViolation(
            _l("This bottleneck has been proposed for this kind of session already."),
            "type_id",
            status=409,
        )
    proposal = ProposedItem(
        bottleneck_id=bottleneck.id, type_id=session_type.id, proposed_by_id=actor.id
    )
    db.session.add(proposal)
    db.session.flush()
    record(actor, "session:item_proposed", bottleneck, type=session_type.code)
    return proposal


def of_bottleneck(bottleneck, type_id: int | None = None) -> list[ProposedItem]:
    query = sa.select(ProposedItem).where(ProposedItem.bottleneck_id == bottleneck.id)
    if type_id is not None:
        query = query.where(ProposedItem.type_id == type_id)
    return list(db.session.scalars(query.order_by(ProposedItem.id)))


def for_type(type_id: int) -> list[ProposedItem]:
    """What was proposed for sessions of this type, oldest first."""
    return list(
        db.session.scalars(
            sa.select(ProposedItem).where(ProposedItem.type_id == type_id).order_by(ProposedItem.id)
        )
    )


def taken_up(bottleneck, type_id: int) -> None:
    """On the agenda of a session of that type: the proposal has done its work."""
    db.session.execute(
        sa.delete(ProposedItem).where(
            ProposedItem.bottleneck_id == bottleneck.id, ProposedItem.type_id == type_id
        )
    )


@hooks.panel
def panel(reader, bottleneck) -> str:
    """The small form on a bottleneck's page: propose it for the next session of a type."""
    if bottleneck.is_draft or not allowed(reader, SessionPermission.PROPOSE_ITEM):
        return ""
    from mdma.sessions.queries import session_types

    proposed = {p.type_id for p in of_bottleneck(bottleneck)}
    every = session_types()
    return render_template(
        "sessions/_propose_panel.html",
        bottleneck=bottleneck,
        types=[t for t in every if t.id not in proposed],
        proposed=[t for t in every if t.id in proposed],
        reader=reader or current_user,
    )
