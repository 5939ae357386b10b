"""One word per concept in each language: the catalogues never use the synonyms a first
translation let in (a draft is a *concept*, never an *ontwerp*; routing is *toewijzen*, …)."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"

#: language → {the word used: the synonyms it replaces}
GLOSSARY = {
    "nl": {
        "concept (draft)": r"\bontwerp",
        "toewijzen (route)": r"\bdoor(?:gestuurd|sturen|te sturen)\b",
        "melding (occurrence)": r"\bvoorval",
    },
    "fr": {
        "brouillon (draft)": r"\bprojet de point\b",
        "attribuer (route)": r"\btransmis|\btransmettre",
        "signalement (occurrence)": r"(?<!%\()\boccurrences?\b",
    },
}


@pytest.mark.parametrize("language", GLOSSARY)
def test_one_word_per_concept(language):
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalogue = read_po(po)
    strays = []
    for message in catalogue:
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in texts:
            for word, synonyms in GLOSSARY[language].items():
                if text and re.search(synonyms, text, re.IGNORECASE):
                    strays.append(f"{word}: {text}")
    assert not strays, "\n".join(strays)
