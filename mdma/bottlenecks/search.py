"""Full-text search over bottlenecks: titles, descriptions and the posts of their threads.

The index is the table `bottleneck_search`, made by its migration: FTS5 on SQLite, a weighted
tsvector under a GIN index on PostgreSQL. Database triggers keep it current in the
transaction that changes a bottleneck or a post; `reindex_all()` rebuilds it after bulk loads.
User input never reaches the query syntax: it is cut into plain words first.
"""

from functools import reduce

import sqlalchemy as sa
from markupsafe import Markup, escape

from mdma.bottlenecks import text
from mdma.bottlenecks.models import Bottleneck
from mdma.core import markdown
from mdma.extensions import db

#: More words narrow a search rarely and slow it always.
MAX_WORDS = 8
MAX_WORD_LENGTH = 40
MAX_INPUT_LENGTH = 500
#: bm25 weights of the FTS5 columns (title, description, posts); PostgreSQL has A, B, C.
WEIGHTS = (10.0, 4.0, 1.0)
#: Words in an excerpt of a search result.
EXCERPT_WORDS = 24

fts = sa.table("bottleneck_search", sa.column("rowid", sa.Integer), sa.column("posts"))
fts_table = sa.literal_column("bottleneck_search")
pg_search = sa.table(
    "bottleneck_search",
    sa.column("bottleneck_id", sa.Integer),
    sa.column("document"),
    sa.column("posts"),
)


def dialect() -> str:
    """The database the session talks to: `sqlite` or `postgresql`."""
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


def tsquery(groups: list[list[str]], *, any_word: bool = False):
    """A tsquery from plain words: the prefixes as they are (`simple`) or through the Dutch
    stemmer, so `gezin:*` finds gezinnen and `huurwaarborgen` finds huurwaarborg."""
    # Imported here: a server on SQLite never loads PostgreSQL's dialect (2 MiB per process).
    from sqlalchemy.dialects.postgresql import REGCONFIG

    parts = []
    for group in groups:
        prefixes = " | ".join(f"{p}:*" for p in group)
        parts.append(
            sa.func.to_tsquery(sa.cast("simple", REGCONFIG), prefixes).op("||")(
                sa.func.to_tsquery(sa.cast("mdma_dutch", REGCONFIG), prefixes)
            )
        )
    return reduce(lambda a, b: a.op("||" if any_word else "&&")(b), parts)


#: PostgreSQL: a search estimated to match fewer bottlenecks than this is read from the GIN
#: index all at once; a more frequent one is found by walking the bottlenecks in id order and
#: testing each, which stops early because matches come often. Left to itself, the planner,
#: asked for a few rows in id order, walks the table testing each row — for a rare word, all
#: of it.
FREQUENT = 50_000


def frequent(q: str) -> bool:
    """Whether PostgreSQL finds the matches of `q` by walking rather than from the GIN index
    (see FREQUENT); never on SQLite."""
    return _found(q)[1]


def matching(q: str) -> sa.Select:
    """The ids of the bottlenecks that match every word of `q` (none when `q` has no word), as
    a select with one column; the same select for the same `q` in one transaction, so that a
    statement that reads the matches twice has them once."""
    return _found(q)[0]


def _found(q: str) -> tuple[sa.Select, bool]:
    made = db.session.info.setdefault("mdma_search_matching", {})
    if q not in made:
        made[q] = _matching(q)
    return made[q]


def _matching(q: str) -> tuple[sa.Select, bool]:
    """The select of `matching` and whether the word is `frequent`."""
    groups = terms(q)
    if not groups:
        return sa.select(Bottleneck.id).where(sa.false()), False
    if dialect() == "sqlite":
        return sa.select(fts.c.rowid).where(fts_table.op("MATCH")(fts5_query(groups))), False
    found = sa.select(pg_search.c.bottleneck_id).where(
        pg_search.c.document.op("@@")(tsquery(groups))
    )
    if _estimated_rows(found) >= FREQUENT:
        return found, True
    # Rare enough: all matches at once from the GIN index.
    return from_gin_index(tsquery(groups)), False


def from_gin_index(query) -> sa.Select:
    """PostgreSQL: the ids of the documents that match the tsquery `query`, read from the GIN
    index — never by testing every row, which the planner prefers far too often for a query
    of several words (the function's migration says why)."""
    matches = (
        sa.func.bottleneck_search_matches(query).table_valued("bottleneck_id").render_derived()
    )
    return sa.select(matches.c.bottleneck_id)


def _estimated_rows(query: sa.Select) -> float:
    """PostgreSQL's own estimate of how many rows `query` gives (EXPLAIN, not run)."""
    compiled = query.compile(db.session.get_bind())
    plan = db.session.connection().exec_driver_sql(
        "EXPLAIN (FORMAT JSON) " + str(compiled), compiled.params
    )
    return plan.scalar()[0]["Plan"]["Plan Rows"]


