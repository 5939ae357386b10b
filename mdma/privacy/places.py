"""Street addresses: a street and its house number, recognised by the street word or by what surrounds it."""

import re

from mdma.privacy.births import MONTHS as _MONTHS
from mdma.privacy.findings import Finding, Kind
from mdma.privacy.lexicon import fold, lexicon

_STREET_SUFFIX = (
    r"straat|str\.|laan|steenweg|stwg\.?|plein|dreef|weg|lei|kaai|baan|markt|pad|dijk|singel"
    r"|gracht|vest|wal|hof|park|ring|veld|hoek|akker|kouter|meers|beek|dam|poort|werf|wegel"
    r"|berg|dries|heide|bos|straatje|steeg|gang|kade|square|plaats|erf|hove|boulevard"
    r"|vesten|hoven|velden|lanen|dreven|meersen|akkers|wegen|wijk"
)
_UNITS = (
    r"jaar|jaren|maand|maanden|weken|week|dagen|dag|uur|kinderen|kind|euro|eur|km|keer|min"
    r"|minuten|procent|ans|mois|jours|enfants|years|months|weeks|days|children|%|€"
    r"|halve|hele|per|keer|x|fois|times|personnes|personen|people"
)
# "19u", "14h30", "6:45" are times of day.
_HOUSE = (
    rf"\d{{1,4}}(?!\s?[uhUH](?:\d|\b))(?:\s?[a-zA-Z](?![a-zA-Z]))?(?:\s?[-/]\s?\d{{1,4}})?"
    rf"(?!\s*(?:{_UNITS})\b)(?!\d|[,.:]\d)"
)
_BOX = r"(?:\s*,?\s*(?:bus|bte|boîte|boite|box|b\.|/b)\s*\d{1,4}[a-zA-Z]?)?"
# Belgian postcodes have four digits, French ones five (59200 Tourcoing); notes typed in lower
# case write the town so too (8530 harelbeke): kept only when it is a known place.
_TOWN = r"(?:\s*,?\s*\d{4,5}\s+(?:[A-ZÀ-Ý][\w'’-]+(?:[ -][A-ZÀ-Ý][\w'’-]+)?|[a-zà-ÿ][\w'’-]+))?"
_WORD = r"[A-Za-zÀ-ÿ'’-]"
# Capitalised words may precede the street word (Grote Markt, Oude Vesten, Sint-Jansstraat).
DUTCH_STREET = re.compile(
    rf"(?<![\w])(?:[A-ZÀ-Ý]{_WORD}*[ -]){{0,2}}{_WORD}*(?i:{_STREET_SUFFIX})"
    rf"(?:\s*,?\s*(?i:nr\.?|nummer|n°)?\s*){_HOUSE}(?i:{_BOX}){_TOWN}"
)
#: English order, the number first: "they live at 14 Grote Markt", "moved to 7 Kapelstraat".
NUMBER_FIRST_STREET = re.compile(
    r"(?i:(?=[aotiAOTI])\b(?:at|on|to|in|of|address:?|adres:?)\s+)"
    rf"(?P<street>\d{{1,3}}[a-zA-Z]?,?\s+(?:[A-ZÀ-Ý]{_WORD}*[ -]){{0,2}}"
    rf"{_WORD}*(?i:{_STREET_SUFFIX}|street|road|lane|drive|close|crescent|terrace)\b)"
    r"(?!\s*,?\s*\d)"
)
#: A street word right before a number: the cheap test (at the few places a number starts)
#: before the costly DUTCH_STREET, which tries its street words at every letter.
_NUMBER_START = re.compile(r"(?<!\d)\d")
_SUFFIXES = (*_STREET_SUFFIX.replace("\\.?", "").replace("\\.", ".").split("|"), "stwg.")
_NUMBER_WORDS = ("nr.", "nr", "nummer", "n°")


def _street_before_a_number(text: str) -> bool:
    lowered = text.lower()
    for match in _NUMBER_START.finditer(lowered):
        before = lowered[max(0, match.start() - 16) : match.start()].rstrip()
        for word in _NUMBER_WORDS:
            if before.endswith(word):
                before = before[: -len(word)]
                break
        if before.rstrip(" \t\n,").endswith(_SUFFIXES):
            return True
    return False


