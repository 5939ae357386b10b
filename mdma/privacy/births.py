"""Dates of birth: a date recognised as a birth date by the words or the name beside it."""

import re
from datetime import date

from mdma.privacy.findings import Finding, Kind

MONTHS = (
    r"jan(?:uari|vier|uary)?|feb(?:ruari|ruary)?|f[ée]vr?(?:ier)?|maart|mars|march|mar"
    r"|apr(?:il)?|avr(?:il)?|mei|mai|may|jun[ie]?|juin|june|jul[iy]?|juil(?:let)?|aug(?:ustus|ust)?"
    r"|ao[uû]t|sep(?:t(?:ember|embre)?)?|o[ck]t(?:ober|obre)?|nov(?:ember|embre)?|dec(?:ember)?"
    r"|d[ée]c(?:embre)?"
)
# A year written in two digits may carry an apostrophe: "7 oktober '21".
_YEAR = r"(?:['’]\d{2}|\d{4}|\d{2}(?![./-]\d))"
_DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th|er|e|ste|de)?\s+(?:of\s+)?(?:{MONTHS})\.?,?\s+{_YEAR}"
    rf"|(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s*[/.\-]\s*\d{{1,2}}\s*[/.\-]\s*{_YEAR}"
    # the year first, as forms and foreign papers write it: 2007-04-30, 2007/04/30, 2007.04.30
    r"|(?:19|20)\d{2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?\d{1,2}(?![\d/.-]\d))"
)
# The look-ahead on the words' first letters lets most positions fail at once.
DATE_OF_BIRTH = re.compile(
    r"(?i)(?=[zdkbfsgn°ºv])(?:(?:zoon|zoontje|dochter|dochtertje|kind|kindje|baby|broer|broertje|zus|zusje|fils"
    r"|fille|son|daughter)\w*(?:\s+[A-ZÀ-Ý][\w'-]+)?\s*\(|geboren|geb(?:\.?\s*datum|\.)|geboortedatum|geboortedag|°°?|[°º]|n[ée]e?\s+le|\bn[ée]e?(?=\s+(?:à|en)\s|\s+\d)|date\s+de\s+naissance"
    r"|born|date\s+of\s+birth|d\.o\.b\.?|dob|birthday|verjaardag"
    # the birth itself: "sinds de geboorte (18/02/2024)", "depuis sa naissance, le …"
    r"|birth\s*date|\bgeboorte|\bnaissance|\bbirth)"
    # "geboren in Ethiopië op …", "née à Kinshasa le …": the place of birth before the date
    r"(?:\s+(?:in|te|à|en|at)\s+[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+)?)?"
    r"(?:\s*(?:op|on|in|le|the|is|was|est|:|=|,|\())*\s*"
    rf"(?P<date>{_DATE})(?!\d)"
)
#: A day and month without a year right after the birth itself or its day: "geboren op 2
#: november", "née le 1er mars", "born on May 3rd", "verjaart op 14 juli". A year after it is the
#: full date's (above).
BIRTH_DAY_AND_MONTH = re.compile(
    r"(?i)(?=[gbn°vj])(?:\bgeboren|\bborn|\bn[ée]e?|°|\bverjaart|\bjarig)\s*(?:(?:op|on|le|the)\s+){0,2}"
    rf"(?P<date>\d{{1,2}}(?:st|nd|rd|th|er|e|ste|de)?\s+(?:of\s+)?(?:{MONTHS})\b"
    r"|(?:" + MONTHS + r")\s+\d{1,2}(?:st|nd|rd|th)?\b)(?!\.?,?\s*['’]?\d)"
)
#: Flemish speech for a birth: "zij is van 12 juni 1988", "ik ben van 3/4/1990" (a person
#: first, so "de brief is van 12 juni" stays a letter's date).
IS_OF_A_DATE = re.compile(
    r"(?i)(?=[hzijumv])\b(?:hij|zij|ze|ik|jij|je|u|mama|papa|moeder|vader)\s+(?:is|ben|bent)\s+van\s+"
    rf"(?P<date>{_DATE})(?!\d)"
)
#: A list of births after a plural label: "Geboortedata: Anna 14-05-2011, Tom 20-03-2013".
BIRTHS_LISTED = re.compile(
    r"(?i)(?=[gdb])\b(?:geboortedat(?:a|ums)|dates\s+de\s+naissance|dates\s+of\s+birth|birth\s*dates"
    r"|dobs)\b"
)
_LIST_END = re.compile(r"[.!?;](?:\s|$)|\n")
#: A birth date's label, a few words, then the date: "Geboortedatum jongste: …", "date of birth
#: on the passport is …", "date de naissance selon la carte : …".
LABEL_WORDS_DATE = re.compile(
    r"(?i)\b(?:geboortedatum|geb\.?\s*datum|date\s+de\s+naissance|date\s+of\s+birth|birth\s*date"
    r"|dob)\b(?P<words>[^\n.:;()]{1,40}?)(?:\s(?:is|was|est|zijn|sind)\b|:)\s*"
    rf"(?P<date>{_DATE})(?!\d)"
)

