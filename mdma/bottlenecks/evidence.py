"""The evidence of one bottleneck: the original report counts as its first occurrence, so a
new bottleneck has one — on its page, in lists (`Bottleneck.occurrence_total`), in the API and
in the structural track's figures (`signals.services.evidence_figures`)."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from mdma.bottlenecks import queries
from mdma.bottlenecks.models import Bottleneck, Occurrence
from mdma.core.dates import format_when
from mdma.core.time import utcnow
from mdma.directory.models import LIFE_DOMAIN_LABELS, LifeDomain
from mdma.extensions import db


@dataclass
class Evidence:
    #: The original report counts as the first occurrence: a new bottleneck has one.
    occurrences: int
    #: Case managers and social workers who met it: the reporter and everyone who added one.
    reporters: int
    families: int
    #: Occurrences per month, `YYYY-MM` → count, oldest first (the report's month included).
    per_month: dict[str, int] = field(default_factory=dict)
    #: How often each life domain was named, by the report and its occurrences.
    domains: Counter = field(default_factory=Counter)

    @property
    def domain_labels(self) -> list[tuple]:
        """(label, count), most named first."""
        return [(LIFE_DOMAIN_LABELS[LifeDomain(d)], n) for d, n in self.domains.most_common()]

    @property
    def months(self) -> list[tuple[str, int]]:
        """(the month by name in the reader's language, e.g. "oktober 2026", count)."""
        return [(format_when(key, "month"), count) for key, count in self.per_month.items()]


def reported_on(bottleneck: Bottleneck) -> date:
    """The day of the original report, its first occurrence (a draft: the day it was begun)."""
    return (bottleneck.submitted_at or bottleneck.created_at or utcnow()).date()


def of(bottleneck: Bottleneck) -> Evidence:
    """Counted in the database, in one query, however many occurrences there are; the original
    report is the first occurrence."""
    rows = db.session.execute(
        sa.select(Occurrence.occurred_on, Occurrence.reporter_id, Occurrence.domains).where(
            Occurrence.bottleneck_id == bottleneck.id
        )
    ).all()
    days = [reported_on(bottleneck), *(row.occurred_on for row in rows)]
    per_month = Counter(day.strftime("%Y-%m") for day in days)
    domains = Counter(bottleneck.domain_list)
    for row in rows:
        domains.update(d for d in row.domains.split(",") if d)
    return Evidence(
        occurrences=len(rows) + 1,
        reporters=len({bottleneck.reporter_id} | {row.reporter_id for row in rows}),
        families=bottleneck.families_count + len(rows),
        per_month=dict(sorted(per_month.items())),
        domains=domains,
    )


#: The bottleneck page shows this many of the most recent occurrences.
SHOWN_OCCURRENCES = 20


def recent_occurrences(bottleneck: Bottleneck, limit: int = SHOWN_OCCURRENCES) -> list:
    """Its most recent occurrences with their reporters, for the page (one query)."""
    return list(db.session.scalars(queries.occurrences_query(bottleneck).limit(limit)))