_FRENCH_STOP = (
    r"(?:depuis|et|avec|en|au|aux|pour|mais|il|elle|ils|elles|on|sans|chez|dans|sur|est|a|vers"
    r"|pendant|entre|le|la|les|de|du|des|qui|que|ou|o[uù]|jusqu'|a[uù]|à|n°|nr|num[ée]ro)"
)
FRENCH_STREET = re.compile(
    r"(?i)(?=[\drabcpqdisfvegl])(?<![\w])(?:(?P<lead>\d{1,4}[a-z]?),?\s+)?"
    r"(?:rue|avenue|av\.|chauss[ée]e|boulevard|bd|place|chemin|quai|all[ée]e|impasse|clos"
    r"|dr[èe]ve|sentier|square|cour|rempart|faubourg|route|ruelle|venelle|voie|passage"
    r"|esplanade|promenade|parvis)\s+"
    r"(?:(?:de\s+la|de\s+l'|du|des|de|d'|la|le|les|l')\s*)?"
    rf"(?-i:[A-ZÀ-Ý]{_WORD}*(?:[ -](?:de\s+|du\s+|des\s+|la\s+)?[A-ZÀ-Ý]{_WORD}*){{0,3}}"
    # Notes typed in lower case: "rue de la gare 12", only when the number follows.
    rf"|(?!{_FRENCH_STOP}\b)[a-zà-ÿ]{_WORD}*(?:[ -](?!{_FRENCH_STOP}\b)[a-zà-ÿ]{_WORD}*)?"
    r"(?=\s*,?\s*\d))"
    # "Rue du Midi n°12"; after a leading number, "…, 7700 Mouscron" is the postcode.
    rf"(?P<number>\s*,?\s*(?:n[°º]|nr\.?|no\.?)?\s*(?!\d{{4,5}}\s+[A-ZÀ-Ý])(?-i:{_HOUSE}))?"
    rf"{_BOX}(?-i:{_TOWN})"
)
#: A French street named without a number: a place; the name detector leaves it alone.
FRENCH_STREET_NAME = re.compile(
    r"(?<![\w])(?:rue|avenue|chauss[ée]e|boulevard|place|quai|all[ée]e|square)\s+"
    r"(?:(?:de\s+la|de\s+l'|du|des|de|d')\s*)?"
    rf"[A-ZÀ-Ý]{_WORD}*(?:\s+(?:de\s+|du\s+|des\s+|la\s+|le\s+)?[A-ZÀ-Ý]{_WORD}*){{0,3}}"
)


_NAME_WORD = r"[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý]?[a-zà-ÿ'’]+)*"
_POSTCODE_TOWN = r"\s*,?\s*[1-9]\d{3}\s+[A-ZÀ-Ý][\w'’-]+(?:[ -][A-ZÀ-Ý][\w'’-]+)?"
#: Many Flemish streets are a name only (Groeninghe, Hoog Kortrijk): an address when a house
#: number follows after a word of living there, or a postcode and town follow the number.
_STREET_ONLY = (
    rf"(?P<street>(?:['’]t )?{_NAME_WORD}(?:[ -](?:de |den |het |ter |ten )?{_NAME_WORD}){{0,2}})"
)
BARE_STREET_WITH_TOWN = re.compile(
    rf"(?=[A-ZÀ-Ý'’])(?<![\w])(?:{_STREET_ONLY})\s+(?i:nr\.?\s*)?{_HOUSE}(?i:{_BOX}){_POSTCODE_TOWN}"
)
BARE_STREET_WHERE_LIVING = re.compile(
    r"(?i:(?=[wvadihlmrb])\b(?:woont|wonen|woonde|woonden|verblijft|verblijven|verbleef|verhuisd|verhuist"
    r"|verhuisde|verhuizen|adres|domicilieadres|domicilie|ingeschreven|habite|habitent"
    r"|domicili[ée]e?|adresse|lives|living|address|resides|moved|resident|residents|bewoner"
    r"|bewoners|habitante?s?)\b[:,]?"
    r"(?:\s+(?:nu|sinds\s+\w+|nog|al|toen|now|still|maintenant|is|was|est))?"
    r"(?:\s+(?:in|op|aan|naar|te|[àa]|at|on|to|sur|of|van|de))?(?:\s+(?:de|het|den|la|le|the))?)\s+"
    rf"{_STREET_ONLY}\s+(?i:nr\.?\s*)?{_HOUSE}(?i:{_BOX})(?:{_POSTCODE_TOWN})?"
)

