"""Bottlenecks and their occurrences (the evidence); their steps are `core.lifecycle.Step`s."""

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mdma.accounts.models import User
from mdma.bottlenecks import states
from mdma.bottlenecks.links import (
    RoutedSector,
    bottleneck_followers,
    bottleneck_organisations,
    bottleneck_owners,
    bottleneck_sectors,
)
from mdma.bottlenecks.states import STATUS_LABELS, Status
from mdma.core.lifecycle import Step, Stepped
from mdma.core.models import UNMANAGED_TABLE_PREFIXES, Timestamped
from mdma.core.time import utcnow
from mdma.directory.models import LIFE_DOMAIN_LABELS, LifeDomain, Organisation, Sector
from mdma.extensions import db
from mdma.privacy.registry import stored_text
from mdma.threads.models import Thread


class Level(StrEnum):
    OPERATIONAL = "operational"
    ORGANISATIONAL = "organisational"
    INTERSECTORAL = "intersectoral"
    STRUCTURAL = "structural"


LEVEL_LABELS = {
    Level.OPERATIONAL: _l("Operational"),
    Level.ORGANISATIONAL: _l("Organisational"),
    Level.INTERSECTORAL: _l("Intersectoral"),
    Level.STRUCTURAL: _l("Structural"),
}


class HouseholdType(StrEnum):
    SINGLE_PARENT = "single_parent"
    TWO_PARENTS = "two_parents"
    EXTENDED = "extended_family"
    OTHER = "other"


HOUSEHOLD_LABELS = {
    HouseholdType.SINGLE_PARENT: _l("Single parent"),
    HouseholdType.TWO_PARENTS: _l("Two parents"),
    HouseholdType.EXTENDED: _l("Extended family"),
    HouseholdType.OTHER: _l("Other household"),
}
#: Fixed bands only: household context is never free text.
CHILDREN_BANDS = ("1", "2", "3", "4+")
YOUNGEST_AGE_BANDS = ("0-1", "1-3", "3-6", "6-12", "12-18")


def household_labels(context) -> list:
    """The household context in words, e.g. ["Single parent", "3 children", "youngest 0-1"]."""
    labels = []
    if context.household_type:
        labels.append(HOUSEHOLD_LABELS[HouseholdType(context.household_type)])
    if context.children_band:
        labels.append(_l("%(band)s children", band=context.children_band))
    if context.youngest_age_band:
        labels.append(_l("youngest %(band)s years", band=context.youngest_age_band))
    return labels


class HouseholdContext:
    """The fixed-list description of a family, shared by bottlenecks and occurrences."""

    household_type: Mapped[str | None] = mapped_column(sa.String(20))
    children_band: Mapped[str | None] = mapped_column(sa.String(4))
    youngest_age_band: Mapped[str | None] = mapped_column(sa.String(6))


#: The full-text index (see search.py) is an FTS5 table on SQLite and a tsvector table on
#: PostgreSQL, made by its migration rather than from a model.
UNMANAGED_TABLE_PREFIXES.add("bottleneck_search")


