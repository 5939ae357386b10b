"""Whose bottlenecks are whose (reported, followed, routed to), what others changed on them
since a moment, and the rows blocks and lists show of them: counted in the database."""

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import ngettext
from sqlalchemy import orm

from mdma.bottlenecks.links import bottleneck_followers, bottleneck_owners, bottleneck_sectors
from mdma.bottlenecks.models import Bottleneck, Occurrence
from mdma.bottlenecks.states import Status
from mdma.core.home import ROWS
from mdma.core.lifecycle import Step
from mdma.extensions import db
from mdma.threads.models import Post


@dataclass
class Row:
    """One line of a block: the bottleneck and what the block says about it."""

    bottleneck: Bottleneck
    #: What is awaited from whom, or what changed.
    detail: object = None
    #: The date the block is about (a deadline, the last change), and whether it is late.
    when: date | datetime | None = None
    late: bool = False


#: A row shows its title, state and sectors: nothing else of it is loaded.
ROW_OPTIONS = (
    orm.lazyload(Bottleneck.reporter),
    orm.lazyload(Bottleneck.organisations),
    orm.lazyload(Bottleneck.owners),
    orm.selectinload(Bottleneck.sectors),
)
LISTED = (Bottleneck.status != Status.DRAFT, Bottleneck.merged_into_id.is_(None))


def count(query: sa.Select) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0


def first(query: sa.Select) -> list[Bottleneck]:
    return list(db.session.scalars(query.options(*ROW_OPTIONS).limit(ROWS)))


def reported_by(actor) -> sa.ColumnElement:
    """Reported by the actor, or an occurrence added by them (the list's "reported by me")."""
    added = sa.select(Occurrence.bottleneck_id).where(Occurrence.reporter_id == actor.id)
    return sa.or_(Bottleneck.reporter_id == actor.id, Bottleneck.id.in_(added))


def followed_by(actor) -> sa.ColumnElement:
    link = bottleneck_followers.c
    return Bottleneck.id.in_(sa.select(link.bottleneck_id).where(link.user_id == actor.id))


def routed_to(actor) -> sa.ColumnElement:
    """Routed to one of the actor's sectors, or the actor named as its owner."""
    sectors, owners = bottleneck_sectors.c, bottleneck_owners.c
    return sa.and_(
        Bottleneck.triaged_at.is_not(None),
        sa.or_(
            Bottleneck.id.in_(
                sa.select(sectors.bottleneck_id).where(
                    sectors.sector_id.in_([s.id for s in actor.sectors])
                )
            ),
            Bottleneck.id.in_(sa.select(owners.bottleneck_id).where(owners.user_id == actor.id)),
        ),
    )


# --- What changed since the last visit --------------------------------------------------------


def _changes(actor, since: datetime) -> sa.Subquery:
    """Steps, posts and occurrences of others since `since`: (bottleneck id, at, kind)."""
    steps = sa.select(
        Step.subject_id.label("bottleneck_id"),
        Step.at.label("at"),
        sa.literal("step").label("kind"),
    ).where(
        Step.subject_type == Bottleneck.__tablename__,
        Step.at > since,
        sa.or_(Step.actor_id.is_(None), Step.actor_id != actor.id),
    )
    posts = (
        sa.select(Bottleneck.id, Post.created_at, sa.literal("post"))
        .join(Post, Post.thread_id == Bottleneck.thread_id)
        .where(Post.created_at > since, Post.author_id != actor.id)
    )
    occurrences = sa.select(
        Occurrence.bottleneck_id, Occurrence.created_at, sa.literal("occurrence")
    ).where(Occurrence.created_at > since, Occurrence.reporter_id != actor.id)
    return sa.union_all(steps, posts, occurrences).subquery("changes")


def changed(actor, since: datetime, concerned: sa.ColumnElement) -> tuple[int, list[Row]]:
    """The bottlenecks `concerned` selects that others changed since `since`, the most recent
    change first, with what changed: three queries, however many changes."""
    changes = _changes(actor, since)
    per_bottleneck = (
        sa.select(
            changes.c.bottleneck_id,
            sa.func.max(changes.c.at).label("last"),
            sa.func.sum(sa.case((changes.c.kind == "step", 1), else_=0)).label("steps"),
            sa.func.sum(sa.case((changes.c.kind == "post", 1), else_=0)).label("posts"),
            sa.func.sum(sa.case((changes.c.kind == "occurrence", 1), else_=0)).label("added"),
        )
        .join(Bottleneck, Bottleneck.id == changes.c.bottleneck_id)
        .where(*LISTED, concerned)
        .group_by(changes.c.bottleneck_id)
    )
    total = count(per_bottleneck)
    found = db.session.execute(
        per_bottleneck.order_by(sa.desc("last"), changes.c.bottleneck_id.desc()).limit(ROWS)
    ).all()
    loaded = {
        b.id: b
        for b in db.session.scalars(
            sa.select(Bottleneck)
            .where(Bottleneck.id.in_([row.bottleneck_id for row in found]))
            .options(*ROW_OPTIONS)
        )
    }
    return total, [
        Row(loaded[row.bottleneck_id], _what_changed(row), row.last)
        for row in found
        if row.bottleneck_id in loaded
    ]


def _what_changed(row) -> str:
    parts = [
        ngettext("%(num)d new step", "%(num)d new steps", row.steps) if row.steps else "",
        ngettext("%(num)d new post", "%(num)d new posts", row.posts) if row.posts else "",
        ngettext("%(num)d new occurrence", "%(num)d new occurrences", row.added)
        if row.added
        else "",
    ]
    return ", ".join(part for part in parts if part)
