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

from mdma.privacy import context as ctx
from mdma.privacy import name_masks as masks
from mdma.privacy import name_repeats as repeats
from mdma.privacy import name_signs as signs
from mdma.privacy.findings import Finding, Kind
from mdma.privacy.lexicon import lexicon
from mdma.privacy.tokens import Token, tokenize


def person_names(text: str, organisations: tuple[str, ...] = ()):
    lex = lexicon()
    tokens = tokenize(text, masks.no_names_here(text, organisations), lex)
    found: list[tuple[int, int]] = []
    things: set[tuple[str, ...]] = set()
    i = 0
    while i < len(tokens):
        span = _name_at(tokens, i, lex)
        if span is None:
            i += 1
            continue
        if signs.inside_a_things_name(tokens, *span):
            things.add(masks.words_of(tokens, *span))
        else:
            found.append(span)
        i = span[1] + 1
    # "basisschool De Klimop …, de ouderraad van De Klimop": the thing's name again
    things |= masks.things_named(tokens)
    found = [
        span
        for span in repeats.spread(tokens, found, lex)
        if masks.words_of(tokens, *span) not in things
    ]
    for first, last in found:
        start, end = tokens[first].start, tokens[last].end
        yield Finding(start, end, Kind.PERSON_NAME, text[start:end])


def _name_at(tokens: list[Token], i: int, lex):
    """The (first, last) token of a name starting at or triggered by token i, or None."""
    token = tokens[i]
    if len(token.word) == 1 and token.dotted and token.word.islower():
        return _lower_initial(tokens, i, lex)
    introduces = i and (tokens[i - 1].fold, token.fold) in ctx.SELF_INTRODUCTIONS
    if token.zipf >= 4.5 and not token.cap and token.fold not in ctx.TRIGGERS and not introduces:
        return None  # an everyday word in lower case: the most frequent case, decided at once
    if i and tokens[i - 1].fold in ctx.NOT_A_PERSON_AFTER and tokens[i].joined:
        return None
    nxt = i + 1
    if nxt < len(tokens) and tokens[nxt].cap and tokens[nxt].fold in ctx.STREET_WORDS:
        return None  # Hope Street, Hoog Kortrijk: a place
    trigger = _trigger(tokens, i)
    if trigger is not None:
        kind, j = trigger
        if kind == "self":  # only a first name a list knows: "I am Muslim" is no name
            known = j < len(tokens) and tokens[j].fold in lex.first_names and tokens[j].zipf < 5.0
            end = _extend(tokens, j + 1, lex, lenient=False, surname=True, lower=True)
            return (j, end or j) if known else None
        # "mama van Yassin" names Yassin; "Opvolging De Meyer": a capital makes it a particle.
        of_word = j < len(tokens) and tokens[j].fold in ctx.OF_WORDS and not tokens[j].cap
        if kind in ("kin", "role", "topic") and of_word:
            j += 1
            if j < len(tokens) and tokens[j].cap and tokens[j].fold in lex.first_names:
                # "papa van Sofia": a first name, though a place too; a surname may follow.
                return (j, _extend(tokens, j + 1, lex, lenient=False, surname=True) or j)
        if kind == "kin" and repeats.first_name_in_lower_case(tokens, j, lex):
            return (j, _extend(tokens, j + 1, lex, lenient=False, surname=True, lower=True) or j)
        if kind == "naming" and j < len(tokens) and tokens[j].fold in ctx.NAMING_FILLERS:
            j += 1
        if (
            kind == "naming"
            and tokens[i].fold in ctx.NAMING_BEFORE_A_CAPITAL
            and not (j < len(tokens) and tokens[j].cap)
        ):
            return None  # "kunnen we dit agenderen": Dutch "this", not French "dit"
        if j < len(tokens) and kind == "role" and not signs.name_like(tokens[j], lex):
            return None
        if j < len(tokens) and kind == "topic" and not _a_persons_name(tokens, j, lex):
            return None  # "Suivi Infor-Jeunes": after a heading only a name a list knows
        if kind == "topic" and _greets_by_first_name(tokens, i, j, lex):
            return (j, j)  # "Dag An,", "Beste Mark,": a first name, however common a word
        end = _extend(tokens, j, lex, lenient=kind in ("formal", "naming"))
        if end is None or (kind == "naming" and i and signs.thing_word(tokens[i - 1])):
            return None  # "de ploeg heet De Vossen": the name of a thing
        return (j, end)
    if token.is_initial_letter:
        return _initials(tokens, i, lex)
    if token.upper:
        return None
    folded, capital = token.fold, token.cap
    ambiguous = folded in lex.ambiguous
    # "Van Gent", "Ben Amor": a particle that is a first name too starts a surname first.
    if capital and folded in ctx.PARTICLES and signs.followed_by_capital(tokens, i):
        span = _capitalised(tokens, i, lex)
        if span is not None:
            return span
    # A known first name.
    if folded in lex.first_names:
        end = _extend(tokens, i + 1, lex, lenient=False, surname=True, lower=not capital)
        has_surname = end is not None
        if capital:
            if not has_surname and signs.alone_where_no_person_stands(tokens, i, lex):
                return None
            return (i, end if has_surname else i)
        if signs.counted(tokens, i):
            return None  # "twee neven", "een roos": a noun after a number or an article
        if not ambiguous and len(folded) > 2 and token.zipf < 4.5:
            return (i, end if has_surname else i)
        if has_surname and token.zipf < 4.0:
            return (i, end)  # "fatma yildirim"
        if signs.apposed(tokens, i) or (signs.acts(tokens, i, strong=True) and token.zipf < 3.5):
            return (i, i)
        if token.zipf < 3.0 and signs.rare_lower(tokens, i + 1, lex):
            return (i, i + 1)  # "baraka mushagalusa"
        return None
    if capital:
        return _capitalised(tokens, i, lex)
    # "jorben verschuere": two rare words in lower case, one of them a known name.
    if (
        token.zipf < 2.0
        and signs.rare_lower(tokens, i, lex, start=True)
        and signs.rare_lower(tokens, i + 1, lex)
        and lex.is_name(tokens[i + 1].fold)
        and tokens[i + 1].fold not in lex.ambiguous
    ):
        return (i, i + 1)
    # "bij janssens thuis": a surname in lower case, where a person stands.
    lower_surname = (
        folded in lex.surnames
        and not ambiguous
        and len(folded) > 3
        and not signs.counted(tokens, i)
    )
    if lower_surname and token.zipf < 3.5 and signs.stands_for_a_person(tokens, i):
        return (i, i)
    return None


