"""Signs in the words around a word that it is, or is not, part of a person's name: what a
person does or has after it ("belde", "haar gsm"), a kinship or role word beside it, a place or
the name of a thing it stands in (Café Rose, buurthuis De Wolf, Jan Breydellaan), how rare and
how capitalised it is. `names` weighs them."""

import re

from mdma.privacy import context as ctx
from mdma.privacy.tokens import Token

RARE = 3.0  # Zipf: rarer than this, a word is no everyday word (names are rare too)


def stock_names(text: str) -> list[tuple[int, int]]:
    """Names that stand for anyone (Jan Modaal, John Doe): looked for only when the text holds
    one of their rarer words."""
    lowered = text.lower()
    if not any(word in lowered for word in ctx.STOCK_NAME_WORDS):
        return []
    return [m.span() for m in ctx.STOCK_NAMES.finditer(text)]


def alone_where_no_person_stands(tokens, i, lex) -> bool:
    """A capitalised first name without a surname that is something else here: a place
    (Sofia; "geboren in Thiès"), an everyday word first in a sentence ("Elke maand", "Grâce
    à"), or the second word of a thing's name ("Café Rose", "Athénée Royal")."""
    token = tokens[i]
    if token.fold in lex.places:
        return True
    if token.fold in ctx.GREETINGS and token.gap_after.startswith(","):
        return True  # "… – Beste, de ouders …": the greeting itself, its reader unnamed
    if i and tokens[i - 1].word.lower() in ctx.PLACE_PREPOSITIONS and token.joined:
        return True
    if (token.fold in lex.ambiguous or token.zipf >= 5.0) and token.initial:
        return not (acts(tokens, i) or signs_or_speaks(tokens, i))
    if token.fold in lex.ambiguous and i and token.joined and not token.initial:
        if tokens[i - 1].fold in ctx.THING_WORDS:
            return True  # "de zaal Roos", "ploeg Hoop": the thing's name
        before = re.split(r"['’]", tokens[i - 1].word)[-1]
        return (
            before[:1].isupper()
            and not lex.is_name(tokens[i - 1].fold.split("'")[-1])
            and tokens[i - 1].fold not in ctx.TRIGGERS
        )
    return False


def signs_or_speaks(tokens, i) -> bool:
    """A first name on its own that signs a message off ("… Groetjes,\n Lotte", "– Pieter") or
    speaks in minutes or a chat ("Bram: ik rij om 8u")."""
    token = tokens[i]
    if not token.initial or token.zipf >= 5.5:
        return False
    if addressed_or_signed(tokens, i):
        return True
    speaks = token.gap_after.startswith(":") and i + 1 < len(tokens)
    if speaks and (i == 0 or any(mark in token.gap_before for mark in ("- ", "– ", "• ", "\n"))):
        return True  # "- Joke: bewonerskaart …": a speaker in the minutes' list, however common
    if token.zipf >= 4.5:
        return False
    if token.gap_after.startswith(":") and i + 1 < len(tokens):
        return True
    return i == len(tokens) - 1 and ("\n" in token.gap_before or "–" in token.gap_before)


def addressed_or_signed(tokens, i) -> bool:
    """A first name that opens a message, addressing its reader ("Tom, the family …", "Lien,
    ik kan …"), or closes it after the last sentence ("… voor vrijdag. Joke")."""
    token = tokens[i]
    opens = i == 0 or "\n" in token.gap_before
    if opens and token.gap_after.strip() == "," and i + 1 < len(tokens):
        return not tokens[i + 1].cap or tokens[i + 1].fold in ("ik", "je", "i", "we", "je")
    closes = i == len(tokens) - 1 and i > 0 and not token.gap_after.strip()
    return closes and token.zipf < 5.0 and tokens[i - 1].gap_after.strip()[-1:] in (".", "!", "?")


def rare_name_where_a_person_stands(tokens, i, lex) -> bool:
    """A capitalised word no list knows, where a person stands: in brackets after a first name
    or a file number, or beside a kinship or rank word ("De oudste, Mert, zit …")."""
    if in_brackets_beside_a_name_or_number(tokens, i, lex):
        return True
    return name_like(tokens[i], lex) and apposed(tokens, i)


def in_brackets_beside_a_name_or_number(tokens, i, lex) -> bool:
    """ "Zeynep (Kılınç)", "AS/2024/1113 (Lasota)": a word alone in brackets after a first name
    or a file number is a surname."""
    token = tokens[i]
    if not (token.gap_before.endswith("(") and token.gap_after.startswith(")")):
        return False
    # A file's number has separators or letters: "le numéro 103 (Écoute-Enfants)" is a line's.
    after_a_number = re.search(r"(?:[/-]\w*\d[\w/-]*|\d{5,})\s*\($", token.gap_before) or (
        i and tokens[i - 1].upper and re.search(r"\d[/-]$", tokens[i - 1].gap_before)
    )  # "2023/0552/SD (Ouardighi)": the code's letters are a word of their own
    after_a_name = i and tokens[i - 1].cap and tokens[i - 1].fold in lex.first_names
    return (
        bool(after_a_number or after_a_name)
        and name_like(token, lex)
        and not compound_of_words(token.fold, lex)  # "(Leefloon)", "(Huurpremie)"
    )


