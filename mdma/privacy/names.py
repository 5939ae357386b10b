"""Person names: a name list, the words around a name, and the capitals of the sentence.

A name is reported when
- it follows a title, kinship or role word (mevrouw, dhr., mama, zoon, buurman, familie …);
- it is an initial with a surname (J. Peeters, A.-M. Claes);
- it is a known first name, unless it is also an ordinary word (Roos, Hoop) standing where an
  ordinary word could stand (lower case, or first word of a sentence without a surname);
- it is a known surname with a capital in mid-sentence, or first in a sentence when it is no
  ordinary word (Peeters belde terug); with particles (Van den Broeck) or a hyphen (De Smet-Verhaeghe);
- two unknown capitalised words stand together that are neither ordinary words nor places;
- a rare word stands where a person stands: before a person's verb or possessive ("Stoika
  belde", "Ann haar nummer"), beside a kinship word ("roos (mama van de tweeling)"), or in a
  list with a name found ("Omid en Farid");
- and every other place in the text where a word of a name found stands again.
Organisations and services (OCMW, Kind & Gezin, the platform's directory) are never names, and
`@handles` of platform users are allowed.
"""

import re
from functools import lru_cache

from mdma.privacy import context as ctx
from mdma.privacy.findings import Finding, Kind
from mdma.privacy.lexicon import DATA, lexicon
from mdma.privacy.places import FRENCH_STREET_NAME
from mdma.privacy.tokens import Token, tokenize

RARE = 3.0  # Zipf: rarer than this, a word is no everyday word (names are rare too)


@lru_cache(maxsize=8)
def _organisation_pattern(extra: tuple[str, ...]) -> re.Pattern:
    text = (DATA / "organisations.txt").read_text(encoding="utf-8")
    phrases = [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]
    phrases += [p for p in extra if p.strip()]
    alternatives = sorted({re.escape(p.strip()) for p in phrases}, key=len, reverse=True)
    return re.compile(rf"(?i)(?<!\w)(?:{'|'.join(alternatives)})(?!\w)")


HANDLE = re.compile(r"@[\w.-]+")


def _masked(text: str, organisations: tuple[str, ...]) -> list[tuple[int, int]]:
    spans = [m.span() for m in _organisation_pattern(organisations).finditer(text)]
    spans += [m.span() for m in HANDLE.finditer(text)]
    spans += [m.span() for m in FRENCH_STREET_NAME.finditer(text)]
    return spans


def person_names(text: str, organisations: tuple[str, ...] = ()):
    lex = lexicon()
    tokens = tokenize(text, _masked(text, organisations), lex)
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        span = _name_at(tokens, i, lex)
        if span is None:
            i += 1
            continue
        if not _inside_a_things_name(tokens, *span):
            found.append(span)
        i = span[1] + 1
    found = _spread(tokens, found, lex)
    for first, last in found:
        start, end = tokens[first].start, tokens[last].end
        yield Finding(start, end, Kind.PERSON_NAME, text[start:end])


