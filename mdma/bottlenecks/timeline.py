"""A bottleneck's timeline: its lifecycle steps, corrections, merges and each routed sector's
first answer, with the entries of its structural track and of the floors above (`hooks`),
oldest first."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from mdma.accounts.models import User
from mdma.bottlenecks import hooks
from mdma.bottlenecks.links import bottleneck_sectors
from mdma.bottlenecks.models import Bottleneck, Merge, Revision
from mdma.bottlenecks.signals import queries as signals
from mdma.bottlenecks.states import LIFECYCLE
from mdma.extensions import db
from mdma.threads.models import Post


def of(bottleneck: Bottleneck) -> list:
    """Its steps, its corrections, those of its structural track and what the floors above add
    (`hooks`: sessions' agenda items and action points), oldest first."""
    entries = [
        *LIFECYCLE.history(bottleneck),
        *corrections(bottleneck),
        *merges(bottleneck),
        *answers(bottleneck),
        *signals.timeline_entries(bottleneck),
        *hooks.timeline_entries(bottleneck),
    ]
    return sorted(entries, key=lambda entry: entry.at)


def merges(bottleneck: Bottleneck) -> list:
    """A timeline entry per merge it took part in: as the one kept, or as the duplicate."""
    entries = []
    for merged in db.session.scalars(
        sa.select(Merge).where(
            sa.or_(Merge.keep_id == bottleneck.id, Merge.duplicate_id == bottleneck.id)
        )
    ):
        if merged.keep_id == bottleneck.id:
            label = _l("#%(id)s merged into this one: %(title)s", id=merged.duplicate_id,
                       title=merged.duplicate.title)  # fmt: skip
        else:
            label = _l("Merged into #%(id)s: %(title)s", id=merged.keep_id, title=merged.keep.title)
        entries.append(signals.Entry(merged.at, label, merged.actor, merged.reason))
    return entries


def answers(bottleneck: Bottleneck) -> list:
    """A timeline entry per routed sector's first answer, with whoever wrote it (one query)."""
    link = bottleneck_sectors.c
    rows = db.session.execute(
        sa.select(link.answered_at, link.sector_id, User)
        .select_from(bottleneck_sectors)
        .outerjoin(Post, Post.id == link.answer_post_id)
        .outerjoin(User, User.id == Post.author_id)
        .where(link.bottleneck_id == bottleneck.id, link.answered_at.is_not(None))
    )
    names = {routed.sector_id: routed.sector.name for routed in bottleneck.routed}
    return [
        signals.Entry(at, _l("First answer of %(sector)s", sector=names.get(sector_id, "")), author)
        for at, sector_id, author in rows
    ]


def corrections(bottleneck: Bottleneck) -> list:
    """A timeline entry per correction (the first version is the report itself)."""
    return [
        signals.Entry(r.at, _l("Corrected: version %(number)s", number=r.number), r.editor)
        for r in db.session.scalars(
            sa.select(Revision).where(Revision.bottleneck_id == bottleneck.id, Revision.number > 1)
        )
    ]
