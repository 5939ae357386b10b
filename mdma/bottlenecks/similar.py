"""Similar bottlenecks: while a case manager writes a new one, the submitted ones that may be
the same problem in other words, so it becomes an occurrence instead of a duplicate.

Two steps. Candidates come from two sides: the stored embeddings closest in meaning
(`vectors`, multilingual-e5-small: a concrete case, colloquial Flemish, French or English
find the general statement), and the full-text index's matches of a significant word, a form
of it or a synonym (data/synonyms.txt); the text is embedded in another thread while the index
is asked. Python then scores each on three views, blended: the embeddings' cosine, which
weighs most (the words and synonyms favour texts written beside the synonym list), TF-IDF
cosine over Dutch stems and synonym groups (the field's other words for one thing), and
TF-IDF cosine over the character 3–5-grams of the words (compounds, spellings, inflections:
huurwaarborg ~ waarborg). Rarity comes from a sample of the bottlenecks, refreshed every few
minutes. The best ten are then told apart (`discern`): a word the new text shares with only
one of them says more than one they all share. A suggestion is "probably the same" when it
scores high and clearly above the next one; the words both texts share say why it matched.
"""

from collections import Counter
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import orm

from mdma.bottlenecks import discern, embeddings, search, text, vectors
from mdma.bottlenecks.models import Bottleneck
from mdma.bottlenecks.thesaurus import concept, expansions, thesaurus
from mdma.bottlenecks.weighing import (
    DESCRIPTION_CHARS,
    cosine,
    features,
    grams,
    listed,
    rarity,
    weighted,
)
from mdma.extensions import db

CANDIDATES = 100
#: PostgreSQL ranks the candidates among this many most recent matches.
RANKED = 1000
#: Words sent to the index to find candidates: the rarest ones say most.
RETRIEVAL_WORDS = 24
MIN_RETRIEVAL = 3
#: A word in more than this share of the bottlenecks does not help to find candidates.
COMMON_SHARE = 0.02
#: Below this many sampled bottlenecks shares say little, and searching everything is cheap.
RELIABLE_SAMPLE = 500
#: Candidates compared on character n-grams too: the best on words and synonyms.
RERANKED = 10
#: The weight of the full-text index's rank (relative to the best candidate's) in the score.
INDEX_SHARE = 0.1
#: The share of the word similarity in the score; the rest is character n-grams.
WORD_SHARE = 0.6
#: Candidates taken from the embeddings, beside the index's.
NEAREST = 30
#: The share of the embeddings' cosine in the score; the rest is the words and n-grams.
MEANING_SHARE = 0.8
#: Centred e5 cosines (`embeddings.centred`) at or below this count as nothing: two texts of the
#: field on other problems lie near 0.6, a duplicate near 0.75.
MEANING_FLOOR = 0.4
#: Below this a suggestion says little: e5 finds any two texts on costs or waiting somewhat alike.
MIN_SCORE = 0.25
#: "Probably the same": at least this score, and this far above the next suggestion. A wrong
#: mark costs more than a missing one (the writer adds an occurrence to another problem): 0.09
#: rather than 0.08 marked 12 instead of 16 of 137 new problems, and 105 instead of 115
#: duplicates ranked first (the four sets of bench/bottlenecks).
CONFIDENT_SCORE = 0.4
CONFIDENT_LEAD = 0.09
#: A text in French or English is compared on meaning alone, but the things it names count
#: too: the synonym groups hold the French and English names of the field's services, benefits
#: and problems. Their cosine adds this much to the meaning. Only for such a text, where every
#: candidate gets it: for a Dutch text it would lift the French and English candidates alone
#: over Dutch ones (judge5 top-1 0.84 -> 0.81 at 0.1).
CONCEPT_SHARE = 0.1


@dataclass(frozen=True)
class Suggestion:
    bottleneck: Bottleneck
    #: Between 0 and 1.
    score: float
    #: Probably the same problem, not only a neighbouring one.
    confident: bool
    #: Why it matched: the words of the new text it shares, as the writer typed them.
    shared: tuple[str, ...]

    def __getattr__(self, name):
        # Pages and the API show a suggestion as the bottleneck it is, with the reasons.
        return getattr(self.bottleneck, name)