class Bottleneck(HouseholdContext, Stepped, Timestamped, db.Model):
    __tablename__ = "bottlenecks"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    description: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    status: Mapped[str] = mapped_column(sa.String(20), nullable=False, default=Status.DRAFT)
    level: Mapped[str] = mapped_column(sa.String(20), nullable=False, default=Level.OPERATIONAL)
    #: With how many families the reporter meets it.
    families_count: Mapped[int] = mapped_column(nullable=False, default=1)
    #: Life domains, as a sorted comma-separated list of LifeDomain values.
    domains: Mapped[str] = mapped_column(sa.String(120), nullable=False, default="")
    #: The occurrences added after the report, kept by the services so lists sort by evidence
    #: without counting 500,000 rows; the report itself is the first (`occurrence_total`).
    occurrence_count: Mapped[int] = mapped_column(nullable=False, default=0, server_default="0")
    tags: Mapped[list] = mapped_column(sa.JSON, nullable=False, default=list)
    reporter_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), nullable=False, index=True)
    submitted_at: Mapped[datetime | None] = mapped_column(sa.DateTime)
    triaged_at: Mapped[datetime | None] = mapped_column(sa.DateTime)
    #: The routed sectors owe a first answer by this working day.
    answer_due_on: Mapped[date | None] = mapped_column(sa.Date)
    first_answer_at: Mapped[datetime | None] = mapped_column(sa.DateTime)
    #: The last day the routed sectors were reminded of an overdue first answer.
    reminded_on: Mapped[date | None] = mapped_column(sa.Date)
    closed_at: Mapped[datetime | None] = mapped_column(sa.DateTime)
    #: Set when merged into another bottleneck; its address then redirects there.
    merged_into_id: Mapped[int | None] = mapped_column(sa.ForeignKey("bottlenecks.id"))
    #: The discussion: answers of the routed sectors and everyone else's posts.
    thread_id: Mapped[int | None] = mapped_column(sa.ForeignKey("threads.id"), index=True)
    #: Several people edit one bottleneck: a stale edit answers 409 instead of overwriting.
    version: Mapped[int] = mapped_column(nullable=False, default=1)

    reporter: Mapped[User] = relationship(foreign_keys=[reporter_id], lazy="joined")
    sectors: Mapped[list[Sector]] = relationship(secondary=bottleneck_sectors, lazy="selectin")
    organisations: Mapped[list[Organisation]] = relationship(
        secondary=bottleneck_organisations, lazy="selectin"
    )
    owners: Mapped[list[User]] = relationship(secondary=bottleneck_owners, lazy="selectin")
    followers: Mapped[list[User]] = relationship(secondary=bottleneck_followers, lazy="select")
    occurrences: Mapped[list["Occurrence"]] = relationship(
        back_populates="bottleneck", order_by="Occurrence.occurred_on", lazy="select"
    )
    thread: Mapped[Thread | None] = relationship(lazy="select")
    #: The routed sectors with their answers, in the sectors' order.
    routed: Mapped[list[RoutedSector]] = relationship(
        viewonly=True, lazy="selectin", order_by="RoutedSector.sector_id"
    )

    __mapper_args__ = {"version_id_col": version}
    # The lists: each sort walks its index, and the columns the filters read ride along, so a
    # page and its count read the index instead of 100,000 wide rows (bench/bottlenecks).
    __table_args__ = (
        # The id last: PostgreSQL then answers "is it among these ids" from the index too.
        sa.Index(
            "ix_bottlenecks_listed_newest",
            "submitted_at",
            "status",
            "merged_into_id",
            "level",
            "domains",
            "triaged_at",
            "reporter_id",
            "id",
        ),
        sa.Index("ix_bottlenecks_by_status", "status", "submitted_at", "merged_into_id", "id"),
        # Routed and waiting for a first answer: the overdue lists and the reminders.
        sa.Index(
            "ix_bottlenecks_awaiting_answer",
            "first_answer_at",
            "status",
            "answer_due_on",
            "merged_into_id",
            "submitted_at",
            "id",
        ),
        sa.Index(
            "ix_bottlenecks_listed_occurrences", "occurrence_count", "status", "merged_into_id"
        ),
    )

    @property
    def occurrence_total(self) -> int:
        """The evidence as everyone reads it: the original report counts as the first
        occurrence, so a new bottleneck has one."""
        return self.occurrence_count + 1

    @property
    def domain_list(self) -> list[str]:
        return [d for d in self.domains.split(",") if d]

    @property
    def domain_labels(self) -> list:
        return [LIFE_DOMAIN_LABELS[LifeDomain(d)] for d in self.domain_list]

    @property
    def household_labels(self) -> list:
        return household_labels(self)

    @property
    def status_label(self):
        return STATUS_LABELS[Status(self.status)]

    @property
    def level_label(self):
        return LEVEL_LABELS[Level(self.level)]

    # The rules of `states`, asked by templates and schemas.
    @property
    def is_open(self) -> bool:
        return states.is_open(self)

    @property
    def is_structural(self) -> bool:
        return self.level == Level.STRUCTURAL

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def awaits_first_answer(self) -> bool:
        return states.awaits_first_answer(self)

    @property
    def is_overdue(self) -> bool:
        return states.is_overdue(self)

    @property
    def awaited_sectors(self) -> list:
        return states.awaited_sectors(self)


class Occurrence(HouseholdContext, db.Model):
    """Another family met with the same bottleneck: the evidence that carries a proposal."""

    __tablename__ = "occurrences"

    id: Mapped[int] = mapped_column(primary_key=True)
    bottleneck_id: Mapped[int] = mapped_column(
        sa.ForeignKey("bottlenecks.id"), nullable=False, index=True
    )
    reporter_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), nullable=False)
    occurred_on: Mapped[date] = mapped_column(sa.Date, nullable=False, index=True)
    domains: Mapped[str] = mapped_column(sa.String(120), nullable=False, default="")
    note: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)

    bottleneck: Mapped[Bottleneck] = relationship(back_populates="occurrences")
    reporter: Mapped[User] = relationship(lazy="joined")

    #: "Reported by me" reads the bottleneck ids of one reporter from the index alone.
    __table_args__ = (
        sa.Index("ix_occurrences_reporter_bottleneck", "reporter_id", "bottleneck_id"),
    )

    @property
    def labels(self) -> list:
        """Its life domains and household context in words, for its line on the page."""
        domains = [LIFE_DOMAIN_LABELS[LifeDomain(d)] for d in self.domains.split(",") if d]
        return [*domains, *household_labels(self)]