def ranked(q: str, newest: int) -> sa.Subquery | sa.CTE:
    """The `newest` most recently written bottlenecks that match `q`, with their `rank`
    (higher is better): the title weighs most, then the description, then the posts.

    Bounded, because ranking costs per match: a word in most bottlenecks would rank tens of
    thousands of them for one page. Columns `bottleneck_id` and `rank`.
    """
    groups = terms(q)
    if not groups:
        return (
            sa.select(Bottleneck.id.label("bottleneck_id"), sa.literal(0.0).label("rank"))
            .where(sa.false())
            .subquery("ranked")
        )
    if dialect() == "sqlite":
        # FTS5 walks its index newest first and ranks only the rows it returns.
        query = (
            sa.select(
                fts.c.rowid.label("bottleneck_id"),
                (-sa.func.bm25(fts_table, *WEIGHTS)).label("rank"),
            )
            .where(fts_table.op("MATCH")(fts5_query(groups)))
            .order_by(fts.c.rowid.desc())
            .limit(newest)
        )
        return query.subquery("ranked")
    newest_ids = _newest(matching(q)).limit(newest).subquery("newest")
    # Ranked outside the subquery, so only the chosen rows are ranked; computed once however
    # often the statement reads it.
    return (
        sa.select(
            pg_search.c.bottleneck_id,
            sa.func.ts_rank(pg_search.c.document, tsquery(groups)).label("rank"),
        )
        .join(newest_ids, newest_ids.c[0] == pg_search.c.bottleneck_id)
        .cte("ranked")
        .prefix_with("MATERIALIZED")
    )


def oldest_ranked(q: str, newest: int):
    """A scalar subquery: the oldest of `ranked(q, newest)`, or NULL when fewer than `newest`
    bottlenecks match (then every match is ranked)."""
    if not terms(q):
        return sa.literal_column("NULL", sa.Integer)
    return _newest(matching(q)).offset(newest - 1).limit(1).scalar_subquery()


def _newest(matches: sa.Select) -> sa.Select:
    return matches.order_by(matches.selected_columns[0].desc())


def snippets(ids: list[int], q: str) -> dict[int, Markup]:
    """A short excerpt per bottleneck, escaped, with the words that match in `<mark>`: from the
    description, else the posts, else the title — where the words are —, else the beginning of
    the description.

    Cut and marked here rather than by the database (FTS5 `snippet`, `ts_headline`), which
    would run the whole search again for one page: a word is marked when it is a form the
    search finds, that is when it or its stem begins with one of the prefixes of a word of `q`.
    """
    groups = terms(q)
    if not ids or not groups:
        return {}
    prefixes = tuple(p for group in groups for p in group)
    index, key = (
        (fts, fts.c.rowid) if dialect() == "sqlite" else (pg_search, pg_search.c.bottleneck_id)
    )
    rows = db.session.execute(
        sa.select(Bottleneck.id, Bottleneck.title, Bottleneck.description, index.c.posts)
        .outerjoin(index, key == Bottleneck.id)
        .where(Bottleneck.id.in_(ids))
    )
    found = {}
    for bottleneck_id, title, description, thread in rows:
        # Excerpts show text as it reads, not the Markdown it was written in.
        description, thread = markdown.plain(description), markdown.plain(thread)
        for source in (description, thread, title):
            excerpt = _excerpt(source or "", prefixes)
            if excerpt is not None:
                break
        else:
            excerpt = _excerpt(description or "", ())
        found[bottleneck_id] = excerpt
    return found


def _finds(word: str, prefixes: tuple[str, ...]) -> bool:
    folded = text.fold(word)
    return folded.startswith(prefixes) or text.stem(folded).startswith(prefixes)


def _excerpt(source: str, prefixes: tuple[str, ...]) -> Markup | None:
    """About EXCERPT_WORDS words of `source` around its first word that `prefixes` find, those
    words in `<mark>`; None when no word is found (with no prefixes: the beginning)."""
    spans = [m.span() for m in text.WORD.finditer(source)]
    hits = [i for i, (a, b) in enumerate(spans) if prefixes and _finds(source[a:b], prefixes)]
    if prefixes and not hits:
        return None
    first = max(0, (hits[0] if hits else 0) - EXCERPT_WORDS // 4)
    last = min(len(spans), first + EXCERPT_WORDS)
    if not spans:
        return Markup("")
    # Cut at white space, so that no word loses its quotes or brackets.
    start = max(0, source.rfind(" ", 0, spans[first][0]) + 1) if first else 0
    stop = source.find(" ", spans[last - 1][1]) if last < len(spans) else -1
    stop = len(source) if stop == -1 else stop
    html, at = [], start
    for i in hits:
        if first <= i < last:
            a, b = spans[i]
            html += [escape(source[at:a]), Markup("<mark>"), escape(source[a:b]), Markup("</mark>")]
            at = b
    html.append(escape(source[at:stop]))
    cut = Markup("…")
    return (
        (cut if start else Markup("")) + Markup("").join(html) + (cut if stop < len(source) else "")
    )


def reindex_all() -> None:
    """Rebuild the index from the tables (after rows were written around the triggers'
    back, or in bulk); in the caller's transaction."""
    if dialect() == "sqlite":
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