def _retrieval_words(title: str, description: str) -> list[str]:
    """The rarest significant words of the new text and their synonyms, leaving out words
    so common that they would bring half the database along (at least MIN_RETRIEVAL kept)."""
    words = dict.fromkeys(text.significant(f"{title}\n{description[:DESCRIPTION_CHARS]}"))
    expanded = list(words) + [w for w in expansions([text.key(w) for w in words]) if w not in words]
    share = {w: rarity.frequencies["w:" + text.key(w)] / max(rarity.size, 1) for w in expanded}
    ordered = sorted(expanded, key=share.__getitem__)
    if rarity.size >= RELIABLE_SAMPLE:
        rare = [w for w in ordered if share[w] <= COMMON_SHARE]
        ordered = rare if len(rare) >= MIN_RETRIEVAL else ordered[:MIN_RETRIEVAL]
    return ordered[:RETRIEVAL_WORDS]


def _conditions(exclude_id: int | None) -> list:
    conditions = list(listed())
    if exclude_id is not None:
        conditions.append(Bottleneck.id != exclude_id)
    return conditions


def _nearest_rows(ids: set[int], conditions: list) -> list:
    """The nearest in meaning that the index did not find."""
    if not ids:
        return []
    return db.session.execute(
        sa.select(
            Bottleneck.id,
            Bottleneck.title,
            Bottleneck.description,
            sa.literal(0.0).label("rank"),
        )
        .where(Bottleneck.id.in_(ids), *conditions)
        .order_by(Bottleneck.id)
    ).all()


def _on_words(rows, query_words: dict[str, float]) -> dict[int, tuple]:
    """Each candidate's features, their cosine with the new text's, and whether it is written
    in French or English: id → (row, features, cosine, foreign), in the candidates' order."""
    found = {}
    for row in rows:
        candidate = features(row.title, row.description)
        written_apart = _foreign(row.title, row.description)
        found[row.id] = (row, candidate, cosine(query_words, candidate), written_apart)
    return found


def _foreign(title: str, description: str) -> bool:
    return text.foreign(f"{title}\n{description[:DESCRIPTION_CHARS]}")


def _matches(title: str, description: str, conditions: list) -> list:
    groups = [text.prefixes(w) for w in _retrieval_words(title, description)]
    if not groups:
        return []
    if search.dialect() == "sqlite":
        fts5_or = search.fts5_query(groups, any_word=True, columns="{title description}")
        rank = -sa.func.bm25(search.fts_table, *search.WEIGHTS)
        matches = (
            sa.select(search.fts.c.rowid.label("bottleneck_id"), rank.label("rank"))
            .select_from(search.fts)
            .where(search.fts_table.op("MATCH")(fts5_or))
        )
    else:
        # Without the weights that would keep to the title and description: checking them
        # reads every match's document; ts_rank still weighs the posts least. And ts_rank of a
        # query of many words costs per match: rank the most recent ones.
        query = search.tsquery(groups, any_word=True)
        found = search.from_gin_index(query)
        found = found.order_by(found.selected_columns[0].desc()).limit(RANKED).subquery()
        matches = sa.select(
            search.pg_search.c.bottleneck_id,
            sa.func.ts_rank(search.pg_search.c.document, query).label("rank"),
        ).join(found, found.c.bottleneck_id == search.pg_search.c.bottleneck_id)
    matches = matches.subquery()
    return db.session.execute(
        sa.select(Bottleneck.id, Bottleneck.title, Bottleneck.description, matches.c.rank)
        .join(matches, matches.c.bottleneck_id == Bottleneck.id)
        .where(*conditions)
        .order_by(matches.c.rank.desc())
        .limit(CANDIDATES)
    ).all()


