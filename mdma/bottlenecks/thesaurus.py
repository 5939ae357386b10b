"""The field's synonyms (data/synonyms.txt): which group a word or phrase belongs to, and the
other words of that group, for finding bottlenecks written in other words."""

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from mdma.bottlenecks import text

#: A group's word found at the end of a compound (waarborg in huurwaarborg) must be this long,
#: so short words (werk, huis) do not claim every compound they end.
MIN_TAIL = 6


@dataclass(frozen=True)
class Thesaurus:
    #: Key of a one-word entry → its group.
    words: dict[str, str]
    #: Key of a phrase's first word → (keys of all its words, its group).
    phrases: dict[str, list[tuple[tuple[str, ...], str]]]
    #: Group → its one-word entries, folded; empty for a group only compared, never searched for.
    members: dict[str, tuple[str, ...]]
    #: The groups only compared: kinds of problem (a waiting list, the cost, a refusal).
    kinds: frozenset[str]


@cache
def thesaurus() -> Thesaurus:
    source = resources.files("mdma.bottlenecks") / "data" / "synonyms.txt"
    words, phrases, members, kinds = {}, {}, {}, set()
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        compared_only = line.startswith("~")
        entries = [text.significant(entry) for entry in line.lstrip("~").split(",")]
        entries = [entry for entry in entries if entry]
        group = " ".join(entries[0])
        members[group] = () if compared_only else tuple(e[0] for e in entries if len(e) == 1)
        if compared_only:
            kinds.add(group)
        for entry in entries:
            keys = tuple(text.key(w) for w in entry)
            if len(keys) == 1:
                words.setdefault(keys[0], group)
            else:
                phrases.setdefault(keys[0], []).append((keys, group))
    return Thesaurus(words, phrases, members, frozenset(kinds))


@lru_cache(maxsize=100_000)
def concept(key: str) -> str | None:
    """The group of one word: itself an entry, or a compound ending in one."""
    words = thesaurus().words
    if key in words:
        return words[key]
    for start in range(1, len(key) - MIN_TAIL + 1):
        if key[start:] in words:
            return words[key[start:]]
    return None


def concepts(keys: list[str]) -> set[str]:
    """The groups named in a text, given the keys of its significant words in order."""
    found = {c for c in map(concept, keys) if c}
    phrases = thesaurus().phrases
    for i, key in enumerate(keys):
        for phrase, group in phrases.get(key, ()):
            if tuple(keys[i : i + len(phrase)]) == phrase:
                found.add(group)
    return found


def expansions(keys: list[str]) -> list[str]:
    """The one-word synonyms of the words with these keys, to look for in the index."""
    members = thesaurus().members
    found = dict.fromkeys(w for c in concepts(keys) for w in members[c])
    return list(found)
