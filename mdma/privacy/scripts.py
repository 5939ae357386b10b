"""Cyrillic names in the Latin spelling Belgian papers give them (Шевченко → Shevchenko)."""

# The Ukrainian passport spelling first; Russian and Bulgarian letters it lacks follow.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "ё": "e", "ы": "y",
    "э": "e", "ъ": "a", "ѓ": "gj", "ќ": "kj", "љ": "lj", "њ": "nj", "џ": "dz", "ѕ": "dz",
    "ј": "j", "'": "",
}  # fmt: skip
#: Russian, Bulgarian and Macedonian spell г as g and и as i.
_OTHER = {"г": "g", "и": "i", "й": "y"}


def _is_cyrillic(word: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in word)


def transliterate(word: str, table: dict | None = None) -> str:
    """A Cyrillic word in Latin letters (Ukrainian spelling); any other word as it is."""
    if not _is_cyrillic(word):
        return word
    table = table or _CYRILLIC
    out = []
    for c in word:
        lower = c.lower()
        latin = table.get(lower, _CYRILLIC.get(lower, lower))
        out.append(latin.capitalize() if c != lower else latin)
    return "".join(out)


def spellings(word: str) -> set[str]:
    """Every Latin spelling of a name: the word itself, or both transliterations of a Cyrillic one."""
    if not _is_cyrillic(word):
        return {word}
    return {transliterate(word), transliterate(word, {**_CYRILLIC, **_OTHER})}