def _name_at(tokens: list[Token], i: int, lex):
    """The (first, last) token of a name starting at or triggered by token i, or None."""
    token = tokens[i]
    if token.zipf >= 4.5 and not token.cap and token.fold not in ctx.TRIGGERS:
        return None  # an everyday word in lower case: the most frequent case, decided at once
    if i and tokens[i - 1].fold in ctx.NOT_A_PERSON_AFTER and tokens[i].joined:
        return None
    nxt = i + 1
    if nxt < len(tokens) and tokens[nxt].cap and tokens[nxt].fold in ctx.STREET_WORDS:
        return None  # Hope Street, Hoog Kortrijk: a place
    trigger = _trigger(tokens, i)
    if trigger is not None:
        kind, j = trigger
        if kind in ("kin", "role") and j < len(tokens) and tokens[j].fold in ctx.OF_WORDS:
            j += 1
        if kind == "naming" and j < len(tokens) and tokens[j].fold in ctx.NAMING_FILLERS:
            j += 1
        if j < len(tokens) and kind == "role" and not _name_like(tokens[j], lex):
            return None
        end = _extend(tokens, j, lex, lenient=kind in ("formal", "naming"))
        if end is None or (kind == "naming" and i and _thing_word(tokens[i - 1])):
            return None  # "de ploeg heet De Vossen": the name of a thing
        return (j, end)
    if token.is_initial_letter:
        return _initials(tokens, i, lex)
    if token.upper:
        return None
    folded, capital = token.fold, token.cap
    ambiguous = folded in lex.ambiguous
    # "Van Gent", "Ben Amor": a particle that is a first name too starts a surname first.
    if capital and folded in ctx.PARTICLES and _followed_by_capital(tokens, i):
        span = _capitalised(tokens, i, lex)
        if span is not None:
            return span
    # A known first name.
    if folded in lex.first_names:
        end = _extend(tokens, i + 1, lex, lenient=False, surname=True, lower=not capital)
        has_surname = end is not None
        if capital:
            if not has_surname and _alone_where_no_person_stands(tokens, i, lex):
                return None
            return (i, end if has_surname else i)
        if _counted(tokens, i):
            return None  # "twee neven", "een roos": a noun after a number or an article
        if not ambiguous and len(folded) > 2 and token.zipf < 4.5:
            return (i, end if has_surname else i)
        if has_surname and token.zipf < 4.0:
            return (i, end)  # "fatma yildirim"
        if _apposed(tokens, i) or (_acts(tokens, i, strong=True) and token.zipf < 3.5):
            return (i, i)
        if token.zipf < 3.0 and _rare_lower(tokens, i + 1, lex):
            return (i, i + 1)  # "baraka mushagalusa"
        return None
    if capital:
        return _capitalised(tokens, i, lex)
    # "jorben verschuere": two rare words in lower case, one of them a known name.
    if (
        token.zipf < 2.0
        and _rare_lower(tokens, i, lex, start=True)
        and _rare_lower(tokens, i + 1, lex)
        and lex.is_name(tokens[i + 1].fold)
        and tokens[i + 1].fold not in lex.ambiguous
    ):
        return (i, i + 1)
    # "bij janssens thuis": a surname in lower case, where a person stands.
    lower_surname = (
        folded in lex.surnames and not ambiguous and len(folded) > 3 and not _counted(tokens, i)
    )
    if lower_surname and token.zipf < 3.5 and _stands_for_a_person(tokens, i):
        return (i, i)
    return None


def _alone_where_no_person_stands(tokens, i, lex) -> bool:
    """A capitalised first name without a surname that is something else here: a place
    (Sofia; "geboren in Thiès"), an everyday word first in a sentence ("Elke maand", "Grâce
    à"), or the second word of a thing's name ("Café Rose", "Athénée Royal")."""
    token = tokens[i]
    if token.fold in lex.places:
        return True
    if i and tokens[i - 1].word.lower() in ctx.PLACE_PREPOSITIONS and token.joined:
        return True
    if (token.fold in lex.ambiguous or token.zipf >= 5.0) and token.initial:
        return not _acts(tokens, i)
    if token.fold in lex.ambiguous and i and token.joined and not token.initial:
        before = re.split(r"['’]", tokens[i - 1].word)[-1]
        return (
            before[:1].isupper()
            and not lex.is_name(tokens[i - 1].fold.split("'")[-1])
            and tokens[i - 1].fold not in ctx.TRIGGERS
        )
    return False


def _rare_lower(tokens, k, lex, start: bool = False) -> bool:
    """A lower-case word that is no everyday word, no place and joined to the one before."""
    if k >= len(tokens):
        return False
    token = tokens[k]
    return (
        not token.cap
        and not token.upper
        and (start or token.joined)
        and token.zipf < 2.0
        and len(token.fold) > 2
        and token.fold not in lex.places
        and token.fold not in ctx.FUNCTION_WORDS
        and not (start and _counted(tokens, k))
    )


def _counted(tokens, i) -> bool:
    return i > 0 and tokens[i].joined and tokens[i - 1].fold in ctx.DETERMINERS


def _stands_for_a_person(tokens, i) -> bool:
    return _acts(tokens, i, strong=True) or _apposed(tokens, i) or _after_preposition(tokens, i)


