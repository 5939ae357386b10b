"""Sectors, organisations, and the life domains (fixed, translated in code)."""

from enum import StrEnum

import sqlalchemy as sa
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mdma.core.models import Timestamped
from mdma.extensions import db


class LifeDomain(StrEnum):
    """The six life domains of the Kind & Gezin deprivation index."""

    INCOME = "income"
    PARENTS_EDUCATION = "parents_education"
    CHILDREN_STIMULATION = "children_stimulation"
    PARENTS_WORK = "parents_work"
    HOUSING = "housing"
    HEALTH = "health"

    @property
    def label(self):
        return LIFE_DOMAIN_LABELS[self]


LIFE_DOMAIN_LABELS = {
    LifeDomain.INCOME: _l("Income"),
    LifeDomain.PARENTS_EDUCATION: _l("Parents' education"),
    LifeDomain.CHILDREN_STIMULATION: _l("Children's stimulation"),
    LifeDomain.PARENTS_WORK: _l("Parents' work"),
    LifeDomain.HOUSING: _l("Housing"),
    LifeDomain.HEALTH: _l("Health"),
}


class OrganisationKind(StrEnum):
    PUBLIC_SERVICE = "public_service"
    SOCIAL_SERVICE = "social_service"
    NON_PROFIT = "non_profit"
    HEALTH_CARE = "health_care"
    EDUCATION = "education"
    CHILDCARE = "childcare"
    HOUSING = "housing"
    EMPLOYMENT = "employment"
    OTHER = "other"

    @property
    def label(self):
        return ORGANISATION_KIND_LABELS[self]


ORGANISATION_KIND_LABELS = {
    OrganisationKind.PUBLIC_SERVICE: _l("Public service"),
    OrganisationKind.SOCIAL_SERVICE: _l("Social service"),
    OrganisationKind.NON_PROFIT: _l("Non-profit organisation"),
    OrganisationKind.HEALTH_CARE: _l("Health care"),
    OrganisationKind.EDUCATION: _l("School or training centre"),
    OrganisationKind.CHILDCARE: _l("Childcare"),
    OrganisationKind.HOUSING: _l("Housing"),
    OrganisationKind.EMPLOYMENT: _l("Employment service"),
    OrganisationKind.OTHER: _l("Other"),
}

organisation_sectors = db.Table(
    "organisation_sectors",
    sa.Column(
        "organisation_id", sa.ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("sector_id", sa.ForeignKey("sectors.id", ondelete="CASCADE"), primary_key=True),
)


class Sector(Timestamped, db.Model):
    """A policy sector; the name is kept in every interface language."""

    __tablename__ = "sectors"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable identifier for code and API (`housing`); never shown.
    code: Mapped[str] = mapped_column(sa.String(40), unique=True, nullable=False)
    name_nl: Mapped[str] = mapped_column(sa.String(80), nullable=False)
    name_fr: Mapped[str] = mapped_column(sa.String(80), nullable=False, default="")
    name_en: Mapped[str] = mapped_column(sa.String(80), nullable=False, default="")
    archived: Mapped[bool] = mapped_column(default=False, nullable=False)
    position: Mapped[int] = mapped_column(default=0, nullable=False)

    @property
    def name(self) -> str:
        """The name in the current interface language, falling back to Dutch."""
        language = str(get_locale() or "nl")[:2]
        return getattr(self, f"name_{language}", "") or self.name_nl

    def __repr__(self):
        return f"<Sector {self.code}>"


class Organisation(Timestamped, db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(160), unique=True, nullable=False)
    kind: Mapped[str] = mapped_column(sa.String(32), nullable=False, default=OrganisationKind.OTHER)
    #: The organisation's own desk, never a person's private details.
    contact_email: Mapped[str] = mapped_column(sa.String(254), nullable=False, default="")
    contact_phone: Mapped[str] = mapped_column(sa.String(40), nullable=False, default="")
    website: Mapped[str] = mapped_column(sa.String(200), nullable=False, default="")
    archived: Mapped[bool] = mapped_column(default=False, nullable=False)

    #: Loaded when read; the directory's list asks for them with its query (`queries`).
    sectors: Mapped[list[Sector]] = relationship(
        secondary=organisation_sectors, order_by="Sector.position"
    )

    @property
    def kind_label(self):
        return OrganisationKind(self.kind).label

    def __repr__(self):
        return f"<Organisation {self.name!r}>"