def _capitalised(tokens, i, lex):
    token = tokens[i]
    folded = token.fold
    ambiguous = folded in lex.ambiguous
    if folded in ctx.PARTICLES and not token.initial:
        end = _extend(tokens, i, lex, lenient=False)
        if end is not None and end > i:
            if signs.names_a_thing(tokens, i, end, lex) or signs.a_place(tokens, i, end, lex):
                return None
            return (i, end)
    pair = _pair(tokens, i)
    # De Smet, El Amrani; first in a sentence only when the second word is no ordinary word.
    known_pair = pair and pair in lex.surnames and tokens[i + 1].cap
    if known_pair and signs.a_place(tokens, i, i + 1, lex):
        return None  # De Haan, La Louvière: a town
    if known_pair and (not token.initial or tokens[i + 1].fold not in lex.ambiguous):
        return (i, _extend(tokens, i + 2, lex, lenient=False, surname=True) or i + 1)
    listed = folded in lex.surnames or signs.fused_particle_surname(token, lex)
    listed = listed or signs.surname_by_its_ending(token, lex)
    surname = listed and not ambiguous and folded not in lex.places
    if surname and signs.a_house_known_by_its_name(tokens, i):
        return None  # "bij de Mertens op de hoek": a shop or a family's house
    # "Peeters belde terug": first in a sentence too, unless it is a common word there.
    if surname and (
        not token.initial or (token.zipf < 4.5 and not signs.followed_by_capital(tokens, i))
    ):
        return (i, _extend(tokens, i + 1, lex, lenient=False, surname=True) or i)
    if signs.double_name(token, lex) or (signs.aged(token) and signs.name_like(token, lex)):
        return (i, i)  # De Smet-Verhaeghe; "Idil (14) zit in de OKAN-klas"
    if signs.born_beside(token) and token.zipf < 4.0 and folded not in lex.places:
        return (i, i)  # "Layla (°03.08.2003) studeert nog": born, so a person
    if signs.rare_name_where_a_person_stands(tokens, i, lex):
        return (i, i)  # "Zeynep (Kılınç)", "De oudste, Mert, zit …"
    if not signs.unknown_proper(token, lex):
        return None
    nxt = i + 1
    unknown_pair = nxt < len(tokens) and tokens[nxt].joined and tokens[nxt].cap
    # The second word of an unknown pair may be a little less rare: names show up in corpora.
    second = tokens[nxt] if unknown_pair else None
    if second and (signs.unknown_proper(second, lex, 1.5) or second.fold in lex.surnames):
        return (i, _extend(tokens, nxt + 1, lex, lenient=False, surname=True) or nxt)
    if signs.name_like(token, lex) and (
        signs.apposed(tokens, i) or (not token.initial and signs.acts(tokens, i, strong=True))
    ):
        return (i, i)  # "Tsegereda (mama) vraagt …", first in a sentence too
    return None


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