class Revision(HouseholdContext, db.Model):
    """One version of a submitted bottleneck's text, life domains and household context: who
    made it and when. The first is the original report, kept when it is first corrected."""

    __tablename__ = "bottleneck_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    bottleneck_id: Mapped[int] = mapped_column(
        sa.ForeignKey("bottlenecks.id", ondelete="CASCADE"), nullable=False
    )
    #: 1 for the original report, then one more per correction.
    number: Mapped[int] = mapped_column(nullable=False)
    editor_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), nullable=False)
    at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)
    title: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    description: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    domains: Mapped[str] = mapped_column(sa.String(120), nullable=False, default="")

    editor: Mapped[User] = relationship(lazy="joined")

    __table_args__ = (sa.UniqueConstraint("bottleneck_id", "number"),)

    @property
    def domain_labels(self) -> list:
        return [LIFE_DOMAIN_LABELS[LifeDomain(d)] for d in self.domains.split(",") if d]

    @property
    def household_labels(self) -> list:
        return household_labels(self)


class Merge(db.Model):
    """A duplicate folded into the bottleneck kept: both timelines show it."""

    __tablename__ = "bottleneck_merges"

    id: Mapped[int] = mapped_column(primary_key=True)
    keep_id: Mapped[int] = mapped_column(
        sa.ForeignKey("bottlenecks.id"), nullable=False, index=True
    )
    duplicate_id: Mapped[int] = mapped_column(
        sa.ForeignKey("bottlenecks.id"), nullable=False, unique=True
    )
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), nullable=False)
    at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)
    #: The state of each before the merge, and the one kept.
    keep_status: Mapped[str] = mapped_column(sa.String(20), nullable=False)
    duplicate_status: Mapped[str] = mapped_column(sa.String(20), nullable=False)
    kept_status: Mapped[str] = mapped_column(sa.String(20), nullable=False)
    reason: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")

    actor: Mapped[User] = relationship(lazy="joined")
    keep: Mapped[Bottleneck] = relationship(foreign_keys=[keep_id], lazy="joined")
    duplicate: Mapped[Bottleneck] = relationship(foreign_keys=[duplicate_id], lazy="joined")


class BottleneckVector(db.Model):
    """The meaning of a submitted bottleneck's text as an embedding (`similar`), int8 per
    dimension with one scale per row. `vector` is empty once it may no longer be suggested
    (merged): the serving processes read what changed since their last look by `changed_at`.
    `embedding_version` is `embeddings.VERSION` when it was embedded: what text, which prefix."""

    __tablename__ = "bottleneck_vectors"

    bottleneck_id: Mapped[int] = mapped_column(
        sa.ForeignKey("bottlenecks.id", ondelete="CASCADE"), primary_key=True
    )
    vector: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    scale: Mapped[float] = mapped_column(sa.Float, nullable=False, default=0.0)
    changed_at: Mapped[datetime] = mapped_column(
        sa.DateTime, nullable=False, default=utcnow, index=True
    )
    embedding_version: Mapped[int] = mapped_column(
        sa.SmallInteger, nullable=False, server_default="1"
    )


def _page(bottleneck_id: int, anchor: str = "") -> str:
    return url_for("bottlenecks.detail", bottleneck_id=bottleneck_id) + anchor


# What `mdma privacy rescan` reads again when the guard improves, and where each text is shown.
stored_text("bottleneck.title", Bottleneck, "title", lambda b: _page(b.id), _l("Bottleneck title"))
stored_text(
    "bottleneck.description",
    Bottleneck,
    "description",
    lambda b: _page(b.id),
    _l("Bottleneck description"),
)
stored_text(
    "bottleneck_revision.title",
    Revision,
    "title",
    lambda r: url_for("bottlenecks.versions", bottleneck_id=r.bottleneck_id),
    _l("Earlier version of a bottleneck's title"),
)
stored_text(
    "bottleneck_revision.description",
    Revision,
    "description",
    lambda r: url_for("bottlenecks.versions", bottleneck_id=r.bottleneck_id),
    _l("Earlier version of a bottleneck's description"),
)
stored_text(
    "occurrence.note",
    Occurrence,
    "note",
    lambda o: _page(o.bottleneck_id),
    _l("Occurrence note"),
)
stored_text(
    "bottleneck_merge.reason",
    Merge,
    "reason",
    lambda m: _page(m.keep_id),
    _l("Reason of a merge"),
)
stored_text(
    "lifecycle_step.reason",
    Step,
    "reason",
    lambda s: _page(s.subject_id) if s.subject_type == Bottleneck.__tablename__ else None,
    _l("Reason of a step"),
)
