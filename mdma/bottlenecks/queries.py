"""The read side of bottlenecks: the evidence a bottleneck has gathered."""

from collections import Counter
from dataclasses import dataclass, field

import sqlalchemy as sa

from mdma.bottlenecks.models import Bottleneck, Occurrence
from mdma.extensions import db


@dataclass
class Evidence:
    occurrences: int
    #: Case managers and social workers who met it: the reporter and everyone who added one.
    reporters: int
    families: int
    #: Occurrences per month, `YYYY-MM` → count, oldest first.
    per_month: dict[str, int] = field(default_factory=dict)
    #: How often each life domain was named, by the report and its occurrences.
    domains: Counter = field(default_factory=Counter)


def evidence(bottleneck: Bottleneck) -> Evidence:
    """Counted in the database, in two queries, however many occurrences there are."""
    rows = db.session.execute(
        sa.select(Occurrence.occurred_on, Occurrence.reporter_id, Occurrence.domains).where(
            Occurrence.bottleneck_id == bottleneck.id
        )
    ).all()
    per_month = Counter(row.occurred_on.strftime("%Y-%m") for row in rows)
    domains = Counter(bottleneck.domain_list)
    for row in rows:
        domains.update(d for d in row.domains.split(",") if d)
    return Evidence(
        occurrences=len(rows),
        reporters=len({bottleneck.reporter_id} | {row.reporter_id for row in rows}),
        families=bottleneck.families_count + len(rows),
        per_month=dict(sorted(per_month.items())),
        domains=domains,
    )
