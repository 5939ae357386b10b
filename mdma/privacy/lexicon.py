"""What the name detector knows, loaded once on first use (not at import), kept compact.

First names and surnames come from Faker's person lists (MIT), which cover most origins of the
families the network meets (Cyrillic lists transliterated); supplements in `data/` add the
origins Faker has no Latin-script list for. Places come from Faker's address lists, common
words from wordfreq; names that are also ordinary words from Hunspell dictionaries, via
scripts/privacy-ambiguous-names.

The 330,000 common words are the bulk: they are kept as a sorted array of their hashes with a
byte of frequency each (about 3 MiB instead of 40), and the lists they came from are dropped.
"""

import contextlib
import importlib
import os
import pickle
import re
import sys
import unicodedata
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mdma.privacy.scripts import spellings

DATA = Path(__file__).parent / "data"

#: Faker locales whose person lists match the families' origins (Cyrillic ones transliterated).
NAME_LOCALES = [
    "nl_BE", "fr_BE", "nl_NL", "fr_FR", "de_DE", "tr_TR", "fr_DZ", "en_PK", "uz_UZ", "az_AZ",
    "pl_PL", "ro_RO", "cs_CZ", "sk_SK", "hr_HR", "sl_SI", "hu_HU", "lt_LT", "sw", "en_KE",
    "es_ES", "it_IT", "pt_PT", "en_NG", "yo_NG", "ig_NG", "ha_NG", "tw_GH", "vi_VN", "id_ID", "en_US",
    "uk_UA", "ru_RU", "bg_BG", "mk_MK",
]  # fmt: skip
PLACE_LOCALES = ["nl_BE", "nl_NL", "fr_FR", "de_DE", "en_US"]
#: Words a Dutch, French or English text is written in, and the list size each comes from.
COMMON_LANGUAGES = (("nl", "large"), ("fr", "small"), ("en", "small"))

_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "’": "'"})


def fold(word: str) -> str:
    """Lower case without accents, so Çelik, celik and ÇELIK are one word (Yıldız too)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold().translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _values(provider, attribute: str) -> list[str]:
    value = getattr(provider, attribute, None) or ()
    if isinstance(value, dict):
        return list(value.keys())
    return list(value) if isinstance(value, (list, tuple)) else []


def _lines(name: str) -> set[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return {fold(line) for line in text.splitlines() if line.strip() and not line.startswith("#")}


def _person_lists(locale: str) -> tuple[list[str], list[str]]:
    """(first names, surnames) of one Faker locale, whatever its attributes are called
    (pl_PL keeps `male_last_names`, uk_UA `last_names_common` …); imported and then let go."""
    module = f"faker.providers.person.{locale}"
    provider = importlib.import_module(module).Provider
    first, last = [], []
    for attribute in dir(provider):
        if attribute.startswith("_") or "middle" in attribute or "prefix" in attribute:
            continue
        if "first_name" in attribute:
            first += _values(provider, attribute)
        elif "last_name" in attribute:
            last += _values(provider, attribute)
    _let_go(module)
    return first, last


def _let_go(module: str) -> None:
    """Forget an imported module: in sys.modules and as an attribute of its package, which
    importing set and which would keep it alive."""
    sys.modules.pop(module, None)
    package, _, name = module.rpartition(".")
    if package in sys.modules:
        vars(sys.modules[package]).pop(name, None)


def load_names() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames), folded; multi-word surnames (De Smet) are kept whole."""
    first, last = set(), set()
    for locale in NAME_LOCALES:
        names = _person_lists(locale)
        for found, into in zip(names, (first, last), strict=True):
            into.update(fold(s) for n in found if isinstance(n, str) for s in spellings(n))
    first |= _lines("first_names_supplement.txt")
    last |= _lines("surnames_supplement.txt")
    last |= _feminine_forms(last)
    return _plain_names(first), _plain_names(last)


