"""Person names: a name list, the words around a name, and the capitals of the sentence.

A name is reported when
- it follows a title or kinship word (mevrouw, dhr., mama, zoon, madame, familie …), in any case;
- it is a known first name, unless it is also an ordinary word (Roos, Hoop) standing where an
  ordinary word could stand (lower case, or first word of a sentence without a surname);
- it is a known surname with a capital in mid-sentence;
- two unknown capitalised words stand together that are neither ordinary words nor places.
Organisations and services (OCMW, Kind & Gezin, the platform's directory) are never names, and
`@handles` of platform users are allowed.
"""

import re
from functools import lru_cache

from mdma.privacy.findings import Finding, Kind
from mdma.privacy.lexicon import DATA, fold, lexicon
from mdma.privacy.places import FRENCH_STREET_NAME

# Hyphens and apostrophes stay inside a word: Sint-Eloois-Vijve, El-Amrani, D'Hondt.
TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
HANDLE = re.compile(r"@[\w.-]+")
# After these a capital says nothing: a sentence or a list item starts.
SENTENCE_END = set('.!?\n•*«“"')
#: Titles that may stand with a full stop before the name (mevr. Peeters); "dokter." ends a sentence.
ABBREVIATIONS = {
    "mevr", "mw", "dhr", "mnr", "mr", "mrs", "ms", "mme", "mlle", "dr", "prof", "m", "fam",
}  # fmt: skip

FORMAL_TITLES = {
    "mevrouw", "mevr", "mw", "meneer", "mijnheer", "mnr", "dhr", "heer", "juffrouw", "madame",
    "mme", "mlle", "mademoiselle", "monsieur", "mr", "mrs", "ms", "miss", "mister", "sir",
    "dr", "dokter", "docteur", "doctor", "prof", "juf", "meester", "maitre",
}  # fmt: skip
KIN_TITLES = {
    "mama", "mam", "moeder", "papa", "vader", "oma", "opa", "tante", "nonkel", "oom", "zoon",
    "zoontje", "dochter", "dochtertje", "broer", "broertje", "zus", "zusje", "neef", "nicht",
    "baby", "kindje", "maman", "fils", "fille", "frere", "soeur", "mother", "father", "mom",
    "mum", "dad", "son", "daughter", "brother", "sister", "client", "cliente", "patient",
    "partner", "echtgenoot", "echtgenote", "vriend", "vriendin", "husband", "wife", "mari",
    "epouse", "grootmoeder", "grootvader", "stiefvader", "stiefmoeder", "pleegmoeder",
    "pleegvader", "jongen", "meisje", "kleuter", "peuter", "leerling", "bewoner", "bewoonster",
    "huurder", "huurster", "aanvrager", "aanvraagster", "mevrouwtje", "grand-mere", "grand-pere",
}  # fmt: skip
FAMILY_WORDS = {"familie", "gezin", "famille", "family", "fam"}
NAMING_WORDS = {
    "heet", "heten", "genaamd", "noemt", "naam", "appelle", "named", "called", "nom", "familienaam",
    "voornaam", "achternaam", "prenom", "surname",
}  # fmt: skip
PARTICLES = {
    "van", "de", "der", "den", "vande", "vanden", "vander", "ver", "te", "ten", "ter", "d'",
    "del", "della", "di", "da", "dos", "du", "le", "la", "el", "al", "ben", "bin", "ibn", "abu",
    "ould", "ait", "op", "'t", "mac", "mc", "von", "zu",
}  # fmt: skip
#: After a kinship word these mean "of": "mama van Yassin" names Yassin, not "van Yassin".
OF_WORDS = {"van", "de", "du", "of", "d'"}
#: Lower-case words that never start a name, even after a title.
FUNCTION_WORDS = {
    "de", "het", "een", "en", "of", "is", "was", "heeft", "had", "zelf", "zegt", "zei", "wil",
    "kan", "moet", "die", "dat", "met", "van", "op", "in", "te", "niet", "ook", "nog", "al",
    "la", "le", "les", "est", "a", "et", "qui", "que", "the", "and", "has", "said", "says",
}  # fmt: skip