def _capitalised(tokens, i, lex):
    token = tokens[i]
    folded = token.fold
    ambiguous = folded in lex.ambiguous
    if folded in ctx.PARTICLES and not token.initial:
        end = _extend(tokens, i, lex, lenient=False)
        if end is not None and end > i:
            if _names_a_thing(tokens, i, end, lex) or _a_place(tokens, i, end, lex):
                return None
            return (i, end)
    pair = _pair(tokens, i)
    # De Smet, El Amrani; first in a sentence only when the second word is no ordinary word.
    known_pair = pair and pair in lex.surnames and tokens[i + 1].cap
    if known_pair and _a_place(tokens, i, i + 1, lex):
        return None  # De Haan, La Louvière: a town
    if known_pair and (not token.initial or tokens[i + 1].fold not in lex.ambiguous):
        return (i, _extend(tokens, i + 2, lex, lenient=False, surname=True) or i + 1)
    surname = folded in lex.surnames and not ambiguous and folded not in lex.places
    # "Peeters belde terug": first in a sentence too, unless it is a common word there.
    if surname and (
        not token.initial or (token.zipf < 4.5 and not _followed_by_capital(tokens, i))
    ):
        return (i, _extend(tokens, i + 1, lex, lenient=False, surname=True) or i)
    if _double_name(token, lex) or (_aged(token) and _name_like(token, lex)):
        return (i, i)  # De Smet-Verhaeghe; "Idil (14) zit in de OKAN-klas"
    if not _unknown_proper(token, lex):
        return None
    nxt = i + 1
    unknown_pair = nxt < len(tokens) and tokens[nxt].joined and tokens[nxt].cap
    # The second word of an unknown pair may be a little less rare: names show up in corpora.
    second = tokens[nxt] if unknown_pair else None
    if second and (_unknown_proper(second, lex, 1.5) or second.fold in lex.surnames):
        return (i, _extend(tokens, nxt + 1, lex, lenient=False, surname=True) or nxt)
    if not token.initial and _name_like(token, lex):
        return (i, i) if _acts(tokens, i, strong=True) or _apposed(tokens, i) else None
    return None


def _aged(token: Token) -> bool:
    """A person's age in brackets right after the word: "Idil (14)", "Blerim (9 jaar)"."""
    return bool(_AGE.match(token.gap_after))


_AGE = re.compile(r"\(\d{1,2}(?:\)|$)")


def _a_place(tokens, first, last, lex) -> bool:
    return " ".join(t.fold for t in tokens[first : last + 1]) in lex.places


def _names_a_thing(tokens, i, end, lex) -> bool:
    """ "De Zwaluw", "De Storm", "De Vossen": an article and an everyday word name a centre, a
    play or a team unless a person's verb follows; a known surname (De Vos) only after a word
    for a place or a group ("buurthuis De Wolf") or in quotes."""
    word = tokens[end]
    if end != i + 1 or tokens[i].fold not in ctx.ARTICLES or word.zipf < 2.0:
        return False
    if word.fold in lex.first_names:
        return False
    if f"{tokens[i].fold} {word.fold}" not in lex.surnames:
        return not (_acts(tokens, end, strong=True) or _apposed(tokens, end))
    quoted = any(q in tokens[i].gap_before for q in "'‘“\"«")
    return quoted or (i > 0 and _thing_word(tokens[i - 1]))


def _inside_a_things_name(tokens, first, last) -> bool:
    """A person's name inside the name of a place or an organisation: "Atelier Jan Breydel",
    "het Jan Yperman Ziekenhuis" (the README's rule: such names are not marked)."""
    before = tokens[first - 1] if first else None
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    if before and tokens[first].joined and before.cap and before.fold in ctx.THING_WORDS:
        return True
    if "-" in tokens[last].fold and tokens[last].fold.endswith(ctx.INSTITUTION_ENDINGS):
        return True  # the Willy Naessens-hal
    return bool(
        after and after.joined and after.cap and after.fold.endswith(ctx.INSTITUTION_ENDINGS)
    )


def _thing_word(token: Token) -> bool:
    return token.fold.endswith(ctx.THING_ENDINGS) or token.fold in ctx.THING_WORDS


def _followed_by_capital(tokens, i) -> bool:
    nxt = i + 1
    return nxt < len(tokens) and tokens[nxt].joined and tokens[nxt].cap


