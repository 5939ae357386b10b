"""Words for searching and comparing bottlenecks: folded, stop words out, Dutch stems."""

import re
import threading
import unicodedata
from functools import cache, lru_cache
from importlib import resources

import Stemmer

#: Letters and digits; everything else (quotes, operators, `*`, `-`, brackets) separates words.
WORD = re.compile(r"[^\W_]+")
VOWELS = frozenset("aeiouy")
#: Long vowels Dutch writes double in a closed syllable (huur) and single in an open one (huren).
DOUBLING = frozenset("aeou")
VOICELESS = {"z": "s", "v": "f"}

_local = threading.local()


#: The combining diacritical marks NFKD splits off letters (ë → e + ¨).
COMBINING = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lower case without diacritics: België and belgie are one word."""
    if text.isascii():
        return text.lower()
    return COMBINING.sub("", unicodedata.normalize("NFKD", text.lower()))


def words(text: str) -> list[str]:
    return WORD.findall(fold(text or ""))


@cache
def stop_words() -> frozenset[str]:
    source = resources.files("mdma.bottlenecks") / "data" / "stopwords.txt"
    lines = source.read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


def significant(text: str) -> list[str]:
    """The words that say what a text is about: no stop words, no single letters."""
    stop = stop_words()
    return [w for w in words(text) if len(w) > 1 and w not in stop]


def _stemmer() -> Stemmer.Stemmer:
    # Stemmer objects are not thread-safe: one per thread.
    if not hasattr(_local, "stemmer"):
        _local.stemmer = Stemmer.Stemmer("dutch_porter")
    return _local.stemmer


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball (Porter) Dutch stem PostgreSQL's `dutch` configuration uses too, with a
    doubled final consonant undone, so gezin and gezinnen share `gezin`."""
    stemmed = _stemmer().stemWord(word)
    if len(stemmed) > 3 and stemmed[-1] == stemmed[-2] and stemmed[-1] not in VOWELS:
        stemmed = stemmed[:-1]
    return stemmed


@lru_cache(maxsize=200_000)
def key(word: str) -> str:
    """What two spellings of one word have in common, for comparing: the stem with double
    vowels single (huur, huren → hur; factuur, facturen → factur), ending voiceless."""
    single = re.sub(r"([aeou])\1", r"\1", stem(word))
    # Plurals voice a final s or f: prijs/prijzen, brief/brieven.
    return single[:-1] + VOICELESS.get(single[-1], single[-1]) if single else single


def prefixes(word: str) -> list[str]:
    """Prefixes that find the forms of `word` in the full-text index (gezinnen → gezin*,
    facturen → factur* and factuur*), none of them covered by another."""
    base = stem(word)
    found = {word, base}
    # An open syllable's single long vowel is written double when the word ends there.
    if len(base) > 2 and base[-1] not in VOWELS and base[-2] in DOUBLING and base[-3] not in VOWELS:
        found.add(base[:-1] + base[-2] + base[-1])
    found = {p for p in found if len(p) >= 3} or {word}
    return sorted(p for p in found if not any(p != q and p.startswith(q) for q in found))


@lru_cache(maxsize=200_000)
def char_grams(word: str) -> tuple[str, ...]:
    """The character 3–5-grams of a word padded with a space on each side, so a start and an
    end are grams of their own: what compounds and other spellings share."""
    padded = f" {word} "
    return tuple(padded[i : i + n] for n in (3, 4, 5) for i in range(len(padded) - n + 1))


#: Function words of one language that the other two do not use (`de`, `en` and `is` are in
#: two of them): enough of them tell which language a text is in.
_MARKERS = """
nl het een van niet met voor op dat ze hij zij zijn wordt worden maar ook geen er naar bij te
   wij hun nog al
fr le la les des du une et est pas pour que qui dans sur avec au aux il elle ils ne ont sont leur
en the and of to for not with that are was this they their from have has be
"""
MARKERS = {
    block.split()[0]: frozenset(block.split()[1:])
    for block in re.split(r"\n(?=\S)", _MARKERS.strip())
}
_MARKED = {word: language for language, marked in MARKERS.items() for word in marked}


def language(text: str) -> str:
    """The language a text is written in: French ("fr") or English ("en") when it has at least
    two function words of one of them and more than twice as many as Dutch ones; else Dutch
    ("nl"), also for a few words."""
    counts = dict.fromkeys(MARKERS, 0)
    for word in words(text):
        language = _MARKED.get(word)
        if language:
            counts[language] += 1
    other = max(("fr", "en"), key=counts.__getitem__)
    return other if counts[other] >= 2 and counts[other] > 2 * counts["nl"] else "nl"


def foreign(text: str) -> bool:
    """Written in French or English rather than Dutch."""
    return language(text) != "nl"
