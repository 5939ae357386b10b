"""Existing bottlenecks like a new one, so the same problem is not posted twice.

Interim: shares words with the title, via the search index.
"""

import sqlalchemy as sa

from mdma.bottlenecks import search
from mdma.bottlenecks.models import Bottleneck
from mdma.bottlenecks.states import Status
from mdma.extensions import db


def similar(title: str, description: str = "", *, limit: int = 5, exclude_id: int | None = None):
    words = [w for w in title.split() if len(w) > 3]
    if not words:
        return []
    found = []
    for word in words:
        matches = search.match(word)
        query = (
            sa.select(Bottleneck)
            .join(matches, matches.c.bottleneck_id == Bottleneck.id)
            .where(Bottleneck.status != Status.DRAFT, Bottleneck.merged_into_id.is_(None))
            .limit(limit)
        )
        if exclude_id:
            query = query.where(Bottleneck.id != exclude_id)
        found += [b for b in db.session.scalars(query) if b not in found]
    return [(b, 1.0) for b in found[:limit]]
