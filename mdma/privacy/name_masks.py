"""Where no person's name can stand: organisations, handles, French streets, file names, stock
names. The name rules never look inside these spans."""

import re
from functools import lru_cache

from mdma.privacy import name_signs as signs
from mdma.privacy.case_files import file_names
from mdma.privacy.lexicon import DATA
from mdma.privacy.places import FRENCH_STREET_NAME


@lru_cache(maxsize=8)
def _organisation_pattern(extra: tuple[str, ...]) -> re.Pattern:
    text = (DATA / "organisations.txt").read_text(encoding="utf-8")
    phrases = [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]
    phrases += [p for p in extra if p.strip()]
    alternatives = sorted({re.escape(p.strip()) for p in phrases}, key=len, reverse=True)
    return re.compile(rf"(?i)(?<!\w)(?:{'|'.join(alternatives)})(?!\w)")


HANDLE = re.compile(r"@[\w.-]+")


def no_names_here(text: str, organisations: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where no person's name is: organisations, handles, streets, file names, stock names."""
    patterns = (_organisation_pattern(organisations), HANDLE, FRENCH_STREET_NAME)
    spans = [m.span() for pattern in patterns for m in pattern.finditer(text)]
    return spans + file_names(text) + signs.stock_names(text)