#: A box number after the house number says "address" on its own: "Walle 112 bus 3".
BARE_STREET_WITH_BOX = re.compile(
    rf"(?=[A-ZÀ-Ý'’])(?<![\w'’])(?:{_STREET_ONLY})\s+(?i:nr\.?\s*)?{_HOUSE}"
    r"\s*,?\s*(?i:bus|bte|boîte|boite)\s*\d{1,4}[a-zA-Z]?"
    rf"(?:{_POSTCODE_TOWN})?"
)
#: Where someone goes or is: "langs op Hoog Kortrijk 5", "het huis op Overleie 12". Weaker
#: evidence, so the street must look like one (rare words, or a place in a longer name) and
#: no count may follow the number ("in Kortrijk 5 gezinnen").
BARE_STREET_AFTER_PLACE_WORD = re.compile(
    r"(?i:(?=[oalsivbnèàtcOALSIVBNÀTC])\b(?:op|aan|langs|at|on|au|sur|in|van|bij|naar|of|near|à"
    r"|chez|to)\s+(?:de\s+|het\s+|the\s+)?)"
    rf"{_STREET_ONLY}\s+{_HOUSE}(?=\s*(?:[.,;:)!?]|$|\n|(?P<next>[a-zà-ÿ]+)))"
)
#: Anywhere else inside a sentence ("buurtconflict Overleie 47", "Mukendi – Hoog Kortrijk
#: 33"): after a lower-case word or a dash, and only a street no person is named like.
BARE_STREET_INSIDE_A_SENTENCE = re.compile(
    rf"(?=[A-ZÀ-Ý])(?:(?<=[a-zà-ÿ] )|(?<=[–-] )|(?<=\()){_STREET_ONLY}\s+{_HOUSE}"
    r"(?=\s*(?:[.,;:)!?]|$|\n|(?P<next>[a-zà-ÿ]+)))"
)
_BOX_WORDS = ("bus", "bte", "boîte", "boite")
#: Words after a number that count it: "5 gezinnen", "3 sessies".
_COUNTED = re.compile(r"(?:en|s|'s|x|jes|ers)$")

# Words that end like a street but are not one (a gang = a corridor; "weg" = away).
_NOT_STREETS = {"weg", "bos", "hof", "gang", "berg", "park", "markt", "plein", "ring", "dam"}


#: Words after a house number that end like a count but are not: "op Walle 45 wonen ze".
_NOT_COUNTS = {
    "en",
    "wonen",
    "hebben",
    "komen",
    "gaan",
    "zitten",
    "staan",
    "leven",
    "is",
    "was",
    "has",
    "heeft",
}


_NEXT_WORD = re.compile(r"\s+([a-zà-ÿ]+)")


#: What a number before them counts: households, people, homes.
_COUNTED_THINGS = {
    "gezinnen", "families", "familles", "huishoudens", "households", "menages", "kinderen",
    "jongeren", "personen", "mensen", "bewoners", "personnes", "people", "residents", "woningen",
    "huizen", "appartementen", "flats", "logements", "homes", "units", "dossiers", "cases",
}  # fmt: skip


def _counts(text: str, end: int) -> bool:
    after = _NEXT_WORD.match(text, end)
    return bool(after and fold(after[1]) in _COUNTED_THINGS)


def _looks_like_a_street(street: str) -> bool:
    """Rare words (Overleie, Walle), or a place inside a longer name (Hoog Kortrijk); not a
    town alone, not an everyday word (Fase, Pagina, Lokaal)."""
    lex = lexicon()
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", street) if fold(w) not in _LEADS]
    if not words:
        return False
    if len(words) == 1:
        # a town alone is no street; a district as rare as a street's name may be one (Overleie)
        return lex.common.zipf(words[0]) < (2.0 if words[0] in lex.places else 3.5)
    return any(w in lex.places or lex.common.zipf(w) < 3.5 for w in words)


def _named_like_no_person(street: str) -> bool:
    lex = lexicon()
    if street[0].isupper() and street.split()[0].lower() in _LEADS:
        return False  # "De Klimop 3": a sentence's first word may stand before
    words = [fold(w) for w in re.findall(r"[^\W\d_]+", street) if fold(w) not in _LEADS]
    return _looks_like_a_street(street) and not any(lex.is_name(w) for w in words)


_LEADS = {"t", "de", "den", "het", "ter", "ten"}


_MONTH_AFTER = re.compile(rf"(?i)\s*(?:{_MONTHS})\b")
_ENDS_ON_A_DAY_AND_MONTH = re.compile(r"\s(?:[12]\d|3[01]|0?[1-9])/(?:1[0-2]|0?[1-9])$")