#: What is born without being a person: an idea, a project, an initiative, as the subject
#: right before the birth word (no name in between).
_BORN_THINGS = re.compile(
    r"(?i)\b(?:idee|idea|id[ée]e|project\w*|projet|plan|initiatie\w*|initiative|werking"
    r"|vzw|asbl|organisati\w*|organisation|netwerk|network|r[ée]seau|samenwerking|concept"
    r"|association|vereniging|dienst|service)\b(?P<between>[a-zà-ÿ ]{0,40})$"
)
_A_PERSON = re.compile(
    r"\b(?:meisje|jongen|kind\w*|baby|zoon|dochter|vrouw|man|moeder|vader|mama|papa|cli[eë]nt\w*"
    r"|girl|boy|child|woman|fille|gar[cç]on|enfant|femme|homme|b[ée]b[ée])\b"
)


def dates_of_birth(text: str):
    found = []
    lowered = text.lower()
    born = "geboren" in lowered or "born" in lowered or "né" in lowered or "°" in lowered
    born = born or "verjaart" in lowered or "jarig" in lowered
    patterns = (DATE_OF_BIRTH, LABEL_WORDS_DATE, BIRTH_DAY_AND_MONTH)[: 3 if born else 2]
    if " van " in lowered:
        patterns += (IS_OF_A_DATE,)
    for pattern in patterns:
        for match in pattern.finditer(text):
            thing = _BORN_THINGS.search(text[max(0, match.start() - 60) : match.start()])
            if thing and not _A_PERSON.search(thing.group("between")):
                continue  # "het idee is geboren op …", "the project was born on …"
            found.append(_finding(match))
    if (
        "geboortedat" in lowered
        or "naissance" in lowered
        or "birth" in lowered
        or "dobs" in lowered
    ):
        found += _dates_listed(text)
    found += _dates_beside_an_age(text)
    found += _other_readings(text, found)
    return found


def _finding(match: re.Match) -> Finding:
    return Finding(match.start("date"), match.end("date"), Kind.DATE_OF_BIRTH, match.group("date"))


_FULL_DATE = re.compile(rf"(?<![\d/.\-])(?P<date>{_DATE})(?!\d)")


def _dates_listed(text: str) -> list[Finding]:
    """Every date of a past year in the sentence after a plural birth label."""
    dates = []
    for label in BIRTHS_LISTED.finditer(text):
        end = _LIST_END.search(text, label.end())
        stop = end.start() if end else len(text)
        for match in _FULL_DATE.finditer(text, label.end(), stop):
            born = _year(match.group("date"))
            if born and born <= date.today().year:
                dates.append(_finding(match))
    return dates


#: An age: "wordt 6", "turned 34", "âgé de 7", "6 jaar", "34 ans", "7 years old".
_AGE = re.compile(
    r"(?i)(?=[wtaâl\d])\b(?:(?:wordt|werd|turns|turned|aged?|[âa]g[ée]e?\s+de|aura|leeftijd:?)\s+(?P<a>\d{1,2})\b"
    r"|(?P<b>\d{1,2})\s*(?:jaar|jarige?|j\.|jr\.?|ans|years?|yrs?|y/o|yo)(?!\w))"
)


#: What may stand between an age and its date of birth: "wordt 6 op 12 mei, 12.05.2018".
_ONLY_AGE_AND_DATE = re.compile(
    r"(?i)[\s,;()°:–-]*(?:(?:geboren|born|n[ée]e?)\b[\s,]*)?"
    rf"(?:(?:(?:op|on|le|the)\s+)?\d{{1,2}}\s+(?:{MONTHS})\.?)?[\s,;()°:–-]*"
)