def rare_lower(tokens, k, lex, start: bool = False) -> bool:
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
        and not (start and counted(tokens, k))
    )


def counted(tokens, i) -> bool:
    return i > 0 and tokens[i].joined and tokens[i - 1].fold in ctx.DETERMINERS


def stands_for_a_person(tokens, i) -> bool:
    return acts(tokens, i, strong=True) or apposed(tokens, i) or after_preposition(tokens, i)


def aged(token: Token) -> bool:
    """A person's age in brackets right after the word: "Idil (14)", "Blerim (9 jaar)"."""
    return bool(AGE.match(token.gap_after))


AGE = re.compile(r"\(\d{1,2}(?:\)|$)")
#: A birth in brackets right after the word: "Layla (°03.08.2003)", "Omar (geb. 2011)".
BORN = re.compile(r"\(\s*(?:[°º]|geb\.|geboren|n[ée]e?\s|born)")


def born_beside(token: Token) -> bool:
    return bool(BORN.match(token.gap_after))


def a_place(tokens, first, last, lex) -> bool:
    return " ".join(t.fold for t in tokens[first : last + 1]) in lex.places


def names_a_thing(tokens, i, end, lex) -> bool:
    """ "De Zwaluw", "De Storm", "De Vossen": an article and an everyday word name a centre, a
    play or a team unless a person's verb follows; a known surname (De Vos) only after a word
    for a place or a group ("buurthuis De Wolf") or in quotes."""
    word = tokens[end]
    if end != i + 1 or tokens[i].fold not in ctx.ARTICLES or word.zipf < 2.0:
        return False
    if i > 0 and tokens[i - 1].fold in ctx.THING_WORDS and tokens[i].joined:
        return True  # "café De Wolf", "buurthuis De Kring": named after the place word
    if word.fold in lex.first_names:
        return False
    if f"{tokens[i].fold} {word.fold}" not in lex.surnames:
        return not (acts(tokens, end, strong=True) or apposed(tokens, end))
    quoted = any(q in tokens[i].gap_before for q in "'‘“\"«")
    before = tokens[i - 1] if i else None
    return quoted or (
        before is not None and thing_word(before) and before.fold not in ctx.CASE_TOPICS
    )


def inside_a_things_name(tokens, first, last) -> bool:
    """A person's name inside the name of a place or an organisation: "Atelier Jan Breydel",
    "het Jan Yperman Ziekenhuis" (the README's rule: such names are not marked)."""
    before = tokens[first - 1] if first else None
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    if before and tokens[first].joined and before.cap and a_place_or_trade(before):
        return True
    if (
        before
        and before.fold in ctx.ARTICLES
        and first > 1
        and a_place_or_trade(tokens[first - 2])
        and before.joined
    ):
        return True  # "basisschool De Klimop", "leefgroep De Wolf": named after the place word
    if fused_with_a_place(tokens[last]):
        return True  # the Willy Naessens-hal, Hendrik Consciencelaan, de Ernest Claesschool
    k = last + 1
    while k < len(tokens) and tokens[k].joined and tokens[k].fold in ("de", "den", "der", "le"):
        k += 1  # "de Pieter de Coninckstraat"; "fam. Diallo van Rollegemsesteenweg" is a person
    if k > last + 1 and k < len(tokens) and fused_with_a_place(tokens[k]):
        return True
    if (
        before
        and before.fold in ctx.NAME_OF_A_THING_ARTICLES
        and tokens[first].joined
        and after
        and after.joined
        and after.fold.endswith(ctx.INSTITUTION_ENDINGS)
    ):
        return True  # "the Jan Palfijn hospital": an article, a name, then the place
    article = tokens[first - 2] if first > 1 else None
    if (
        article
        and article.fold in ctx.ARTICLES | {"the"}
        and before.cap
        and before.joined
        and before.fold in ctx.TITLE_ADJECTIVES
    ):
        return True  # "Le Petit Prince", "De Kleine Johannes": a title
    return bool(
        after and after.joined and after.cap and after.fold.endswith(ctx.INSTITUTION_ENDINGS)
    )


def fused_with_a_place(token: Token) -> bool:
    """A capitalised word that ends on a street's or an institution's word: a person's name
    fused with it names the place (Consciencelaan, Claesschool, Naessens-hal)."""
    folded = token.fold
    if not token.cap:
        return False
    if "-" in folded:
        return folded.endswith(ctx.INSTITUTION_ENDINGS + ctx.STREET_ENDINGS)
    return any(
        folded.endswith(ending) and len(folded) > len(ending) + 3 for ending in ctx.FUSED_ENDINGS
    )


def a_house_known_by_its_name(tokens, i) -> bool:
    """A lone surname after a lower-case article: "bij de Mertens", "naar den Dewulf" name a
    shop or a family's house; "mevrouw de Smet" (a title before it) is a person."""
    if not (i > 1 and tokens[i - 1].word in ("de", "den") and tokens[i].joined):
        return False
    return not followed_by_capital(tokens, i) and tokens[i - 2].fold not in ctx.TRIGGERS