def street_addresses(text: str):
    dutch = DUTCH_STREET.finditer(text) if _street_before_a_number(text) else ()
    for match in dutch:
        street = re.match(rf"(?:{_WORD}|[ -])+", match.group()).group().strip().lower()
        if street in _NOT_STREETS or fold(street) in lexicon().first_names:
            continue  # "weg 3", "park 2": a word, not a street; "Adam": a first name
        word = re.match(rf"(?:{_WORD}|[ -])+", match.group()).group().split()[-1]
        if word.islower() and lexicon().common.zipf(fold(word)) >= 4.0:
            continue  # "vorige vergadering 2", "de woning 3": an everyday word, no street's name
        if _MONTH_AFTER.match(text, match.end()):
            continue  # "vergadering 9 april": a date
        value = _without_unknown_town(match.group().strip())
        if value[0].islower() and _ENDS_ON_A_DAY_AND_MONTH.search(value):
            continue  # "de woonwijk 15/10": a date; "Kerkstraat 12/3" stays an address
        start = match.start() + match.group().index(value)
        yield Finding(start, start + len(value), Kind.STREET_ADDRESS, value)
    if not _CAPITAL_BESIDE_A_NUMBER.search(text):
        yield from _french_streets(text)
        return  # every other shape has a capitalised street beside its number
    for match in NUMBER_FIRST_STREET.finditer(text):
        value = match.group("street")
        if value.split()[1][0].isupper():  # a street's name, not "in 4 velden"
            yield Finding(match.start("street"), match.end("street"), Kind.STREET_ADDRESS, value)
    bare_streets = [(BARE_STREET_AFTER_PLACE_WORD, _looks_like_a_street),
                    (BARE_STREET_INSIDE_A_SENTENCE, _named_like_no_person)]  # fmt: skip
    for pattern, looks_right in bare_streets:
        yield from _bare_streets(text, pattern, looks_right)
    bare = [BARE_STREET_WITH_TOWN, BARE_STREET_WHERE_LIVING]
    lowered = text.lower()
    if any(word in lowered for word in _BOX_WORDS):
        bare.append(BARE_STREET_WITH_BOX)
    for pattern in bare:
        for match in pattern.finditer(text):
            if not match.group().rstrip()[-1].isalpha() and _counts(text, match.end()):
                continue  # "de bewoners van Heule 20 gezinnen": a count, not a house
            start = match.start("street")
            value = text[start : match.end()].strip().rstrip(",")
            yield Finding(start, start + len(value), Kind.STREET_ADDRESS, value)
    yield from _french_streets(text)


def _french_streets(text: str):
    for match in FRENCH_STREET.finditer(text):
        if not (match.group("lead") or match.group("number")):
            continue  # a street without a number is a place, not an address
        value = _without_unknown_town(match.group().strip().rstrip(","))
        start = match.start() + match.group().index(value)
        yield Finding(start, start + len(value), Kind.STREET_ADDRESS, value)


#: A house without a street word: up to three digits ("Infolijn 1700", "Groeipakket 2024" are
#: a number and a year), and no day and month ("overleg Overleie 28/02").
_BARE_HOUSE = re.compile(r"\d{1,3}(?!\d)(?!\s?/\s?(?:0?[1-9]|1[0-2])$)")
#: The cheap test before the bare-street shapes: a capital word before a number or after one.
_CAPITAL_BESIDE_A_NUMBER = re.compile(r"[A-ZÀ-Ý][\w'’-]*\s+\d|\d[a-zA-Z]?,?\s+[A-ZÀ-Ý]")
_WORD_BEFORE = re.compile(r"(\S+)\s+$")


_LOWER_TOWN = re.compile(r"\s*,?\s*\d{4,5}\s+([a-zà-ÿ][\w'’-]+)$")


def _without_unknown_town(value: str) -> str:
    town = _LOWER_TOWN.search(value)
    if town and fold(town.group(1)) not in lexicon().places:
        return value[: town.start()]  # "Kerkstraat 12, 2000 euro": no town
    return value


def _bare_streets(text: str, pattern: re.Pattern, looks_right):
    for match in pattern.finditer(text):
        house = text[match.end("street") : match.end()].strip()
        if not _BARE_HOUSE.match(house) or re.search(r"\d{4}", house):
            continue
        before = _WORD_BEFORE.search(
            text, max(0, match.start("street") - 30), match.start("street")
        )
        if pattern is BARE_STREET_INSIDE_A_SENTENCE and before and before.group(1)[0].isupper():
            continue  # "Koen Ameye 1": a name's first part before, not a street
        after = match.group("next")
        if looks_right(match.group("street")) and not (
            after and _COUNTED.search(after) and after not in _NOT_COUNTS
        ):
            start = match.start("street")
            yield Finding(start, match.end(), Kind.STREET_ADDRESS, text[start : match.end()])
