"""The read side of bottlenecks: lists with filters and search, the triage queue (the evidence
of one is in `evidence`, its timeline in `timeline`)."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import orm

from mdma.accounts.models import User
from mdma.bottlenecks import search, similar
from mdma.bottlenecks.links import (
    bottleneck_followers,
    bottleneck_organisations,
    bottleneck_owners,
    bottleneck_sectors,
)
from mdma.bottlenecks.models import Bottleneck, Occurrence
from mdma.bottlenecks.states import FINISHED, OPEN, Status
from mdma.core.pagination import IdPagination, Ids, count_up_to, paginate_ids
from mdma.directory.models import Organisation
from mdma.extensions import db
from mdma.permissions import Role
from mdma.threads.models import Post

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
    #: Routed and still waiting for a first answer.
    awaiting: bool = False
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


def awaited_condition(sector_ids=None):
    """A routed sector (of `sector_ids`, when named) has not given its first answer yet."""
    link = bottleneck_sectors.c
    condition = sa.and_(link.bottleneck_id == Bottleneck.id, link.answered_at.is_(None))
    if sector_ids is not None:
        condition = sa.and_(condition, link.sector_id.in_(sector_ids))
    return sa.exists().where(condition)


def awaiting_condition(sector_ids=None):
    """Routed, open, and a routed sector (of `sector_ids`, when named) has not given its first
    answer yet: the SQL of `states.awaits_first_answer`."""
    return sa.and_(
        Bottleneck.status.in_([s.value for s in OPEN]),
        Bottleneck.answer_due_on.is_not(None),
        awaited_condition(sector_ids),
    )


def overdue_condition(today: date):
    """Routed, the deadline in working days has passed, and a routed sector has not answered
    yet: the SQL of `states.is_overdue`."""
    return sa.and_(awaiting_condition(), Bottleneck.answer_due_on < today)


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


#: Searches in the order of relevance rank the best of this many most recent matches first.
RANKED_MATCHES = 2_000
#: Searches count their matches up to this many ("more than 1,000"), lists up to 10,000.
SEARCH_COUNT_LIMIT = 1_000


def list_ids(actor, filters: ListFilter, *, today: date | None = None) -> Ids:
    """The ids of the bottlenecks `actor` may see, narrowed by `filters`, in the chosen order.

    Ids alone, so that the database filters, sorts and counts over narrow index entries
    (`list_page` loads the rows of one page). Drafts are their writer's alone and merged
    duplicates live on in the bottleneck they were merged into, so neither is listed.
    """
    today = today or date.today()
    q = filters.q.strip()
    if q and filters.order == Sort.RELEVANCE:
        return _by_relevance(_conditions(actor, filters, today, walk_index=False), q)
    # Newest first and most occurrences first are the orders of an index.
    walk_index = filters.order in (Sort.NEWEST, Sort.MOST_OCCURRENCES)
    listed = sa.select(Bottleneck.id).where(
        *_conditions(actor, filters, today, walk_index=walk_index)
    )
    counted = sa.select(Bottleneck.id).where(*_conditions(actor, filters, today, walk_index=False))
    if q:
        listed = _matched(listed, q, walk_index=walk_index)
        counted = _matched(counted, q, walk_index=False)
    return Ids.of(listed.order_by(*_order(filters.order)), counted=counted)


def _matched(
    query: sa.Select, q: str, *, walk_index: bool, newest_first: bool = False
) -> sa.Select:
    """`query` narrowed to the matches of `q`: joined to them as the search index gives them
    (SQLite's FTS5 streams them; a frequent word on PostgreSQL is found walking in id order),
    where collecting every match first would cost more; else see `_among`. `newest_first`
    orders by id, descending, in the terms the index understands, so a page stops early."""
    streamed = not walk_index if search.dialect() == "sqlite" else search.frequent(q)
    if streamed:
        matches = search.matching(q).subquery("matches")
        query = query.join(matches, matches.c[0] == Bottleneck.id)
        key = matches.c[0]
    else:
        query = query.where(_among(search.matching(q), walk_index=walk_index))
        key = Bottleneck.id
    return query.order_by(key.desc()) if newest_first else query


def list_page(
    actor, filters: ListFilter, *, page: int | None = None, per_page: int | None = None
) -> IdPagination:
    """One page of `list_ids` with what a list row shows: reporter, sectors, organisations.

    The same statements whatever the page size: the rows of the page come with their reporter
    joined and their sectors and organisations in one query each; nothing else of them is
    loaded, so the count cannot depend on who happens to be on the page.
    """
    row = (
        orm.joinedload(Bottleneck.reporter).options(
            orm.lazyload(User.organisation), orm.lazyload(User.sectors)
        ),
        orm.selectinload(Bottleneck.sectors),
        orm.selectinload(Bottleneck.organisations).lazyload(Organisation.sectors),
        orm.lazyload(Bottleneck.owners),
    )
    return paginate_ids(
        list_ids(actor, filters),
        Bottleneck,
        page=page,
        per_page=per_page,
        options=row,
        count_limit=SEARCH_COUNT_LIMIT if filters.q.strip() else None,
    )


def _conditions(actor, filters: ListFilter, today: date, *, walk_index: bool) -> list:
    """What `filters` asks of a listed bottleneck, but the search words (see `_among` for
    `walk_index`)."""
    conditions = [Bottleneck.merged_into_id.is_(None)]
    if filters.status == Status.DRAFT:
        # Drafts are their writer's alone: asking for drafts lists one's own.
        conditions += [Bottleneck.status == Status.DRAFT, Bottleneck.reporter_id == actor.id]
    elif filters.status:
        conditions.append(Bottleneck.status == filters.status)
    else:
        conditions.append(Bottleneck.status != Status.DRAFT)
    if filters.domain:
        # Domains are a sorted comma-separated list of codes, none a part of another.
        conditions.append(Bottleneck.domains.contains(filters.domain))
    if filters.level:
        conditions.append(Bottleneck.level == filters.level)
    if filters.sector:
        linked = _linked(bottleneck_sectors, [filters.sector])
        conditions.append(_among(linked, walk_index=walk_index))
    if filters.organisation:
        linked = _linked(bottleneck_organisations, [filters.organisation])
        conditions.append(_among(linked, walk_index=walk_index))
    if filters.overdue:
        conditions.append(overdue_condition(today))
    elif filters.awaiting:
        conditions.append(awaiting_condition())
    if filters.mine:
        added = sa.select(Occurrence.bottleneck_id).where(Occurrence.reporter_id == actor.id)
        conditions.append(
            sa.or_(Bottleneck.reporter_id == actor.id, _among(added, walk_index=walk_index))
        )
    if filters.my_sectors:
        # Routed: the coordinator chose the sectors, not (only) the writer's suggestion.
        sectors = _linked(bottleneck_sectors, [s.id for s in actor.sectors])
        owners = _linked(bottleneck_owners, [actor.id])
        conditions += [
            Bottleneck.triaged_at.is_not(None),
            sa.or_(_among(sectors, walk_index=walk_index), _among(owners, walk_index=walk_index)),
        ]
    return conditions


def _by_relevance(conditions: list, q: str) -> Ids:
    """The matches of `q` that meet `conditions`: the best of the RANKED_MATCHES most recent
    matches first, by rank; after them the older matches, the most recent first (a word found
    in most bottlenecks would otherwise rank tens of thousands of them for one page)."""
    ranked = search.ranked(q, RANKED_MATCHES)
    best_query = (
        sa.select(Bottleneck.id)
        .join(ranked, ranked.c.bottleneck_id == Bottleneck.id)
        .where(*conditions)
        .order_by(ranked.c.rank.desc(), Bottleneck.id.desc())
    )
    if search.dialect() != "sqlite":
        # The ranked ids, a few thousand at most, looked up by key: as a join, PostgreSQL
        # would scan the whole list to meet them.
        ranked_ids = sa.select(ranked.c.bottleneck_id).scalar_subquery()
        best_query = best_query.where(Bottleneck.id == sa.any_(sa.func.array(ranked_ids)))
    # Newest first: on SQLite in the order FTS5 keeps its matches, so a page stops early.
    older = _matched(
        sa.select(Bottleneck.id).where(
            *conditions, Bottleneck.id < search.oldest_ranked(q, RANKED_MATCHES)
        ),
        q,
        walk_index=False,
        newest_first=True,
    )
    counted = _matched(sa.select(Bottleneck.id).where(*conditions), q, walk_index=False)

    def page(offset: int, limit: int) -> list[int]:
        best = list(db.session.scalars(best_query))
        ids = best[offset : offset + limit]
        # Asked even when the page is full (for nothing then), so that every page of a search
        # costs the same statements.
        skip, rest = max(0, offset - len(best)), limit - len(ids)
        return ids + list(db.session.scalars(older.offset(skip).limit(rest)))

    return Ids(page=page, count=lambda limit: count_up_to(counted, limit))


def _linked(table: sa.Table, ids: list[int]) -> sa.Select:
    """The bottlenecks linked to any of `ids` through `table` (its second key column)."""
    target = next(c for c in table.primary_key.columns if c.name != "bottleneck_id")
    return sa.select(table.c.bottleneck_id).where(target.in_(ids))


def _among(ids: sa.Select, *, walk_index: bool):
    """The bottleneck is one of `ids` (a select of one column: links, search matches).

    Written so that the database makes a hash of `ids` once and walks an index of the list,
    testing each row, instead of fetching every one of `ids` by its key and sorting them all —
    for a word in most bottlenecks, ten times slower. SQLite, with `walk_index` (a page read
    in the order of an index): `id + 0`, which hides the id from the planner; without, it
    counts quickest from `ids`. PostgreSQL: the IN inside an OR, which keeps it from being
    rewritten into a join whose plan misjudges how many ids there are; the OR's other side is
    false, so it means what the IN means.
    """
    if search.dialect() == "sqlite":
        return (Bottleneck.id + 0 if walk_index else Bottleneck.id).in_(ids)
    return sa.or_(Bottleneck.id.in_(ids), sa.literal(False))


def _order(sort: Sort) -> list:
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


def similar_to(bottleneck: Bottleneck, limit: int = 5) -> list[similar.Suggestion]:
    """Other submitted bottlenecks that may be the same problem, best first: for the writer of a
    draft, and for the coordinator who merges duplicates."""
    return similar.similar(
        bottleneck.title, bottleneck.description, limit=limit, exclude_id=bottleneck.id
    )


def policy_owners() -> list[User]:
    return list(
        db.session.scalars(
            sa.select(User)
            .where(User.role == Role.POLICY_OWNER, User.active.is_(True))
            .order_by(User.name)
        )
    )
