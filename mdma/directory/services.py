"""The directory's verbs, actor first: sectors and organisations are added, renamed, archived."""

import re
import unicodedata

import sqlalchemy as sa
from flask_babel import gettext as _

from mdma.core.errors import RuleViolation
from mdma.core.logbook import record
from mdma.directory.models import Organisation, Sector
from mdma.extensions import db
from mdma.permissions import Permission, require


def _require_manager(actor) -> None:
    if actor is not None:  # None: the system itself (migrations, the CLI)
        require(actor, Permission.DIRECTORY_MANAGE)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))[:40] or "sector"


def create_sector(actor, *, name_nl, name_fr="", name_en="", code=None) -> Sector:
    _require_manager(actor)
    _check_sector_name_free(name_nl)
    code = code or _slug(name_nl)
    base, n = code, 1
    while db.session.scalar(sa.select(Sector.id).where(Sector.code == code)) is not None:
        n += 1
        code = f"{base[:36]}-{n}"
    position = (db.session.scalar(sa.select(sa.func.max(Sector.position))) or 0) + 1
    sector = Sector(
        code=code,
        name_nl=name_nl.strip(),
        name_fr=(name_fr or "").strip(),
        name_en=(name_en or "").strip(),
        position=position,
    )
    db.session.add(sector)
    db.session.flush()
    record(actor, "sector:created", sector, code=code)
    return sector


def _check_sector_name_free(name_nl: str, except_sector: Sector | None = None) -> None:
    existing = db.session.scalar(
        sa.select(Sector).where(sa.func.lower(Sector.name_nl) == name_nl.strip().lower())
    )
    if existing is not None and existing is not except_sector:
        raise RuleViolation(_("A sector with this name exists already."), "name_nl")


def rename_sector(actor, sector: Sector, *, name_nl, name_fr="", name_en="") -> Sector:
    _require_manager(actor)
    _check_sector_name_free(name_nl, except_sector=sector)
    sector.name_nl = name_nl.strip()
    sector.name_fr = (name_fr or "").strip()
    sector.name_en = (name_en or "").strip()
    record(actor, "sector:renamed", sector)
    return sector


def set_sector_archived(actor, sector: Sector, archived: bool) -> Sector:
    """Archived sectors stay on what they were linked to but are no longer offered."""
    _require_manager(actor)
    if sector.archived != archived:
        sector.archived = archived
        record(actor, "sector:archived" if archived else "sector:restored", sector)
    return sector


def _check_organisation_name_free(name: str, except_organisation=None) -> None:
    existing = db.session.scalar(
        sa.select(Organisation).where(sa.func.lower(Organisation.name) == name.strip().lower())
    )
    if existing is not None and existing is not except_organisation:
        raise RuleViolation(_("An organisation with this name exists already."), "name")


def save_organisation(
    actor,
    organisation: Organisation | None,
    *,
    name,
    kind,
    sectors=(),
    contact_email="",
    contact_phone="",
    website="",
) -> Organisation:
    """Create (organisation None) or edit an organisation of the directory."""
    _require_manager(actor)
    _check_organisation_name_free(name, except_organisation=organisation)
    created = organisation is None
    if created:
        organisation = Organisation()
        db.session.add(organisation)
    organisation.name = name.strip()
    organisation.kind = kind
    organisation.sectors = list(sectors)
    organisation.contact_email = (contact_email or "").strip()
    organisation.contact_phone = (contact_phone or "").strip()
    organisation.website = (website or "").strip()
    db.session.flush()
    record(actor, "organisation:created" if created else "organisation:updated", organisation)
    return organisation


def set_organisation_archived(actor, organisation: Organisation, archived: bool) -> Organisation:
    _require_manager(actor)
    if organisation.archived != archived:
        organisation.archived = archived
        record(
            actor, "organisation:archived" if archived else "organisation:restored", organisation
        )
    return organisation