def _is_capitalised(word: str) -> bool:
    return word[0].isupper() and not (len(word) > 1 and word.isupper())


@lru_cache(maxsize=8)
def _organisation_pattern(extra: tuple[str, ...]) -> re.Pattern:
    text = (DATA / "organisations.txt").read_text(encoding="utf-8")
    phrases = [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]
    phrases += [p for p in extra if p.strip()]
    alternatives = sorted({re.escape(p.strip()) for p in phrases}, key=len, reverse=True)
    return re.compile(rf"(?i)(?<!\w)(?:{'|'.join(alternatives)})(?!\w)")


class _Tokens:
    """The words of a text with what the rules ask of them."""

    def __init__(self, text: str, organisations: tuple[str, ...]):
        masked = [m.span() for m in _organisation_pattern(organisations).finditer(text)]
        masked += [m.span() for m in HANDLE.finditer(text)]
        masked += [m.span() for m in FRENCH_STREET_NAME.finditer(text)]
        self.items = []
        for match in TOKEN.finditer(text):
            start, end = match.span()
            if any(a <= start < b for a, b in masked):
                continue
            before = text[:start].rstrip(" \t")
            self.items.append(
                {
                    "start": start,
                    "end": end,
                    "word": match.group(),
                    "fold": fold(match.group()),
                    "initial": not before or before[-1] in SENTENCE_END,
                    # Only spaces (or one hyphen) between this word and the one before it.
                    "joined": bool(
                        re.fullmatch(r"[ \t]{1,2}|-", text[_prev_end(self.items) : start])
                    )
                    if self.items
                    else False,
                    "dotted": text[end : end + 1] == ".",
                }
            )


def _prev_end(items) -> int:
    return items[-1]["end"]


def person_names(text: str, organisations: tuple[str, ...] = ()):
    lex = lexicon()
    tokens = _Tokens(text, organisations).items
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        span = _name_at(tokens, i, lex)
        if span is None:
            i += 1
            continue
        first, last = span
        found.append((tokens[first]["start"], tokens[last]["end"]))
        i = last + 1
    for start, end in found:
        yield Finding(start, end, Kind.PERSON_NAME, text[start:end])


def _name_at(tokens, i, lex):
    """The (first, last) token of a name starting at or triggered by token i, or None."""
    token = tokens[i]
    word, folded = token["word"], token["fold"]
    # 1. A title, kinship, family or naming word: what follows is a name, in any case.
    trigger = _trigger(tokens, i)
    if trigger is not None:
        kind, after = trigger
        j = after
        if kind == "kin" and j < len(tokens) and tokens[j]["fold"] in OF_WORDS:
            j += 1
        end = _extend(tokens, j, lex, lenient=kind in ("formal", "naming"))
        return (j, end) if end is not None else None
    if len(word) > 1 and word.isupper():
        return None
    known_first = folded in lex.first_names
    ambiguous = folded in lex.ambiguous
    capital = _is_capitalised(word)
    # 2. A known first name.
    if known_first and len(folded) > 1:
        end = _extend(tokens, i + 1, lex, lenient=False, surname=True, lower=not capital)
        has_surname = end is not None
        if capital:
            if folded in lex.places and not has_surname:
                return None
            if ambiguous and token["initial"] and not has_surname:
                return None
            return (i, end if has_surname else i)
        if not ambiguous and len(folded) > 2 and not lex.is_common(folded, 4.5):
            return (i, end if has_surname else i)
        return None
    # 3. A known surname, capitalised in mid-sentence (or two-word: De Smet, El Amrani).
    if capital and not token["initial"]:
        pair = _pair(tokens, i)
        if pair and pair in lex.surnames and _is_capitalised(tokens[i + 1]["word"]):
            return (i, i + 1)
        if folded in lex.surnames and not ambiguous and folded not in lex.places:
            return (i, i)
    # 4. Two unknown capitalised words together: a name from a list we do not have.
    if capital and _unknown_proper(token, lex):
        nxt = i + 1
        follows = nxt < len(tokens) and tokens[nxt]["joined"]
        if (
            follows
            and _is_capitalised(tokens[nxt]["word"])
            and (_unknown_proper(tokens[nxt], lex) or tokens[nxt]["fold"] in lex.surnames)
        ):
            return (i, _extend(tokens, nxt + 1, lex, lenient=False, surname=True) or nxt)
    return None