def _initials(tokens, i, lex):
    """J. Peeters, A.-M. Claes, K. Van den Broeck: initials, then a surname."""
    j = i
    while j < len(tokens) and tokens[j].is_initial_letter and tokens[j].dotted:
        j += 1
    if j == i or j >= len(tokens) or not tokens[j].joined or not tokens[j].cap:
        return None
    end = _extend(tokens, j, lex, lenient=False, surname=True)
    if end is None or not (lex.is_name(tokens[end].fold) or tokens[end].zipf < 4.0):
        return None
    return (i, end)


def _pair(tokens, i) -> str | None:
    if i + 1 < len(tokens) and tokens[i + 1].joined:
        return f"{tokens[i].fold} {tokens[i + 1].fold}"
    return None


def _double_name(token: Token, lex) -> bool:
    """De Smet-Verhaeghe, El-Amrani: a hyphenated word of capitalised parts, names among them."""
    if "-" not in token.fold or not all(p[:1].isupper() for p in token.word.split("-")):
        return False
    parts = token.fold.split("-")
    if any(p in lex.places for p in parts):
        return False
    names = [p for p in parts if lex.is_name(p) and p not in lex.ambiguous]
    return bool(names) and all(lex.is_name(p) or p in ctx.PARTICLES for p in parts)


def _unknown_proper(token: Token, lex, rarer_than: float = 1.0) -> bool:
    folded = token.fold
    if "-" in folded and all(part in lex.places for part in folded.split("-")):
        return False  # Lille-Kortrijk-Tournai
    return (
        len(folded) > 2
        and token.zipf < rarer_than
        and folded not in lex.places
        and folded not in lex.ambiguous
        and folded not in ctx.PARTICLES
    )


def _name_like(token: Token, lex) -> bool:
    """A word that could be a name: a known one, or a rare one that names no thing."""
    folded = token.fold
    if folded in lex.places or folded in ctx.FUNCTION_WORDS:
        return False
    if not all(part[:1].isupper() for part in token.word.split("-")) and token.cap:
        return False  # BIS-nummer
    if lex.is_name(folded) and (token.cap or folded not in lex.ambiguous):
        return True
    return (
        token.cap
        and token.zipf < RARE
        and 2 < len(folded) < 20
        and folded not in lex.ambiguous
        and not folded.endswith(ctx.THING_ENDINGS)
    )


def _acts(tokens, i, strong: bool = False) -> bool:
    """The word is followed by what a person does or has: "belde", "a appelé", "haar gsm";
    `strong`: not by a verb a thing may have as well ("is", "heeft")."""
    nxt = i + 1
    if nxt >= len(tokens) or not tokens[nxt].joined:
        return False
    after = tokens[nxt]
    if after.cap or (strong and after.fold in ctx.WEAK_VERBS):
        return False
    if after.word in ("à", "là", "où"):
        return False  # "Grâce à …": a preposition, not the verb "a"
    return after.fold in ctx.PERSON_VERBS or after.fold in ctx.POSSESSIVES


def _apposed(tokens, i) -> bool:
    """A kinship or role word right beside it: "roos (mama van …)", "Samia, de mama"."""
    for k in (i + 1, i + 2):
        if k < len(tokens) and tokens[k].fold in ctx.KIN_TITLES | ctx.ROLE_TITLES:
            between = tokens[k - 1].fold if k == i + 2 else ""
            if tokens[i].gap_after in ("(", ",", " (", ", ") and (
                k == i + 1 or between in {"de", "het", "een", "la", "le", "the", "haar", "zijn"}
            ):
                return True
    return i > 0 and tokens[i - 1].fold in ctx.KIN_TITLES and tokens[i].gap_before.strip() == ","


def _after_preposition(tokens, i) -> bool:
    return i > 0 and tokens[i].joined and tokens[i - 1].fold in ctx.PERSON_PREPOSITIONS


