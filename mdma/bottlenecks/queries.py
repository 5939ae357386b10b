"""The read side of bottlenecks: lists with filters and search, and the evidence of one."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from mdma.accounts.models import User
from mdma.bottlenecks import search, similar
from mdma.bottlenecks.models import (
    Bottleneck,
    Occurrence,
    Step,
    bottleneck_followers,
    bottleneck_organisations,
    bottleneck_owners,
    bottleneck_sectors,
)
from mdma.bottlenecks.states import FINISHED, OPEN, Status
from mdma.directory.models import LIFE_DOMAIN_LABELS, LifeDomain
from mdma.extensions import db
from mdma.permissions import Role
from mdma.threads.models import Post


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

    @property
    def domain_labels(self) -> list[tuple]:
        """(label, count), most named first."""
        return [(LIFE_DOMAIN_LABELS[LifeDomain(d)], n) for d, n in self.domains.most_common()]


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


# --- Lists -----------------------------------------------------------------------------------


class Sort(StrEnum):
    RELEVANCE = "relevance"
    NEWEST = "newest"
    MOST_OCCURRENCES = "occurrences"
    LONGEST_OPEN = "longest_open"


SORT_LABELS = {
    Sort.RELEVANCE: _l("Best match"),
    Sort.NEWEST: _l("Newest first"),
    Sort.MOST_OCCURRENCES: _l("Most occurrences"),
    Sort.LONGEST_OPEN: _l("Longest open"),
}


@dataclass
class ListFilter:
    """What a list of bottlenecks is narrowed to; every part may stay empty."""

    status: str | None = None
    domain: str | None = None
    sector: int | None = None
    organisation: int | None = None
    level: str | None = None
    overdue: bool = False
    #: "Reported by me": posted by the actor, or an occurrence added by them.
    mine: bool = False
    #: "Routed to my sector": one of the actor's sectors, or the actor named as owner.
    my_sectors: bool = False
    #: Full-text search over titles, descriptions and thread posts.
    q: str = ""
    #: None: the best match first when searching, else the newest first.
    sort: Sort | None = None

    @property
    def order(self) -> Sort:
        if self.sort == Sort.RELEVANCE and not self.q.strip():
            return Sort.NEWEST
        return self.sort or (Sort.RELEVANCE if self.q.strip() else Sort.NEWEST)


def overdue_condition(today: date):
    """Routed, no first answer yet, and the deadline in working days has passed."""
    return sa.and_(
        Bottleneck.status.in_([s.value for s in OPEN]),
        Bottleneck.first_answer_at.is_(None),
        Bottleneck.answer_due_on < today,
    )


def is_overdue(bottleneck: Bottleneck, today: date | None = None) -> bool:
    """`overdue_condition` for one loaded bottleneck."""
    return (
        bottleneck.status in OPEN
        and bottleneck.first_answer_at is None
        and bottleneck.answer_due_on is not None
        and bottleneck.answer_due_on < (today or date.today())
    )


def is_following(user, bottleneck: Bottleneck) -> bool:
    """Asked of the link table, without loading every follower."""
    link = bottleneck_followers.c
    return bool(
        db.session.scalar(
            sa.select(
                sa.exists().where(link.bottleneck_id == bottleneck.id, link.user_id == user.id)
            )
        )
    )


def occurrences_query(bottleneck: Bottleneck) -> sa.Select:
    """Its occurrences, the most recent first (the reporter comes joined)."""
    return (
        sa.select(Occurrence)
        .where(Occurrence.bottleneck_id == bottleneck.id)
        .order_by(Occurrence.occurred_on.desc(), Occurrence.id.desc())
    )


def posts_query(bottleneck: Bottleneck) -> sa.Select:
    """Its thread in the order it was written (the author comes joined)."""
    return (
        sa.select(Post)
        .where(Post.thread_id == bottleneck.thread_id)
        .order_by(Post.created_at, Post.id)
    )


def list_query(actor, filters: ListFilter, *, today: date | None = None) -> sa.Select:
    """The bottlenecks `actor` may see, narrowed by `filters`, in the chosen order.

    Drafts are their writer's alone and merged duplicates live on in the bottleneck they were
    merged into, so neither is listed.
    """
    today = today or date.today()
    query = sa.select(Bottleneck).where(
        Bottleneck.status != Status.DRAFT, Bottleneck.merged_into_id.is_(None)
    )
    if filters.status:
        query = query.where(Bottleneck.status == filters.status)
    if filters.domain:
        # Domains are a sorted comma-separated list of codes, none a part of another.
        query = query.where(Bottleneck.domains.contains(filters.domain))
    if filters.level:
        query = query.where(Bottleneck.level == filters.level)
    if filters.sector:
        query = query.where(_linked(bottleneck_sectors, "sector_id", [filters.sector]))
    if filters.organisation:
        query = query.where(
            _linked(bottleneck_organisations, "organisation_id", [filters.organisation])
        )
    if filters.overdue:
        query = query.where(overdue_condition(today))
    if filters.mine:
        added = sa.select(Occurrence.id).where(
            Occurrence.bottleneck_id == Bottleneck.id, Occurrence.reporter_id == actor.id
        )
        query = query.where(sa.or_(Bottleneck.reporter_id == actor.id, added.exists()))
    if filters.my_sectors:
        query = query.where(
            sa.or_(
                _linked(bottleneck_sectors, "sector_id", [s.id for s in actor.sectors]),
                _linked(bottleneck_owners, "user_id", [actor.id]),
            )
        )
    rank = None
    if filters.q.strip():
        matches = search.match(filters.q)
        query = query.join(matches, matches.c.bottleneck_id == Bottleneck.id)
        rank = matches.c.rank
    return query.order_by(*_order(filters.order, rank))


def _linked(table: sa.Table, column: str, ids: list[int]):
    return (
        sa.select(table.c.bottleneck_id)
        .where(table.c.bottleneck_id == Bottleneck.id, table.c[column].in_(ids))
        .exists()
    )


def _order(sort: Sort, rank) -> list:
    if sort == Sort.RELEVANCE:
        return [rank.desc(), Bottleneck.id.desc()]
    if sort == Sort.MOST_OCCURRENCES:
        return [Bottleneck.occurrence_count.desc(), Bottleneck.id.desc()]
    if sort == Sort.LONGEST_OPEN:
        closed = sa.case((Bottleneck.status.in_(list(FINISHED)), 1), else_=0)
        return [closed, Bottleneck.submitted_at.asc(), Bottleneck.id.asc()]
    return [Bottleneck.submitted_at.desc(), Bottleneck.id.desc()]


def snippets(ids: list[int], q: str) -> dict:
    return search.snippets(ids, q) if ids and q.strip() else {}


def triage_queue() -> sa.Select:
    """Submitted and waiting to be routed, oldest first."""
    return (
        sa.select(Bottleneck)
        .where(Bottleneck.status == Status.SUBMITTED, Bottleneck.merged_into_id.is_(None))
        .order_by(Bottleneck.submitted_at.asc(), Bottleneck.id.asc())
    )


def drafts_of(user) -> list[Bottleneck]:
    return list(
        db.session.scalars(
            sa.select(Bottleneck)
            .where(Bottleneck.status == Status.DRAFT, Bottleneck.reporter_id == user.id)
            .order_by(Bottleneck.updated_at.desc())
        )
    )


def timeline(bottleneck: Bottleneck) -> list[Step]:
    return list(
        db.session.scalars(
            sa.select(Step).where(Step.bottleneck_id == bottleneck.id).order_by(Step.at, Step.id)
        )
    )


def posts(bottleneck: Bottleneck) -> list[Post]:
    return list(db.session.scalars(posts_query(bottleneck)))


def similar_to(bottleneck: Bottleneck, limit: int = 5) -> list[Bottleneck]:
    """Existing bottlenecks that may be the same problem, for the writer of a draft."""
    return [
        found
        for found, _score in similar.similar(
            bottleneck.title, bottleneck.description, limit=limit, exclude_id=bottleneck.id
        )
    ]


def policy_owners() -> list[User]:
    return list(
        db.session.scalars(
            sa.select(User)
            .where(User.role == Role.POLICY_OWNER, User.active.is_(True))
            .order_by(User.name)
        )
    )
