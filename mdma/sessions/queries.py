"""The read side of sessions: upcoming and past lists with filters, a month, a person's
sessions for the calendar feed, the registrations of one session, suggested agenda items."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy import orm

from mdma.accounts.models import User
from mdma.bottlenecks.models import Bottleneck
from mdma.bottlenecks.signals import queries as signal_queries
from mdma.core.time import utcnow
from mdma.extensions import db
from mdma.permissions import Role
from mdma.sessions.models import (
    AgendaItem,
    Registration,
    RegistrationStatus,
    Session,
    SessionType,
    session_invitees,
    session_organisations,
    session_sectors,
)
from mdma.sessions.times import from_local


@dataclass
class SessionFilter:
    past: bool = False
    type_id: int | None = None
    theme: str = ""


def visible_to(query: sa.Select, viewer) -> sa.Select:
    """Only the sessions a guest is invited to (`states.may_read`); members see them all."""
    if viewer is not None and getattr(viewer, "role", None) == Role.GUEST:
        query = query.where(Session.invitees.any(User.id == viewer.id))
    return query


def list_query(filters: SessionFilter, viewer=None) -> sa.Select:
    now = utcnow()
    query = visible_to(sa.select(Session).options(orm.joinedload(Session.type)), viewer)
    if filters.past:
        query = query.where(Session.ends_at < now).order_by(Session.starts_at.desc())
    else:
        query = query.where(Session.ends_at >= now).order_by(Session.starts_at)
    if filters.type_id:
        query = query.where(Session.type_id == filters.type_id)
    if filters.theme:
        query = query.where(Session.theme.ilike(f"%{_escape(filters.theme)}%", escape="\\"))
    return query


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def month(year: int, number: int, viewer=None) -> list[Session]:
    """The sessions that start in one month (Brussels time), in order."""
    first = from_local(date(year, number, 1), datetime.min.time())
    following = date(year + number // 12, number % 12 + 1, 1)
    last = from_local(following, datetime.min.time())
    query = (
        sa.select(Session)
        .where(Session.starts_at >= first, Session.starts_at < last)
        .order_by(Session.starts_at)
    )
    return list(db.session.scalars(visible_to(query, viewer)))


def of_person(user: User) -> list[Session]:
    """Every session a person is invited to (by name, sector or organisation) or registered for:
    what their calendar feed holds, from a year back."""
    mine = [
        sa.select(session_invitees.c.session_id).where(session_invitees.c.user_id == user.id),
        sa.select(Registration.session_id).where(
            Registration.user_id == user.id,
            Registration.status.in_([RegistrationStatus.REGISTERED, RegistrationStatus.WAITING]),
        ),
    ]
    own_sectors = [s.id for s in user.sectors]
    if own_sectors:
        mine.append(
            sa.select(session_sectors.c.session_id).where(
                session_sectors.c.sector_id.in_(own_sectors)
            )
        )
    if user.organisation_id:
        mine.append(
            sa.select(session_organisations.c.session_id).where(
                session_organisations.c.organisation_id == user.organisation_id
            )
        )
    return list(
        db.session.scalars(
            sa.select(Session)
            .where(
                Session.id.in_(sa.union(*mine)),
                Session.starts_at >= utcnow() - timedelta(days=365),
            )
            .order_by(Session.starts_at)
        )
    )


def registrations(meeting: Session) -> list[Registration]:
    return list(
        db.session.scalars(
            sa.select(Registration)
            .where(Registration.session_id == meeting.id)
            .order_by(Registration.id)
        )
    )


def items(meeting: Session) -> list[AgendaItem]:
    """The agenda with its bottlenecks, decisions and action points, loaded at once."""
    return list(
        db.session.scalars(
            sa.select(AgendaItem)
            .where(AgendaItem.session_id == meeting.id)
            .options(
                orm.selectinload(AgendaItem.bottleneck),
                orm.selectinload(AgendaItem.decisions),
                orm.selectinload(AgendaItem.action_points),
                orm.selectinload(AgendaItem.presenter),
            )
            .order_by(AgendaItem.position, AgendaItem.id)
        )
    )


def suggestions(meeting: Session, limit: int = 10) -> list[Bottleneck]:
    """Bottlenecks proposed for a session of its type (`proposed`), then those the evidence
    made candidates, not on this agenda yet."""
    from mdma.sessions import proposed  # its panel renders on the bottleneck's page

    on_agenda = {item.bottleneck_id for item in meeting.items}
    wanted = [
        db.session.get(Bottleneck, p.bottleneck_id) for p in proposed.for_type(meeting.type_id)
    ]
    wanted += [b for b, _signal in signal_queries.candidates()]
    seen, offered = set(on_agenda), []
    for bottleneck in wanted:
        if bottleneck is not None and bottleneck.id not in seen:
            seen.add(bottleneck.id)
            offered.append(bottleneck)
    return offered[:limit]


def series(meeting: Session) -> list[Session]:
    """The sessions of its series, in date order (itself when it has none)."""
    if meeting.series_id is None:
        return [meeting]
    return list(
        db.session.scalars(
            sa.select(Session)
            .where(Session.series_id == meeting.series_id)
            .order_by(Session.starts_at)
        )
    )


def session_types() -> list[SessionType]:
    return list(db.session.scalars(sa.select(SessionType).order_by(SessionType.position)))


def active_people() -> list[User]:
    return list(
        db.session.scalars(sa.select(User).where(User.active.is_(True)).order_by(User.name))
    )