def _trigger(tokens, i):
    folded = tokens[i].fold
    nxt = i + 1
    abbreviated = tokens[i].dotted and folded in ctx.ABBREVIATIONS
    if nxt >= len(tokens) or not (tokens[nxt].joined or abbreviated):
        return None
    if folded == "de" and tokens[nxt].fold == "heer":
        return ("formal", nxt + 1) if nxt + 1 < len(tokens) else None
    if folded == "m":  # M. Dubois (monsieur), but not any initial M
        return ("formal", nxt) if tokens[i].word == "M" and tokens[i].dotted else None
    if folded == "me":  # Me Lambert (maître), but not the English "me"
        return ("formal", nxt) if tokens[i].word == "Me" else None
    if folded in ctx.FORMAL_TITLES:
        return ("formal", nxt)
    if folded in ctx.KIN_TITLES:
        return ("kin", nxt)
    if folded in ctx.ROLE_TITLES:
        return ("role", nxt)
    if folded in ctx.FAMILY_WORDS:
        return ("family", nxt)
    if folded in ctx.NAMING_WORDS:
        return ("naming", nxt)
    return None


def _accepts(token: Token, lex, lenient: bool, surname: bool, lower: bool = False) -> bool:
    folded = token.fold
    if folded in ctx.FUNCTION_WORDS and not token.cap:
        return False
    if token.cap:
        if folded in lex.places or token.upper:
            return False
        if surname:  # after a known first name: a surname, or any capitalised rare word
            return lex.is_name(folded) or token.zipf < 4.0 or _double_name(token, lex)
        return lenient or not (token.zipf >= 5.0 and folded not in lex.surnames)
    if surname and not lower:
        return False  # "Wout elke": a capitalised name goes on with capitals only
    if lex.is_name(folded) and (lenient or (folded not in lex.ambiguous and token.zipf < 4.5)):
        return True
    return lenient and token.zipf < 2.5


def _extend(tokens, j, lex, lenient: bool, surname: bool = False, lower: bool = False):
    """The last token of a run of name words starting at j, or None when there is none.

    Only the first word after a title may be any unknown word (lenient); particles (van den,
    de, el) belong to the name when a name word follows them; initials may stand first.
    """
    last = None
    k = j
    while k < len(tokens):
        token = tokens[k]
        if (k > j or surname) and not token.joined:
            break
        if last is None and token.is_initial_letter and token.dotted and token.cap:
            last = k  # "mevr. K. Claes"
            k += 1
            continue
        end = k
        while (
            end + 1 < len(tokens) and tokens[end].fold in ctx.PARTICLES and tokens[end + 1].joined
        ):
            end += 1
        if end > k:
            following = tokens[end]
            whole = " ".join(t.fold for t in tokens[k : end + 1])
            if (
                (whole in lex.surnames and (following.cap or lower or lenient))
                or (following.cap and following.fold not in lex.places)
                # "Van Gent", "Vander Elst": a capitalised particle makes a place a surname.
                or (following.cap and token.cap and not token.initial and whole not in lex.places)
                or (lex.is_name(following.fold) and (lower or lenient))
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
    if last is not None and tokens[last].is_initial_letter:
        return None  # initials alone are no name
    return last


def _spread(tokens, found, lex):
    """Names found make more: their neighbours in a list ("Omid en Farid"), and every other
    place where one of their words stands again."""
    spans = set(found)
    covered = {k for a, b in spans for k in range(a, b + 1)}
    words = {
        tokens[k].fold
        for a, b in spans
        for k in range(a, b + 1)
        if tokens[k].fold not in ctx.PARTICLES
        and not tokens[k].is_initial_letter
        and tokens[k].zipf < 4.5
        and len(tokens[k].fold) > 2
    }
    for a, b in list(spans):
        for k, link in ((b + 2, b + 1), (a - 2, a - 1)):
            if (
                (
                    0 <= k < len(tokens)
                    and k not in covered
                    and tokens[link].fold in {"en", "et", "and", "of"}
                )
                and tokens[k].cap == tokens[a].cap
                and _name_like(tokens[k], lex)
            ):
                spans.add((k, k))
                covered.add(k)
    for k, token in enumerate(tokens):
        if k not in covered and token.fold in words:
            spans.add((k, k))
            covered.add(k)
    return sorted(spans)


def preload() -> None:
    """Load the word lists now (a few seconds), so that the first text checked does not wait."""
    lexicon()