def _pair(tokens, i) -> str | None:
    if i + 1 < len(tokens) and tokens[i + 1]["joined"]:
        return f"{tokens[i]['fold']} {tokens[i + 1]['fold']}"
    return None


def _unknown_proper(token, lex) -> bool:
    folded = token["fold"]
    if "-" in folded and all(part in lex.places for part in folded.split("-")):
        return False  # Lille-Kortrijk-Tournai
    return (
        len(folded) > 2
        and not lex.is_common(folded, 1.0)
        and folded not in lex.places
        and folded not in lex.ambiguous
        and folded not in PARTICLES
    )


def _trigger(tokens, i):
    folded = tokens[i]["fold"]
    nxt = i + 1
    abbreviated = tokens[i]["dotted"] and folded in ABBREVIATIONS
    if nxt >= len(tokens) or not (tokens[nxt]["joined"] or abbreviated):
        return None
    if folded == "de" and tokens[nxt]["fold"] == "heer":
        return ("formal", nxt + 1) if nxt + 1 < len(tokens) else None
    if folded in FORMAL_TITLES or (
        folded == "m" and tokens[i]["word"] == "M" and tokens[i]["dotted"]
    ):
        return ("formal", nxt)
    if folded in KIN_TITLES:
        return ("kin", nxt)
    if folded in FAMILY_WORDS:
        return ("family", nxt)
    if folded in NAMING_WORDS:
        return ("naming", nxt)
    return None


def _accepts(token, lex, lenient: bool, surname: bool, lower: bool = False) -> bool:
    word, folded = token["word"], token["fold"]
    if folded in FUNCTION_WORDS and not _is_capitalised(word):
        return False
    if _is_capitalised(word):
        if folded in lex.places:
            return False
        if surname:  # after a known first name: a surname, or any capitalised rare word
            return lex.is_name(folded) or not lex.is_common(folded, 4.0)
        return lenient or not (lex.is_common(folded, 5.0) and folded not in lex.surnames)
    if surname and not lower:
        return False  # "Wout elke": a capitalised name goes on with capitals only
    if lex.is_name(folded) and (lenient or folded not in lex.ambiguous):
        return True
    return lenient and not lex.is_common(folded, 2.5)


def _extend(tokens, j, lex, lenient: bool, surname: bool = False, lower: bool = False):
    """The last token of a run of name words starting at j, or None when there is none.

    Only the first word after a title may be any unknown word (lenient); particles (van den,
    de, el) belong to the name when a name word follows them.
    """
    last = None
    k = j
    while k < len(tokens):
        token = tokens[k]
        if (k > j or surname) and not token["joined"]:
            break
        end = k
        while (
            end + 1 < len(tokens) and tokens[end]["fold"] in PARTICLES and tokens[end + 1]["joined"]
        ):
            end += 1
        if end > k:
            following = tokens[end]
            whole = " ".join(t["fold"] for t in tokens[k : end + 1])
            if (
                whole in lex.surnames
                or _is_capitalised(following["word"])
                or (lex.is_name(following["fold"]) and (lower or lenient))
            ):
                last = end
                k = end + 1
                continue
        if not _accepts(token, lex, lenient and last is None, surname and last is None, lower):
            break
        last = k
        k += 1
        if k - j >= 5:
            break
    return last


def preload() -> None:
    """Load the word lists now (a few seconds), so that the first text checked does not wait."""
    lexicon()
