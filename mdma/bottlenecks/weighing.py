"""What similar compares a text by, and how much each part weighs: Dutch stems (`w:`) and the
field's synonym groups (`c:`), character 3–5-grams of the words, and their rarity (IDF) from a
sample of the submitted bottlenecks that each process takes and refreshes every few minutes."""

import math
import time
from collections import Counter
from itertools import chain

import sqlalchemy as sa

from mdma.bottlenecks import text
from mdma.bottlenecks.models import Bottleneck
from mdma.bottlenecks.states import Status
from mdma.bottlenecks.thesaurus import concepts
from mdma.extensions import db

#: A title says what a bottleneck is; its words count more.
TITLE_WEIGHT = 1.5
#: Long descriptions are cut here: the start says what matters, the rest costs time.
DESCRIPTION_CHARS = 1500
#: Character n-grams are taken from the title and the start of the description.
GRAM_CHARS = 300
SAMPLE_SIZE = 2000
SAMPLE_SECONDS = 600


def _parts(title: str, description: str):
    return ((title, TITLE_WEIGHT), (description[:DESCRIPTION_CHARS], 1.0))


def features(title: str, description: str = "") -> Counter:
    """Stems (`w:`) and synonym groups (`c:`) of a text, title words counting more."""
    found = Counter()
    for part, weight in _parts(title, description):
        keys = [text.key(w) for w in text.significant(part)]
        for key in keys:
            found["w:" + key] += weight
        for group in concepts(keys):
            found["c:" + group] += weight
    return found


def grams(title: str, description: str = "") -> Counter:
    """Character 3–5-grams of the significant words, title words counting more."""
    found = Counter(chain.from_iterable(map(text.char_grams, text.significant(title))))
    for gram in found:
        found[gram] *= TITLE_WEIGHT
    found.update(
        chain.from_iterable(map(text.char_grams, text.significant(description[:GRAM_CHARS])))
    )
    return found


class _Rarity:
    """Document frequencies of features and character n-grams in a sample of the bottlenecks,
    for IDF weights."""

    def __init__(self):
        self.taken_at = -math.inf
        self.newest = 0
        self.size = 0
        self.frequencies = Counter()
        self.weights: dict[str, float] = {}

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
            .where(Bottleneck.id % step == 0, *listed())
            .limit(SAMPLE_SIZE)
        )
        frequencies = Counter()
        size = 0
        for row in rows:
            frequencies.update(features(row.title, row.description).keys())
            frequencies.update(grams(row.title, row.description).keys())
            size += 1
        self.size, self.frequencies, self.taken_at = size, frequencies, time.monotonic()
        self.weights = {}

    def idf(self, feature: str) -> float:
        weight = self.weights.get(feature)
        if weight is None:
            weight = math.log((self.size + 1) / (self.frequencies.get(feature, 0) + 0.5)) + 1
            self.weights[feature] = weight
        return weight


rarity = _Rarity()


def listed():
    return Bottleneck.status != Status.DRAFT, Bottleneck.merged_into_id.is_(None)


def weighted(found: Counter) -> dict[str, float]:
    idf = rarity.idf
    weights = {f: (1 + math.log(tf)) * idf(f) if tf != 1 else idf(f) for f, tf in found.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {f: w / norm for f, w in weights.items()}


def cosine(query: dict[str, float], found: Counter) -> float:
    """Cosine of a weighted, normalised query and a text's counts, weighed in the same pass."""
    known, idf, log = rarity.weights, rarity.idf, math.log
    dot = norm = 0.0
    for feature, tf in found.items():
        weight = known.get(feature) or idf(feature)
        if tf != 1:
            weight *= 1 + log(tf)
        norm += weight * weight
        if feature in query:
            dot += query[feature] * weight
    return dot / math.sqrt(norm) if norm else 0.0
