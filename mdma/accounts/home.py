"""The home page: when the visitor was last here, and the administrator's blocks."""

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm

from mdma.accounts.models import Invitation, User
from mdma.core.home import ROWS, Block, Visit, per_label, provides
from mdma.core.logbook import LogEntry
from mdma.core.time import utcnow
from mdma.extensions import db
from mdma.permissions import ROLE_LABELS, Permission, has_permission

#: Without an earlier log-in, "since your last visit" means this many days.
FIRST_VISIT_DAYS = 14


def previous_visit(user) -> datetime:
    """When the user last came before this session: their log-in before the latest one."""
    earlier = db.session.scalar(
        sa.select(LogEntry.at)
        .where(LogEntry.actor_id == user.id, LogEntry.action == "user:logged_in")
        .order_by(LogEntry.at.desc(), LogEntry.id.desc())
        .offset(1)
        .limit(1)
    )
    return earlier or utcnow() - timedelta(days=FIRST_VISIT_DAYS)


def visit_of(user) -> Visit:
    return Visit(actor=user, since=previous_visit(user))


@provides(50)
def administration(visit: Visit) -> list[Block]:
    if not has_permission(visit.actor, Permission.USER_MANAGE):
        return []
    return [_open_invitations(), _users_per_role()]


def _open_invitations() -> Block:
    now = utcnow()
    pending = sa.select(Invitation).where(
        Invitation.accepted_at.is_(None),
        Invitation.revoked_at.is_(None),
        Invitation.expires_at > now,
    )
    count = db.session.scalar(sa.select(sa.func.count()).select_from(pending.subquery()))
    rows = db.session.scalars(
        pending.order_by(Invitation.expires_at, Invitation.id)
        .options(orm.lazyload(Invitation.sectors), orm.lazyload(Invitation.invited_by))
        .limit(ROWS)
    ).all()
    return Block(
        key="open-invitations",
        title=_l("Open invitations"),
        count=count or 0,
        rows=list(rows),
        more_url=url_for("admin_accounts.invitations"),
        more_label=_l("All invitations"),
        empty=_l("No invitation is waiting for an answer."),
        template="home/_invitations.html",
    )


def _users_per_role() -> Block:
    counts = dict(
        db.session.execute(
            sa.select(User.role, sa.func.count()).where(User.active.is_(True)).group_by(User.role)
        ).all()
    )
    rows = per_label(
        counts, ROLE_LABELS, lambda role: url_for("admin_accounts.users", role=role.value)
    )
    return Block(
        key="users-per-role",
        title=_l("Active users per role"),
        count=sum(counts.values()),
        rows=rows,
        more_url=url_for("admin_accounts.users"),
        more_label=_l("All users"),
        empty=_l("No active users."),
        template="home/_per_sector.html",
    )
