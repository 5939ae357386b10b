"""What the name detector knows, loaded once on first use (not at import).

First names and surnames come from Faker's person lists (MIT), which cover the origins of the
families the network meets; a short supplement adds origins Faker has no Latin-script list for.
Places come from Faker's address lists, common words from wordfreq; names that are also
ordinary words from Hunspell dictionaries, via scripts/privacy-ambiguous-names.
"""

import importlib
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"

#: Faker locales whose person lists are in Latin script and match the families' origins.
NAME_LOCALES = [
    "nl_BE", "fr_BE", "nl_NL", "fr_FR", "de_DE", "tr_TR", "fr_DZ", "en_PK", "uz_UZ", "az_AZ",
    "pl_PL", "ro_RO", "cs_CZ", "sk_SK", "hr_HR", "sl_SI", "hu_HU", "lt_LT", "sw", "en_KE",
    "es_ES", "it_IT", "pt_PT",
]  # fmt: skip
PLACE_LOCALES = ["nl_BE", "nl_NL", "fr_FR", "de_DE", "en_US"]


def fold(word: str) -> str:
    """Lower case without accents, so Çelik, celik and ÇELIK are one word."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def _values(provider, attribute: str) -> list[str]:
    value = getattr(provider, attribute, None) or ()
    return list(value.keys()) if isinstance(value, dict) else list(value)


def _lines(name: str) -> set[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return {fold(line) for line in text.splitlines() if line.strip() and not line.startswith("#")}


@cache
def load_names() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames), folded; multi-word surnames (De Smet) are kept whole."""
    first, last = set(), set()
    for locale in NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            first.update(fold(n) for n in _values(provider, attribute))
        for attribute in ("last_names", "last_names_male", "last_names_female"):
            last.update(fold(n) for n in _values(provider, attribute))
    first |= _lines("first_names_supplement.txt")
    last |= _lines("surnames_supplement.txt")
    return _plain_names(first), _plain_names(last)


def _plain_names(names: set[str]) -> frozenset[str]:
    return frozenset(
        n for n in names if len(n) > 1 and re.fullmatch(r"[^\W\d_]+(?:[ '-][^\W\d_]+)*", n)
    )


@dataclass(frozen=True)
class Lexicon:
    first_names: frozenset[str]
    surnames: frozenset[str]
    #: Names that are ordinary words too: only a name where the context says so.
    ambiguous: frozenset[str]
    #: Lower-case words people write (wordfreq), with their highest Zipf frequency.
    common: dict
    #: Places, languages and nationalities: capitalised, but never a person.
    places: frozenset[str]

    def is_name(self, folded: str) -> bool:
        return folded in self.first_names or folded in self.surnames

    def is_common(self, folded: str, zipf: float = 0.0) -> bool:
        return self.common.get(folded, -1.0) >= zipf


@cache
def lexicon() -> Lexicon:
    from wordfreq import get_frequency_dict

    first, last = load_names()
    common: dict[str, float] = {}
    # Dutch texts dominate: the large Dutch list also knows compounds (gezinshereniging).
    for language, size in (("nl", "large"), ("fr", "small"), ("en", "small")):
        for word, frequency in get_frequency_dict(language, wordlist=size).items():
            zipf = math.log10(frequency * 1e9)
            key = fold(word)
            if zipf > common.get(key, -1.0):
                common[key] = zipf
    places = set()
    for locale in PLACE_LOCALES:
        provider = importlib.import_module(f"faker.providers.address.{locale}").Provider
        for attribute in ("cities", "countries"):
            places.update(fold(p) for p in _values(provider, attribute))
    places |= _lines("places_supplement.txt") | _lines("languages_nationalities.txt")
    return Lexicon(
        first_names=first,
        surnames=last,
        ambiguous=frozenset(_lines("ambiguous_names.txt")),
        common=common,
        places=frozenset(places),
    )
