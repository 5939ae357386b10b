"""Where no person's name can stand: organisations, handles, French streets, file names, stock
names. The name rules never look inside these spans."""

import re
from functools import lru_cache

from mdma.privacy import context as ctx
from mdma.privacy import name_signs as signs
from mdma.privacy.case_files import file_names
from mdma.privacy.lexicon import DATA, fold, lexicon
from mdma.privacy.places import FRENCH_STREET_NAME
from mdma.privacy.vehicles import vehicles


@lru_cache(maxsize=8)
def _organisation_pattern(extra: tuple[str, ...]) -> re.Pattern:
    text = (DATA / "organisations.txt").read_text(encoding="utf-8")
    phrases = [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]
    phrases += [p for p in extra if p.strip()]
    return re.compile(rf"(?i)(?<!\w){_trie({p.strip().lower() for p in phrases})}(?!\w)")


def _trie(phrases: set[str]) -> str:
    """One pattern for many phrases, sharing their beginnings (o(?:cmw|nafhankelijk …)): a
    position fails on its first letter instead of on every phrase in turn."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branch(root)


def _branch(node: dict) -> str:
    alternatives = [re.escape(char) + _branch(node[char]) for char in sorted(node) if char]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
    return f"(?:{body})?" if "" in node else body


HANDLE = re.compile(r"@[\w.-]+")
#: The labels of a quoted mail's header: "> Van: …", "De : …", "From: …".
MAIL_HEADER_LABEL = re.compile(
    r"(?im)^[>\s]*(?:van|aan|cc|bcc|from|to|de|[àa]|objet|onderwerp|subject|betreft|sent"
    r"|verzonden|envoy[ée])(?=\s?:)"
)
#: A word with a capital inside (DigiSprong, KortrijkWerkt) is a brand or a project, unless
#: the capital follows a name's particle (McDonald, DeSmet, VanDamme, O'Brien).
INNER_CAPITAL = re.compile(
    r"(?=[A-Z])\b(?!(?:Mc|Mac|De|Van|Le|La|Di|Da|Du|El)[A-Z])[A-Z][a-z]+[A-Z]\w*"
)


#: A family's name in a firm's: "Mertens & Zonen", "Dupont et Fils", "Janssens bvba".
#: Looked for only where a firm's word stands: the look-ahead lets most positions fail at once.
_FIRM_WORD = re.compile(
    r"(?=[ZCFSBDPLGVNbncsv])\b(?:Zonen|Zoon|Zn|Co|Cie|Fils|Fr[èe]res|Sons|Brothers|Dochters"
    r"|Filles|Partners|bvba|BVBA|[bB][vV]|[nN][vV]|CVBA|cvba|SA|SRL|srl|SPRL|sprl|Ltd|GmbH|VOF|vof"
    r"|CommV)\b"
)
FIRM = re.compile(
    r"(?:[A-Z][\w'’-]+\s+)?[A-Z][\w'’-]+(?:\s*(?:&|\ben\b|\bet\b|\band\b)\s*(?:Zonen|Zoon|Zn|Co"
    r"|Cie|Fils|Fr[èe]res|Sons|Brothers|Dochters|Filles|Partners)\b|\s+(?:bvba|BVBA|[bB][vV]|NV|nv"
    r"|CVBA|cvba|SA|SRL|srl|SPRL|sprl|Ltd|GmbH|VOF|vof|CommV)\b)"
    # a single capitalised word joined to the firm is a firm beside it: "Mertens & Zonen
    # (metaal) en Vandewiele bieden …"; a first name and surname there stay a person's
    r"(?:\s*\([^()\n]{0,40}\))?(?:\s+(?:en|and|et)\s+[A-Z][\w'’-]+(?![\w'’-]|\s+[A-Z]))?"
)
#: Firms listed as examples: "werkgevers zoals Barco, Picanol en Vandemoortele".
_FIRMS_LISTED = re.compile(
    r"(?i:werkgevers|bedrijven|firma's|ondernemingen|winkels|supermarkten|ketens|employers"
    r"|companies|firms|shops|stores|supermarkets|entreprises|employeurs|magasins|soci[ée]t[ée]s)"
    r"\s+(?i:zoals|als|such\s+as|like|comme|tel(?:le)?s\s+que)\s+"
    r"[A-Z][\w&'’-]*(?:\s*(?:,|\ben\b|\band\b|\bet\b|\bof\b|\bor\b|\bou\b)\s*[A-Z][\w&'’-]*)*"
)
_FIRMS_LISTED_HINTS = ("zoals", "such as", "like", "comme", " que ")
_NAMING = (
    r"(?=[nhgsac])\b(?:namen|naam|heten|heet|noemen|genoemd|noms?|s['’]appellent|appel[ée]e?s|names?"
    r"|called|named)\b"
)
_GROUPS = (
    r"\b(?:(?:leef)?groep(?:en)?|klas(?:sen)?|afdeling(?:en)?|ploeg(?:en)?|teams?|groupes?"
    r"|classes?|[ée]quipes?|groups?|units?|wards?|paviljoen(?:s)?|zal(?:en)?|zaal|lokal(?:en)?"
    r"|rooms?|salles?)\b"
)
_NAMING_WORD = re.compile(rf"(?i){_NAMING}")
#: A sentence that names groups, rooms or classes: "De Vos en De Beer zijn de namen van de
#: leefgroepen", "les groupes s'appellent Les Lions et Les Tigres", "the wards are called …".
_GROUP_WORD = re.compile(rf"(?i){_GROUPS}")
_SENTENCE = re.compile(r"[^.!?\n]+")
_ARTICLE_AND_WORD = re.compile(r"\b(?:De|Het|Le|La|Les|The)\s+[A-ZÀ-Ý][a-zà-ÿ]+")


def _groups_named(text: str) -> list[tuple[int, int]]:
    spans = []
    if not _NAMING_WORD.search(text):
        return spans
    for sentence in _SENTENCE.finditer(text):
        if not (_NAMING_WORD.search(sentence.group()) and _GROUP_WORD.search(sentence.group())):
            continue
        words = {fold(w) for w in re.findall(r"[^\W\d_]+", sentence.group())}
        if words & (ctx.FORMAL_TITLES | ctx.KIN_TITLES):
            continue  # "Mevrouw De Wolf werkt in groep 3": a person is named there
        for name in _ARTICLE_AND_WORD.finditer(sentence.group()):
            word = name.group().split()[-1]
            if lexicon().common.zipf(fold(word)) >= 3.0:  # an animal, a plant: no rare surname
                spans.append((sentence.start() + name.start(), sentence.start() + name.end()))
    return spans


def no_names_here(text: str, organisations: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where no person's name is: organisations, handles, streets, file names, stock names."""
    patterns = (
        _organisation_pattern(organisations),
        HANDLE,
        FRENCH_STREET_NAME,
        MAIL_HEADER_LABEL,
        INNER_CAPITAL,
    )
    spans = [m.span() for pattern in patterns for m in pattern.finditer(text)]
    if _FIRM_WORD.search(text):
        spans += [m.span() for m in FIRM.finditer(text)]
    lowered = text.lower()
    if any(hint in lowered for hint in _FIRMS_LISTED_HINTS):
        spans += [m.span() for m in _FIRMS_LISTED.finditer(text)]
    spans += _groups_named(text) + vehicles(text)
    return spans + file_names(text) + signs.stock_names(text)


def words_of(tokens, first, last) -> tuple[str, ...]:
    return tuple(t.fold for t in tokens[first : last + 1] if t.fold not in ctx.ARTICLES)


def things_named(tokens) -> set[tuple[str, ...]]:
    """The capitalised words right after a place or group word ("basisschool De Klimop",
    "Stichting Lodewijk De Raet"): wherever they stand again, they name the same thing."""
    things = set()
    for k, token in enumerate(tokens[:-1]):
        if not (token.cap or tokens[k + 1].fold in ctx.ARTICLES):
            continue  # "de klas Yasmine en Tom": the children of the class
        if not signs.a_place_or_trade(token):
            continue
        j = k + 1
        while j < len(tokens) and tokens[j].cap and tokens[j].joined and not tokens[j - 1].dotted:
            j += 1
        if j > k + 1:
            things.add(words_of(tokens, k + 1, j - 1))
    return things
