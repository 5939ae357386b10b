"""The words of a text, with what the name rules ask of each: its capitals, its place in the
sentence, how it is joined to the word before, and how common a word it is."""

import re
from dataclasses import dataclass
from functools import lru_cache

from mdma.privacy.lexicon import fold, lexicon

# Hyphens and apostrophes stay inside a word: Sint-Eloois-Vijve, El-Amrani, D'Hondt.
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# After these a capital says nothing: a sentence or a list item starts.
SENTENCE_END = frozenset('.!?\n•*«“"')
JOINED = re.compile(r"[ \t]{1,2}|-")
# After an initial: "J. Peeters", "A.-M. Claes", "J.Peeters".
JOINED_AFTER_INITIAL = re.compile(r"\.[ \t]?|\.-|[ \t]")


_ELIDED = re.compile(r"(?:l|d|qu|n|s|j|m|c|t)'(?=\w)")


#: "d'Ilias", "l'Amina" (French elision before a name), "Omar's" (English possessive): the name
#: is the word without them; "D'Hondt", "l'école" stay whole.
_ELISION_BEFORE_A_NAME = re.compile(r"(?:[dlnsj]|qu)['’](?=[A-ZÀ-Ý])")
_POSSESSIVE = re.compile(r"(?<=[A-Za-zÀ-ÿ])['’]s$")


def _without_elision(word: str, start: int, end: int) -> tuple[int, int]:
    elided = _ELISION_BEFORE_A_NAME.match(word)
    if elided:
        start += elided.end()
    if word[:1].isupper() or elided:
        possessive = _POSSESSIVE.search(word)
        if possessive:
            end -= 2
    return start, end


@lru_cache(maxsize=20000)
def _word_facts(word: str) -> tuple[str, float]:
    """The folded word and its Zipf frequency: asked for the same words again and again."""
    folded = fold(word)
    frequency = lexicon().common.zipf(folded)
    elided = _ELIDED.match(folded)
    if elided:  # "l'école" is as common as "école"
        frequency = max(frequency, lexicon().common.zipf(folded[elided.end() :]))
    return folded, frequency


@dataclass(slots=True)
class Token:
    start: int
    end: int
    word: str
    fold: str
    #: First word of a sentence or list item: its capital says nothing.
    initial: bool
    #: Only spaces (or one hyphen, or an initial's full stop) since the word before.
    joined: bool
    #: A full stop right after it (mevr., J.).
    dotted: bool
    cap: bool
    upper: bool
    is_initial_letter: bool
    zipf: float
    gap_before: str
    gap_after: str = ""


def _sentence_initial(before: str) -> bool:
    """Whether what stands before a word (since the previous word) ends a sentence."""
    stripped = before.rstrip(" \t")
    if stripped[-1:] in ("-", "–"):  # a list item: "\n- Les deux enfants"
        stripped = stripped[:-1].rstrip(" \t")
    return not stripped or stripped[-1] in SENTENCE_END


def tokenize(text: str, masked: list[tuple[int, int]], lex=None) -> list[Token]:
    tokens: list[Token] = []
    prev_end = None
    for match in WORD.finditer(text):
        start, end = match.span()
        if masked and any(a <= start < b for a, b in masked):
            continue
        word = match.group()
        if "'" in word or "’" in word:
            start, end = _without_elision(word, start, end)
            word = text[start:end]
        folded, frequency = _word_facts(word)
        gap = text[prev_end:start] if prev_end is not None else text[:start]
        previous = tokens[-1] if tokens else None
        if previous is None:
            joined = False
            initial = _sentence_initial(gap)
        elif previous.is_initial_letter:
            joined = bool(JOINED_AFTER_INITIAL.fullmatch(gap))
        else:
            joined = bool(JOINED.fullmatch(gap))
        if previous is not None:
            # Only spaces since the previous word: the sentence goes on.
            initial = bool(gap.strip(" \t")) and _sentence_initial(gap)
            previous.gap_after = gap.replace(" ", "")
        upper = len(word) > 1 and word.isupper()
        tokens.append(
            Token(
                start=start,
                end=end,
                word=word,
                fold=folded,
                initial=initial,
                joined=joined,
                dotted=text[end : end + 1] == ".",
                cap=word[0].isupper() and not upper,
                upper=upper,
                is_initial_letter=len(word) == 1 and word.isupper(),
                zipf=frequency,
                gap_before=gap,
            )
        )
        prev_end = end
    if tokens:
        tokens[-1].gap_after = text[prev_end:].replace(" ", "")
    return tokens