def similar(
    title: str, description: str = "", *, limit: int = 5, exclude_id: int | None = None
) -> list[Suggestion]:
    """Submitted, unmerged bottlenecks like the text being written, best first."""
    query = features(title, description)
    if not query:
        return []
    # The text is embedded in another thread while this one asks the index for candidates and
    # weighs their words: first of all, once this process has seen vectors.
    query_vector = embeddings.query_beside(title, description) if vectors.matrix.size else None
    vectors.matrix.refresh()
    meaning_share = MEANING_SHARE if vectors.matrix.size else 0.0
    if meaning_share and query_vector is None:
        query_vector = embeddings.query_beside(title, description)
    foreign = meaning_share and _foreign(title, description)
    rarity.refresh()
    conditions = _conditions(exclude_id)
    query_words = weighted(query)
    query_named = weighted(discern.named(query)) if foreign else {}
    on_words = _on_words(_matches(title, description, conditions), query_words)
    query_grams = weighted(grams(title, description))
    nearest = {}
    if meaning_share:
        query_vector = query_vector()
        nearest = vectors.matrix.nearest(query_vector, NEAREST)
        on_words |= _on_words(_nearest_rows(set(nearest) - set(on_words), conditions), query_words)
    if not on_words:
        return []
    if meaning_share:
        nearest.update(vectors.matrix.cosines(query_vector, set(on_words) - set(nearest)))
    # The index's own ranking (bm25, ts_rank) weighs the words over the whole table.
    best_rank = max(row.rank for row, *_rest in on_words.values()) or 1.0
    first = []
    for row, candidate, words, written_apart in on_words.values():
        index = INDEX_SHARE * max(row.rank, 0) / best_rank
        meaning = _meaning(nearest.get(row.id))
        # Stems, synonyms and n-grams are Dutch: when either text is in French or English they
        # only tell whether both are in that language, not whether it is the same problem.
        share = 1.0 if meaning_share and (foreign or written_apart) else meaning_share
        if foreign:
            meaning += CONCEPT_SHARE * cosine(query_named, discern.named(candidate))
        score = share * meaning + (1 - share) * (words + index)
        first.append((score, words, index, meaning, share, row, candidate))
    # Character n-grams cost most: only for the best on meaning and words.
    first.sort(key=lambda item: -item[0])
    scored, on_meaning_alone = [], set()
    for _first, words, index, meaning, share, row, candidate in first[:RERANKED]:
        if share == 1:
            on_meaning_alone.add(row.id)
        chars = cosine(query_grams, grams(row.title, row.description)) if share < 1 else 0.0
        lexical = WORD_SHARE * words + (1 - WORD_SHARE) * chars
        content = share * meaning + (1 - share) * lexical
        score = content + (1 - share) * WORD_SHARE * index
        if score >= MIN_SCORE:
            scored.append((score, row.id, content, candidate))
    scored.sort(key=lambda item: (-item[0], item[1]))
    scored = discern.rerank(query_words, scored, weighted, on_meaning_alone)
    confident = scored and _confident(query, scored)
    scored = scored[:limit]
    ids = [row_id for _, row_id, _, _ in scored]
    # Suggestions show a title and a link: the lists' eager loads would only cost time here.
    chosen = sa.select(Bottleneck).where(Bottleneck.id.in_(ids)).options(orm.lazyload("*"))
    loaded = {b.id: b for b in db.session.scalars(chosen)}
    typed = _typed_words(title, description)
    return [
        Suggestion(
            bottleneck=loaded[row_id],
            score=round(min(score, 1.0), 3),
            confident=i == 0 and confident,
            shared=_shared(typed, query, candidate),
        )
        for i, (score, row_id, _content, candidate) in enumerate(scored)
    ]


def _meaning(closeness: float | None) -> float:
    """The embeddings' cosine on the scale of the others: 0 for unrelated texts, 1 the same."""
    if closeness is None:
        return 0.0
    return min(1.0, max(0.0, (closeness - MEANING_FLOOR) / (1 - MEANING_FLOOR)))


def _confident(query: Counter, scored: list) -> bool:
    """The first is probably the same problem: its texts alone (not the index's rank, which
    differs between databases) are close, clearly closer than any other's, and it names no
    other kind of problem."""
    _score, _row_id, content, candidate = scored[0]
    runner_up = max((item[2] for item in scored[1:]), default=0.0)
    return (
        content >= CONFIDENT_SCORE
        and content - runner_up >= CONFIDENT_LEAD
        and not _other_kind(query, candidate)
    )


def _other_kind(query: Counter, candidate: Counter) -> bool:
    """Both texts name a kind of problem, and not the same one: a neighbour on the topic (the
    cost of a service where the new text has its waiting list)."""
    kinds = thesaurus().kinds
    named, other = ({f for f in c if f[2:] in kinds and f[:2] == "c:"} for c in (query, candidate))
    return bool(named and other and not named & other)


#: Words shown as the reason of a suggestion.
SHARED_WORDS = 4


def _typed_words(title: str, description: str) -> dict[str, str]:
    """Feature → the first form the writer typed of a word with it (its stem or its group)."""
    typed = {}
    for word in text.significant(f"{title}\n{description[:DESCRIPTION_CHARS]}"):
        key = text.key(word)
        typed.setdefault("w:" + key, word)
        group = concept(key)
        if group:
            typed.setdefault("c:" + group, word)
    return typed


def _shared(typed: dict[str, str], query: Counter, candidate: Counter) -> tuple[str, ...]:
    """The writer's words the suggestion shares, rarest first: the same word in any form, or
    one of the field's synonyms of it."""
    common = [f for f in query if f in candidate]
    common.sort(key=lambda f: -rarity.idf(f))
    shown = []
    for feature in common:
        # A phrase of the field has no one word the writer typed: its group names it.
        word = typed.get(feature) or feature[2:]
        if word not in shown:
            shown.append(word)
    return tuple(shown[:SHARED_WORDS])
