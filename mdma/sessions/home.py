"""The home page's block of sessions: one's coming sessions and one's open action points."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import orm

from mdma.core.home import ROWS, Block, Visit, provides
from mdma.core.time import utcnow
from mdma.extensions import db
from mdma.permissions import allowed
from mdma.sessions import queries
from mdma.sessions.models import ActionPoint, ActionState, AgendaItem
from mdma.sessions.states import SessionPermission


@provides(60)
def blocks(visit: Visit) -> list[Block]:
    actor = visit.actor
    if not allowed(actor, SessionPermission.READ):
        return []
    now = utcnow()
    coming = [m for m in queries.of_person(actor) if m.ends_at >= now and not m.is_cancelled]
    open_points = list(
        db.session.scalars(
            sa.select(ActionPoint)
            .where(ActionPoint.owner_id == actor.id, ActionPoint.state == ActionState.OPEN)
            .options(orm.selectinload(ActionPoint.item).selectinload(AgendaItem.session))
            .order_by(ActionPoint.due_on, ActionPoint.id)
        )
    )
    rows = [
        {"label": m.title, "url": f"/sessions/{m.id}", "meta": m.starts_at, "overdue": False}
        for m in coming[:ROWS]
    ] + [
        {
            "label": point.text,
            "url": f"/sessions/{point.item.session_id}#action-{point.id}",
            "meta": point.due_on,
            "overdue": point.is_overdue(),
        }
        for point in open_points[:ROWS]
    ]
    if not rows:
        return []
    return [
        Block(
            key="sessions",
            title=_l("My sessions and action points"),
            count=len(coming) + len(open_points),
            rows=rows,
            more_url="/sessions/action-points" if open_points else "/sessions",
            more_label=ngettext(
                "%(num)d open action point", "%(num)d open action points", len(open_points)
            )
            if open_points
            else _l("Upcoming sessions"),
            template="home/_sessions.html",
        )
    ]