def _greets_by_first_name(tokens, i, j, lex) -> bool:
    name = tokens[j] if j < len(tokens) else None
    return bool(
        name
        and tokens[i].fold in ctx.GREETINGS
        and name.cap
        and name.fold in lex.first_names
        and name.gap_after.strip().startswith(",")
    )


def _a_persons_name(tokens, j, lex) -> bool:
    token = tokens[j]
    pair = _pair(tokens, j)
    return (
        lex.is_name(token.fold)
        or signs.fused_particle_surname(token, lex)
        or (pair is not None and pair in lex.surnames)
    )


def _lower_initial(tokens, i, lex):
    """ "j. verbeke": an initial typed in lower case, then a surname known or very rare; not
    an abbreviation of dotted letters (o.a., e.g.)."""
    nxt = i + 1
    if nxt >= len(tokens) or tokens[nxt].gap_before not in (". ", ".") or tokens[nxt].cap:
        return None
    if i and tokens[i - 1].gap_after == "." and len(tokens[i - 1].word) == 1:
        return None
    surname = tokens[nxt]
    if len(surname.word) < 4 or surname.fold in lex.places or surname.fold in lex.ambiguous:
        return None
    known = surname.fold in lex.surnames and surname.zipf < 3.5
    return (i, nxt) if known or (surname.zipf < 1.5 and len(surname.word) > 4) else None


def _pair(tokens, i) -> str | None:
    if i + 1 < len(tokens) and tokens[i + 1].joined:
        return f"{tokens[i].fold} {tokens[i + 1].fold}"
    return None


def _opens_a_quote(token: Token) -> bool:
    return token.gap_before.strip() in ("«", '"', "“", "'", "‘", "„")


def _trigger(tokens, i):
    folded = tokens[i].fold
    nxt = i + 1
    abbreviated = tokens[i].dotted and folded in ctx.ABBREVIATIONS
    # "dit « Jojo »", "alias 'Mo'": a nickname in quotes after a naming word
    quoted = folded in ctx.NAMING_WORDS and nxt < len(tokens) and _opens_a_quote(tokens[nxt])
    if nxt >= len(tokens) or not (tokens[nxt].joined or abbreviated or quoted):
        return None
    if folded == "de" and tokens[nxt].fold == "heer":
        return ("formal", nxt + 1) if nxt + 1 < len(tokens) else None
    if folded == "m":  # M. Dubois (monsieur), but not any initial M
        return ("formal", nxt) if tokens[i].word == "M" and tokens[i].dotted else None
    if folded == "me":  # Me Lambert (maître), but not the English "me"
        return ("formal", nxt) if tokens[i].word == "Me" else None
    if folded in ctx.FORMAL_TITLES:
        return ("formal", nxt)
    if i and (tokens[i - 1].fold, folded) in ctx.SELF_INTRODUCTIONS and tokens[i].joined:
        return ("self", nxt)  # "hallo ik ben kris", "je suis Mireille": the writer's name
    if folded in ctx.KIN_TITLES:
        return ("kin", nxt)
    if folded in ctx.ROLE_TITLES:
        return ("role", nxt)
    if folded in ctx.GREETINGS and tokens[i].initial:
        return ("topic", nxt)  # "Hi Griet,": a name a list knows
    if folded in ctx.CASE_TOPICS:
        return ("topic", nxt)
    if folded in ctx.FAMILY_WORDS or folded.endswith(ctx.FAMILY_ENDINGS):
        return ("family", nxt)
    if folded in ctx.NAMING_WORDS:
        return ("naming", nxt)
    return None


def _accepts(token: Token, lex, lenient: bool, surname: bool, lower: bool = False) -> bool:
    folded = token.fold
    if folded in ctx.FUNCTION_WORDS and not token.cap:
        return False
    if token.cap:
        a_place = folded in lex.places and not (lenient and folded in lex.first_names)
        if a_place or token.upper:  # "juf Lies", "mevrouw Sofia": a title makes it a name
            return False
        if surname:  # after a known first name: a surname, or any capitalised rare word
            return lex.is_name(folded) or token.zipf < 4.0 or signs.double_name(token, lex)
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
        if (
            token.fold == "op"
            and not token.cap
            and tokens[k + 1 : k + 2]
            and tokens[k + 1].fold not in ctx.ARTICLES | {"ten", "ter"}
        ):
            end = k  # "Bilal Chakir op Walle 98": a place; "Op de Beeck" stays a name
        if end > k and not signs.fused_with_a_place(tokens[end]):
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


def preload() -> None:
    """Load the word lists now (a few seconds), so that the first text checked does not wait."""
    lexicon()
