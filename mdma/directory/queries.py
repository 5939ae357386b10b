"""The read side of the directory, for pages and the API alike."""

import sqlalchemy as sa
from sqlalchemy import orm

from mdma.directory.models import Organisation, Sector
from mdma.extensions import db


def sectors(include_archived: bool = False) -> list[Sector]:
    query = sa.select(Sector).order_by(Sector.position, Sector.name_nl)
    if not include_archived:
        query = query.where(Sector.archived.is_(False))
    return list(db.session.scalars(query))


def organisations_query(q: str = "", sector_code: str | None = None, include_archived=False):
    """The directory's list, which shows each organisation's sectors."""
    query = _organisations(include_archived).options(orm.selectinload(Organisation.sectors))
    if q:
        query = query.where(Organisation.name.ilike(f"%{q.strip()}%"))
    if sector_code:
        query = query.where(Organisation.sectors.any(Sector.code == sector_code))
    return query


def _organisations(include_archived: bool):
    query = sa.select(Organisation).order_by(Organisation.name)
    if not include_archived:
        query = query.where(Organisation.archived.is_(False))
    return query


def active_organisations() -> list[Organisation]:
    """For choices: names, without their sectors."""
    return list(db.session.scalars(_organisations(include_archived=False)))


def organisation_names() -> tuple[str, ...]:
    """Every organisation of the directory, archived ones too: none of them is a person."""
    return tuple(db.session.scalars(sa.select(Organisation.name).order_by(Organisation.name)))
