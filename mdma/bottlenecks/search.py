"""Full-text search over bottlenecks: titles, descriptions and the posts of their threads.

Interim implementation (case-insensitive substring match on the title and description);
`match(q)` is the interface the list query joins.
"""

import sqlalchemy as sa

from mdma.bottlenecks.models import Bottleneck


def match(q: str) -> sa.Subquery:
    """The bottlenecks that match `q`: columns `bottleneck_id` and `rank` (higher is better)."""
    conditions = [
        sa.or_(Bottleneck.title.ilike(f"%{word}%"), Bottleneck.description.ilike(f"%{word}%"))
        for word in q.split()
    ]
    return (
        sa.select(Bottleneck.id.label("bottleneck_id"), sa.literal(1).label("rank"))
        .where(*conditions)
        .subquery("matches")
    )


def snippets(ids: list[int], q: str) -> dict:
    return {}