def a_place_or_trade(token: Token) -> bool:
    return token.fold in ctx.THING_WORDS or token.fold.endswith(ctx.TRADE_ENDINGS)


def thing_word(token: Token) -> bool:
    return token.fold.endswith(ctx.THING_ENDINGS) or token.fold in ctx.THING_WORDS


def followed_by_capital(tokens, i) -> bool:
    nxt = i + 1
    return nxt < len(tokens) and tokens[nxt].joined and tokens[nxt].cap


def double_name(token: Token, lex) -> bool:
    """De Smet-Verhaeghe, El-Amrani: a hyphenated word of capitalised parts, names among them."""
    if "-" not in token.fold or not all(p[:1].isupper() for p in token.word.split("-")):
        return False
    parts = token.fold.split("-")
    if any(p in lex.places for p in parts) or parts[0] in ctx.NOT_A_PERSON_AFTER:
        return False  # Sint-Jozef, Saint-Nicolas: a saint's name, a church's or a school's
    if len(parts) == 2 and all(p in lex.first_names for p in parts):
        return True  # Ana-Maria, Jean-Pierre: two first names, however common each is
    names = [p for p in parts if lex.is_name(p) and p not in lex.ambiguous]
    return bool(names) and all(lex.is_name(p) or p in ctx.PARTICLES for p in parts)


#: Flemish surnames fuse their particle: Vanderhaeghen, Verschaelde, Demeesterwaele, Decock.
FUSED_PARTICLE = re.compile(r"(?:van(?:de[nr]?)?|ver|de|der)(?=[a-z]{4})")


#: Endings that make a surname of the families' origins: Romanian (Marinescu, Munteanu),
#: Balkan (Hodžić, Petrović), Polish (Wiśniewska, Kowalczyk), Ukrainian (Kravchenko, Kovalchuk),
#: Turkish (Karaoğlu), Georgian (Beridze, Gelashvili), Afghan (Ahmadzai, Rahimzada), Greek.
SURNAME_ENDINGS = (
    "escu", "eanu", "ovic", "evic", "wski", "wska", "czyk", "czak", "enko", "chuk", "czuk",
    "oglu", "idze", "ashvili", "poulos", "zai", "zada", "zadeh",
)  # fmt: skip


def surname_by_its_ending(token: Token, lex) -> bool:
    """A capitalised rare word with an ending only surnames have (Marinescu, Hodžić)."""
    folded = token.fold
    ending = folded.endswith(SURNAME_ENDINGS) or token.word.endswith(("ić", "ič"))
    return (
        ending
        and token.cap
        and len(folded) > 5
        and token.zipf < 2.5
        and "-" not in folded
        and folded not in lex.places
    )


def fused_particle_surname(token: Token, lex) -> bool:
    """A capitalised rare word in mid-sentence that starts with a fused particle: a Flemish
    surname no list holds (Dutch writes its nouns in lower case, so the capital is the evidence;
    first in a sentence or after a colon it is none)."""
    folded = token.fold
    return (
        token.cap
        and not token.initial  # "Verwijsbrief nodig.", "Décrivez la situation"
        and ":" not in token.gap_before  # "Partner: Vervoerregio"
        and token.zipf < 2.5
        and "-" not in folded
        and FUSED_PARTICLE.match(folded) is not None
        and folded not in lex.places
        and not folded.endswith(ctx.THING_ENDINGS)
        and not compound_of_words(folded, lex)
    )


def compound_of_words(word: str, lex, depth: int = 2) -> bool:
    """Dutch glues common words into one (Vervoerregio, Dementievriendelijke); a surname seldom
    splits into common words (Demeulemeester, Vanlerberghe)."""
    if lex.common.zipf(word) >= 3.0:
        return True
    if depth == 0:
        return False
    return any(
        lex.common.zipf(word[:cut]) >= 3.0 and compound_of_words(word[cut:], lex, depth - 1)
        for cut in range(4, len(word) - 3)
    )


def unknown_proper(token: Token, lex, rarer_than: float = 1.0) -> bool:
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


def name_like(token: Token, lex) -> bool:
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


def acts(tokens, i, strong: bool = False) -> bool:
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


def apposed(tokens, i) -> bool:
    """A kinship or role word right beside it: "roos (mama van …)", "Samia, de mama"."""
    for k in (i + 1, i + 2):
        if k < len(tokens) and tokens[k].fold in ctx.KIN_TITLES | ctx.ROLE_TITLES:
            between = tokens[k - 1].fold if k == i + 2 else ""
            if tokens[i].gap_after in ("(", ",", " (", ", ") and (
                k == i + 1 or between in {"de", "het", "een", "la", "le", "the", "haar", "zijn"}
            ):
                return True
    return (
        i > 0
        and tokens[i - 1].fold in ctx.KIN_TITLES | ctx.RANK_WORDS
        and tokens[i].gap_before.strip() in (",", "(")
    )


def after_preposition(tokens, i) -> bool:
    return i > 0 and tokens[i].joined and tokens[i - 1].fold in ctx.PERSON_PREPOSITIONS