#: Slavic surnames change with the woman who bears them: Nowakowski → Nowakowska,
#: Petrov → Petrova; the lists hold one form or the other.
_FEMININE = (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka"), ("ov", "ova"), ("ev", "eva"))


def _feminine_forms(surnames: set[str]) -> set[str]:
    forms = set()
    for name in surnames:
        for male, female in _FEMININE:
            if name.endswith(male):
                forms.add(name[: -len(male)] + female)
            elif name.endswith(female):
                forms.add(name[: -len(female)] + male)
    return forms


def _plain_names(names: set[str]) -> frozenset[str]:
    return frozenset(
        sys.intern(n)
        for n in names
        if len(n) > 1 and re.fullmatch(r"[^\W\d_]+(?:[ '-][^\W\d_]+)*", n)
    )


def _position(hashes: array, key: int) -> int:
    """Where `key` is in the sorted `hashes`, or -1."""
    i = bisect_left(hashes, key)
    return i if i < len(hashes) and hashes[i] == key else -1


class WordSet:
    """Folded words, as their sorted hashes: 8 bytes a word where a frozenset of strings takes
    about 85 (3.6 MiB less in every serving process). A lookup by bisection costs about a
    microsecond, twenty times a set's; the recent answers are kept, so that most cost what a
    set's do (about 3 % more CPU per scan in all)."""

    def __init__(self, words):
        self._hashes = array("q", sorted({hash(w) for w in words}))
        self._remember()

    def _remember(self) -> None:
        # The words of the texts being checked come back again and again.
        self._recent = lru_cache(maxsize=4096)(self._look_up)

    def __len__(self) -> int:
        return len(self._hashes)

    def __contains__(self, folded: str) -> bool:
        return self._recent(folded)

    def _look_up(self, folded: str) -> bool:
        return _position(self._hashes, hash(folded)) >= 0

    def __getstate__(self):
        return self._hashes

    def __setstate__(self, hashes):
        self._hashes = hashes
        self._remember()


class WordFrequencies:
    """Folded word → highest Zipf frequency, as sorted hashes and one byte (Zipf × 10) each."""

    def __init__(self, zipf_by_word: dict[str, float]):
        pairs = sorted((hash(w), min(255, round(z * 10))) for w, z in zipf_by_word.items())
        self._hashes = array("q", (h for h, _ in pairs))
        self._bands = bytes(b for _, b in pairs)

    def __len__(self) -> int:
        return len(self._hashes)

    def zipf(self, folded: str) -> float:
        """The word's frequency on the Zipf scale, or -1 when it is not a known word."""
        i = _position(self._hashes, hash(folded))
        return self._bands[i] / 10 if i >= 0 else -1.0


def _common_words() -> WordFrequencies:
    import wordfreq

    zipf_by_word: dict[str, float] = {}
    for language, size in COMMON_LANGUAGES:
        # Buckets of words by frequency in centibels: bucket i holds Zipf 9 - i/100.
        buckets = wordfreq.read_cBpack(wordfreq.available_languages(size)[language])
        for index, bucket in enumerate(buckets):
            zipf = 9 - index / 100
            for word in bucket:
                key = fold(word)
                if zipf > zipf_by_word.get(key, -1.0):
                    zipf_by_word[key] = zipf
    return WordFrequencies(zipf_by_word)


@dataclass(frozen=True)
class Lexicon:
    first_names: WordSet | frozenset[str]
    surnames: WordSet | frozenset[str]
    #: Names that are ordinary words too: only a name where the context says so.
    ambiguous: frozenset[str]
    #: Lower-case words people write (wordfreq), with their highest Zipf frequency.
    common: WordFrequencies
    #: Places, languages and nationalities: capitalised, but never a person.
    places: WordSet | frozenset[str]

    def is_name(self, folded: str) -> bool:
        return folded in self.first_names or folded in self.surnames

    def is_common(self, folded: str, zipf: float = 0.0) -> bool:
        return self.common.zipf(folded) >= zipf


_loaded: list[Lexicon] = []


def lexicon() -> Lexicon:
    """Built on first use (a few seconds), then kept."""
    if not _loaded:
        _loaded.append(_build())
    return _loaded[0]


def load_apart() -> None:
    """For a server before it forks its workers: build the lexicon in a child process and keep
    only what it sends back. Building reads lists of hundreds of thousands of words; here, the
    memory they took would stay with the allocator, in this process and in every worker."""
    if _loaded:
        return
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read)
        try:
            with os.fdopen(write, "wb") as out:
                pickle.dump(_build(), out, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            os._exit(0)  # none of the parent's exit handlers
    os.close(write)
    try:
        with os.fdopen(read, "rb") as source:
            built = pickle.load(source)
    except (EOFError, pickle.UnpicklingError):
        built = _build()  # the child failed: here, then
    with contextlib.suppress(ChildProcessError):  # a server may have reaped it already
        os.waitpid(child, 0)
    # Words were hashed in the child with this process's hash seed, inherited by fork.
    _loaded.append(built)


def _build() -> Lexicon:
    first, last = load_names()
    places = set()
    for locale in PLACE_LOCALES:
        module = f"faker.providers.address.{locale}"
        provider = importlib.import_module(module).Provider
        for attribute in ("cities", "countries"):
            places.update(fold(p) for p in _values(provider, attribute))
        _let_go(module)
    places |= _lines("places_supplement.txt") | _lines("languages_nationalities.txt")
    return Lexicon(
        first_names=WordSet(first),
        surnames=WordSet(last),
        ambiguous=frozenset(_lines("ambiguous_names.txt")),
        common=_common_words(),
        places=WordSet(places),
    )