def _dates_beside_an_age(text: str) -> list[Finding]:
    """A full date beside an age that it agrees with is a date of birth: "(wordt 6 op 12 mei,
    12.05.2018)", "Lina, 7 jaar, 03/02/2017", "34 ans (12/08/1990)". A meeting date beside an
    age does not agree with it."""
    dates = []
    for age in _AGE.finditer(text):
        years = int(age.group("a") or age.group("b"))
        start = max(0, age.start() - 40)
        for match in _FULL_DATE.finditer(text, start, min(len(text), age.end() + 40)):
            between = text[age.end() : match.start()] or text[match.end() : age.start()]
            born = _year(match.group("date"))
            if not _ONLY_AGE_AND_DATE.fullmatch(between) or not born:
                continue  # "op 12/05/2018 met 6 jaar ervaring": not one phrase
            if 0 <= date.today().year - years - born <= 3:
                dates.append(_finding(match))
    return dates


def _year(value: str) -> int | None:
    digits = re.search(r"(\d{4}|\d{2})\s*$", value)
    if not digits:
        return None
    year = int(digits.group(1))
    if year < 100:
        year += 2000 if year <= date.today().year % 100 else 1900
    return year


_MONTH_NUMBERS = (
    ("jan", 1), ("feb", 2), ("fév", 2), ("fev", 2), ("maa", 3), ("mar", 3), ("apr", 4),
    ("avr", 4), ("mei", 5), ("mai", 5), ("may", 5), ("juin", 6), ("jun", 6), ("juil", 7),
    ("jul", 7), ("aug", 8), ("aoû", 8), ("aou", 8), ("sep", 9), ("oct", 10), ("okt", 10),
    ("nov", 11), ("dec", 12), ("déc", 12),
)  # fmt: skip


def _day_and_month(value: str) -> tuple[int, int] | None:
    numbers = re.findall(r"\d+", value)
    if re.match(r"\d{4}\s?[/.\-]", value):
        return int(numbers[2]), int(numbers[1])
    word = re.search(r"[^\W\d_]{3,}", value.lower().replace("of", ""))
    if word:
        month = next((n for prefix, n in _MONTH_NUMBERS if word.group().startswith(prefix)), 0)
        return int(numbers[0]), month
    return int(numbers[0]), int(numbers[1])


def _other_readings(text: str, found: list[Finding]) -> list[Finding]:
    """Papers that disagree on the year: "born 12th of August 1996, but the card says
    12/08/1995". A later date in the same sentence on the same day and month is the same birth."""
    more = []
    for birth in found:
        sentence = re.search(r"[.!?](?:\s|$)|\n", text[birth.end : birth.end + 100])
        stop = birth.end + (sentence.start() if sentence else 100)
        same = _day_and_month(birth.text)
        for match in _FULL_DATE.finditer(text, birth.end, stop):
            if match.start() > birth.end and _day_and_month(match.group("date")) == same:
                more.append(_finding(match))
    return more


_BRACKETED_DATE = re.compile(rf"\s*\(\s*(?P<date>{_DATE})\s*[),;]")
#: "Sara, 12/05/2012, en Adam": between commas, a date of a past year.
_DATE_BETWEEN_COMMAS = re.compile(
    rf",\s*(?P<date>{_DATE})(?=[ \t]*(?:[,;)\n]|\.(?!\d)|$|en\b|et\b|and\b))"
)


def dates_beside_names(text: str, found_names) -> list[Finding]:
    """A date in brackets right after a person's name is when they were born ("Kevin Lefevere
    (03/07/2011)", "Grâce (21.11.2016)"): case notes write it so. A date still to come is not;
    between commas ("Sara, 12/05/2012, …") only a date of an earlier year is."""
    dates = []
    for name in found_names:
        match = _BRACKETED_DATE.match(text, name.end)
        latest = date.today().year
        if match is None:
            match, latest = _DATE_BETWEEN_COMMAS.match(text, name.end), latest - 1
        year = re.search(r"(\d{4}|\d{2})\s*$", match.group("date")) if match else None
        if year and (len(year.group(1)) == 2 or int(year.group(1)) <= latest):
            dates.append(
                Finding(match.start("date"), match.end("date"), Kind.DATE_OF_BIRTH,
                        match.group("date"))
            )  # fmt: skip
    return dates
