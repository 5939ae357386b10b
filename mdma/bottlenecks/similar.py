"""Similar bottlenecks: while a case manager writes a new one, the submitted ones that may be
the same problem in other words, so it becomes an occurrence instead of a duplicate.

Two steps. The full-text index finds a few hundred candidates sharing a significant word, a
form of it or a synonym (data/synonyms.txt) in their title or description. Python then
compares each with the new text: TF-IDF cosine over Dutch stems and synonym groups, and over
character 4-grams, which catch compounds and spellings (huurwaarborg ~ waarborg). Word
rarity comes from a sample of the bottlenecks, refreshed every few minutes.
"""

import math
import time
from collections import Counter

import sqlalchemy as sa
from sqlalchemy import orm

from mdma.bottlenecks import search, text
from mdma.bottlenecks.models import Bottleneck
from mdma.bottlenecks.states import Status
from mdma.bottlenecks.thesaurus import concepts, expansions
from mdma.extensions import db

CANDIDATES = 200
#: PostgreSQL ranks the candidates among this many most recent matches.
RANKED = 1000
#: Words sent to the index to find candidates: the rarest ones say most.
RETRIEVAL_WORDS = 24
MIN_RETRIEVAL = 3
#: A word in more than this share of the bottlenecks does not help to find candidates.
COMMON_SHARE = 0.05
#: Below this many sampled bottlenecks shares say little, and searching everything is cheap.
RELIABLE_SAMPLE = 500
#: A title says what a bottleneck is; its words count more.
TITLE_WEIGHT = 1.5
#: Long descriptions are cut here: the start says what matters, the rest costs time.
DESCRIPTION_CHARS = 1500
#: The share of the word similarity in the score; the rest is character 4-grams.
WORD_SHARE = 0.7
MIN_SCORE = 0.08
SAMPLE_SIZE = 2000
SAMPLE_SECONDS = 600


def features(title: str, description: str = "") -> Counter:
    """Stems (`w:`) and synonym groups (`c:`) of a text, title words counting more."""
    found = Counter()
    for part, weight in ((title, TITLE_WEIGHT), (description[:DESCRIPTION_CHARS], 1.0)):
        keys = [text.key(w) for w in text.significant(part)]
        for key in keys:
            found["w:" + key] += weight
        for concept in concepts(keys):
            found["c:" + concept] += weight
    return found


def grams(found: Counter) -> frozenset:
    return frozenset().union(*(_word_grams(f[2:]) for f in found if f.startswith("w:")))


def _word_grams(key: str) -> frozenset:
    padded = f" {key} "
    return frozenset(padded[i : i + 4] for i in range(len(padded) - 3)) if len(key) > 3 else ()


class _Rarity:
    """Document frequencies of features in a sample of the bottlenecks, for IDF weights."""

    def __init__(self):
        self.taken_at = -math.inf
        self.newest = 0
        self.size = 0
        self.frequencies = Counter()

    def refresh(self) -> None:
        """Sample again when the sample is old or the table grew by a tenth since."""
        newest = db.session.scalar(sa.select(sa.func.max(Bottleneck.id))) or 0
        moved = abs(newest - self.newest) > max(5, self.newest // 10)
        if not moved and time.monotonic() - self.taken_at < SAMPLE_SECONDS:
            return
        self.newest = newest
        total = db.session.scalar(sa.select(sa.func.count()).select_from(Bottleneck)) or 0
        step = max(1, total // SAMPLE_SIZE)
        rows = db.session.execute(
            sa.select(Bottleneck.title, Bottleneck.description)
            .where(Bottleneck.id % step == 0, *_listed())
            .limit(SAMPLE_SIZE)
        )
        frequencies = Counter()
        size = 0
        for row in rows:
            frequencies.update(features(row.title, row.description).keys())
            size += 1
        self.size, self.frequencies, self.taken_at = size, frequencies, time.monotonic()

    def idf(self, feature: str) -> float:
        return math.log((self.size + 1) / (self.frequencies[feature] + 0.5)) + 1


rarity = _Rarity()


def _listed():
    return Bottleneck.status != Status.DRAFT, Bottleneck.merged_into_id.is_(None)


def _weighted(found: Counter) -> dict[str, float]:
    return {f: (1 + math.log(tf)) * rarity.idf(f) for f, tf in found.items() if tf > 0}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b[f] for f, w in a.items() if f in b)
    norm = math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


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


def _candidates(title: str, description: str, exclude_id: int | None) -> list:
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
    conditions = list(_listed())
    if exclude_id is not None:
        conditions.append(Bottleneck.id != exclude_id)
    return db.session.execute(
        sa.select(Bottleneck.id, Bottleneck.title, Bottleneck.description)
        .join(matches, matches.c.bottleneck_id == Bottleneck.id)
        .where(*conditions)
        .order_by(matches.c.rank.desc())
        .limit(CANDIDATES)
    ).all()


def similar(
    title: str, description: str = "", *, limit: int = 5, exclude_id: int | None = None
) -> list[tuple[Bottleneck, float]]:
    """Submitted, unmerged bottlenecks like the text being written, best first, with a score
    between 0 and 1."""
    found = features(title, description)
    if not found:
        return []
    rarity.refresh()
    rows = _candidates(title, description, exclude_id)
    if not rows:
        return []
    query, query_grams = _weighted(found), grams(found)
    profiles = [(row.id, features(row.title, row.description)) for row in rows]
    gram_sets = [(row_id, grams(f)) for row_id, f in profiles]
    # Character 4-grams are weighted by their rarity among the candidates.
    gram_df = Counter()
    for _row_id, candidate_grams in gram_sets:
        gram_df.update(query_grams & candidate_grams)
    size = len(rows) + 1
    gram_idf = {g: math.log(size / (gram_df[g] + 1)) + 1 for g in query_grams}
    gram_norm = math.sqrt(sum(w * w for w in gram_idf.values()))
    # A candidate's 4-grams the new text lacks count with the query's mean weight.
    mean_idf = gram_norm / math.sqrt(len(gram_idf)) if gram_idf else 0.0
    scored = []
    for (row_id, candidate), (_, candidate_grams) in zip(profiles, gram_sets, strict=True):
        words = _cosine(query, _weighted(candidate))
        common = query_grams & candidate_grams
        shared = sum(gram_idf[g] ** 2 for g in common)
        rest = (len(candidate_grams) - len(common)) * mean_idf**2
        chars = shared / (gram_norm * math.sqrt(shared + rest)) if shared else 0.0
        score = WORD_SHARE * words + (1 - WORD_SHARE) * chars
        if score >= MIN_SCORE:
            scored.append((score, row_id))
    scored = sorted(scored, reverse=True)[:limit]
    ids = [row_id for _, row_id in scored]
    # Suggestions show a title and a link: the lists' eager loads would only cost time here.
    chosen = sa.select(Bottleneck).where(Bottleneck.id.in_(ids)).options(orm.lazyload("*"))
    loaded = {b.id: b for b in db.session.scalars(chosen)}
    return [(loaded[row_id], round(score, 3)) for score, row_id in scored]
