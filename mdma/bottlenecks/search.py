"""Full-text search over bottlenecks: titles, descriptions and the posts of their threads.

The index is the table `bottleneck_search`, made by its migration: FTS5 on SQLite, a weighted
tsvector under a GIN index on PostgreSQL. Database triggers keep it current in the
transaction that changes a bottleneck or a post; `reindex_all()` rebuilds it after bulk loads.
User input never reaches the query syntax: it is cut into plain words first.
"""

from functools import reduce

import sqlalchemy as sa
from markupsafe import Markup, escape
from sqlalchemy.dialects.postgresql import REGCONFIG

from mdma.bottlenecks import text
from mdma.bottlenecks.models import Bottleneck
from mdma.extensions import db

#: More words narrow a search rarely and slow it always.
MAX_WORDS = 8
MAX_WORD_LENGTH = 40
MAX_INPUT_LENGTH = 500
#: bm25 weights of the FTS5 columns (title, description, posts); PostgreSQL has A, B, C.
WEIGHTS = (10.0, 4.0, 1.0)
#: Marks the matches inside excerpts; private-use characters, so stored text cannot fake them.
START, STOP = "\ue000", "\ue001"
#: ts_headline drops what looks like an HTML tag: hide the angle brackets from its parser.
ANGLES = "\ue002\ue003"

fts = sa.table("bottleneck_search", sa.column("rowid", sa.Integer))
fts_table = sa.literal_column("bottleneck_search")
pg_search = sa.table(
    "bottleneck_search", sa.column("bottleneck_id", sa.Integer), sa.column("document")
)


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def terms(q: str) -> list[list[str]]:
    """Each significant word of `q` as the prefixes that find its forms; at most MAX_WORDS."""
    groups, seen = [], set()
    for word in text.significant((q or "")[:MAX_INPUT_LENGTH]):
        word = word[:MAX_WORD_LENGTH]
        if word not in seen:
            seen.add(word)
            groups.append(text.prefixes(word))
    return groups[:MAX_WORDS]


def fts5_query(groups: list[list[str]], *, any_word: bool = False, columns: str = "") -> str:
    """FTS5 syntax from plain words (letters and digits only, so quoting them is safe)."""
    parts = ["(" + " OR ".join(f'"{p}"*' for p in group) + ")" for group in groups]
    query = (" OR " if any_word else " AND ").join(parts)
    return f"{columns} : ({query})" if columns else query


def tsquery(groups: list[list[str]], *, any_word: bool = False, weights: str = ""):
    """A tsquery from plain words: the prefixes as they are (`simple`) or through the Dutch
    stemmer, so `gezin:*` finds gezinnen and `huurwaarborgen` finds huurwaarborg."""
    parts = []
    for group in groups:
        prefixes = " | ".join(f"{p}:*{weights}" for p in group)
        parts.append(
            sa.func.to_tsquery(sa.cast("simple", REGCONFIG), prefixes).op("||")(
                sa.func.to_tsquery(sa.cast("mdma_dutch", REGCONFIG), prefixes)
            )
        )
    return reduce(lambda a, b: a.op("||" if any_word else "&&")(b), parts)


def match(q: str) -> sa.Subquery:
    """The bottlenecks that match `q`: columns `bottleneck_id` and `rank` (higher is better)."""
    groups = terms(q)
    if not groups:
        return (
            sa.select(Bottleneck.id.label("bottleneck_id"), sa.literal(0.0).label("rank"))
            .where(sa.false())
            .subquery("matches")
        )
    if _dialect() == "sqlite":
        rank = -sa.func.bm25(fts_table, *WEIGHTS)
        query = (
            sa.select(fts.c.rowid.label("bottleneck_id"), rank.label("rank"))
            .select_from(fts)
            .where(fts_table.op("MATCH")(fts5_query(groups)))
        )
    else:
        found = tsquery(groups)
        query = sa.select(
            pg_search.c.bottleneck_id,
            sa.func.ts_rank(pg_search.c.document, found).label("rank"),
        ).where(pg_search.c.document.op("@@")(found))
    return query.subquery("matches")


def snippets(ids: list[int], q: str) -> dict[int, Markup]:
    """A short excerpt per bottleneck, escaped, with the words that match in `<mark>`: from the
    description or the posts where they match, else the beginning of the description."""
    groups = terms(q)
    if not ids or not groups:
        return {}
    if _dialect() == "sqlite":
        columns = [sa.func.snippet(fts_table, column, START, STOP, "…", 16) for column in (1, 2, 0)]
        rows = db.session.execute(
            sa.select(fts.c.rowid, *columns)
            .select_from(fts)
            .where(fts_table.op("MATCH")(fts5_query(groups)), fts.c.rowid.in_(ids))
        )
    else:
        options = f'StartSel="{START}", StopSel="{STOP}", MaxWords=24, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "'
        found = tsquery(groups)
        posts = sa.literal_column("bottleneck_search.posts")
        columns = [
            sa.func.ts_headline(
                sa.cast("mdma_dutch", REGCONFIG),
                sa.func.translate(column, "<>", ANGLES),
                found,
                options,
            )
            for column in (Bottleneck.description, posts, Bottleneck.title)
        ]
        rows = db.session.execute(
            sa.select(Bottleneck.id, *columns)
            .join(pg_search, pg_search.c.bottleneck_id == Bottleneck.id)
            .where(Bottleneck.id.in_(ids))
        )
    return {row[0]: _excerpt(row[1:]) for row in rows}


def _excerpt(candidates) -> Markup:
    marked = [c for c in candidates if c and START in c]
    chosen = marked[0] if marked else (candidates[0] or "")
    html = str(escape(chosen)).replace(ANGLES[0], "&lt;").replace(ANGLES[1], "&gt;")
    return Markup(html.replace(START, "<mark>").replace(STOP, "</mark>"))


def reindex_all() -> None:
    """Rebuild the index from the tables (after rows were written around the triggers'
    back, or in bulk); in the caller's transaction."""
    if _dialect() == "sqlite":
        statements = [
            "DELETE FROM bottleneck_search",
            """INSERT INTO bottleneck_search (rowid, title, description, posts)
            SELECT b.id, b.title, b.description, coalesce(p.body, '') FROM bottlenecks b
            LEFT JOIN (SELECT thread_id, group_concat(body, char(10)) AS body
                       FROM posts GROUP BY thread_id) p ON p.thread_id = b.thread_id""",
            "INSERT INTO bottleneck_search (bottleneck_search) VALUES ('optimize')",
        ]
    else:
        statements = [
            "DELETE FROM bottleneck_search",
            """INSERT INTO bottleneck_search (bottleneck_id, posts, document)
            SELECT b.id, coalesce(p.body, ''),
                   bottleneck_search_document(b.title, b.description, coalesce(p.body, ''))
            FROM bottlenecks b
            LEFT JOIN (SELECT thread_id, string_agg(body, E'\\n' ORDER BY id) AS body
                       FROM posts GROUP BY thread_id) p ON p.thread_id = b.thread_id""",
            "ANALYZE bottleneck_search",
        ]
    for statement in statements:
        db.session.execute(sa.text(statement))
