"""Case-file numbers: a file, client or reference number that points to one person or family.

Found two ways: after a word that labels such a number (dossier, klantnummer, réf., a compound
like pleegzorgdossier or lidnr.), or without a label, in the shapes services number their files
(2024/0315/OCMW, CAW/ZWV/23/0419, JR 23/187, 112-0845731-27). Numbers of an organisation's own
documents (an invoice, an order, an export, an audit log) are left alone.
"""

import re
from functools import cache

from mdma.privacy.findings import Finding, Kind
from mdma.privacy.lexicon import DATA

_LABEL = (
    r"dossier(?:nummer|nr)?|dossiernr|n°\s*de\s*dossier|num[ée]ro\s+de\s+dossier"
    r"|(?:ons|uw|our|your|notre|votre)\s+(?:kenmerk|ref|r[ée]f|reference|r[ée]f[ée]rence)"
    r"|kenmerk|referte|pv(?:-?nummer|-?nr)?|proces-verbaal|rolnummer|a\.?r\.?|notitienummer"
    r"|zaak(?:nummer|nr)?|casenummer|volgnummer|sp-?nummer|ov-?nummer|dvz-?(?:nummer|referentie)?"
    r"|cgvs-?(?:nummer|referentie)?|inschrijvingsnummer|verzekeringsnummer|ziekenfondsnummer"
    r"|mutualiteitsnummer|aanvraag(?:nummer|nr)?|leefloondossier|ocmw-?dossier|file\s+ref"
    r"|klant(?:en)?(?:nummer|nr)|cli[eë]nt(?:nummer|nr)|referentie(?:nummer)?|r[ée]f[ée]rence"
    r"|ref|r[ée]f|case(?:\s+number)?(?!\s*-?manag)|file(?:\s+number)?|client\s+number|numéro\s+client"
    r"|n°\s*client|pati[eë]nt(?:en)?nummer|lid(?:maat)?(?:nummer|nr)|aansluitingsnummer"
    r"|contractnummer|num[ée]ro\s+(?:de\s+|d['’])?(?:membre|patient|contrat|mutuelle|mutualit[ée]"
    r"|registre|demande|affiliation|organisme|allocataire|b[ée]n[ée]ficiaire|assur[ée])"
    r"|n°\s*(?:de\s+|d['’])?(?:mutuelle|mutualit[ée]|membre|affiliation|organisme|allocataire)"
    # "Patiënt nr AZG 7713084", "patiënt P-24-118732": the word alone only right before a code.
    r"|pati[eë]nt(?=\s*(?:nr|n°|nummer|[:#]|\s(?-i:[A-Z]{0,4})-?\d))"
    r"|member\s+number|(?:health\s+)?insurance\s+(?:number|no)|(?:hospital\s+)?patient\s+(?:number|no|id)|membership\s+number"
    r"|office\s+des\s+[ée]trangers|vreemdelingenzaken|immigration\s+office"
    r"|(?:num[ée]ro|n°)\s*d['’]inscription|identifiant(?:\s+client)?|matricule"
    # a number word right before a service's code: "numéro OE 9.341.207", "nummer SP 1234567"
    r"|(?:num[ée]ro|nummer|number)(?=\s+(?-i:[A-Z]{2,5})\s?\d)"
    r"|claim\s+(?:number|no)|application\s+(?:number|no)"
    # A service's word for the person, then a number word: customer reference, payer number.
    r"|(?:customer|account|client|member|policy|payer|debtor|tenant|roll|case|file|claim"
    r"|reference|patient|student|pupil|benefit)\s+(?:number|no|ref|reference|id)"
    r"|rol(?:nr)?|roll|aangifte|plainte|(?:police|missing\s+person|crime)\s+report"
    r"|n°\s*(?:de\s+)?(?:client|rôle|role|référence|reference|pv|plainte)"
    r"|num[ée]ro\s+(?:de\s+)?(?:client|rôle|role|référence|reference|pv|plainte)"
    r"|(?:uw|ons|jullie)\s+referentie|referentie|betalingsreferentie"
    # A person's word before a number word: "kandidaat-huurder nr.", "numéro de locataire".
    r"|(?:kandida(?:at|te)-?)?(?:huurder|klant|lid|leerling|aanvrager|huurcontract)\s*(?=n)"
    r"|num[ée]ro\s+(?:de\s+|d['’])(?:candidat-?)?(?:locataire|allocataire|[ée]l[èe]ve)"
    r"|(?:num[ée]ro|n°)\s+(?:sur\s+la\s+)?liste\s+d['’]attente"
)
#: The number: letters and digits with separators, or digit groups with single spaces
#: (4012 8813 72), or a short service code before it (OE 9.341.207, JR 23/187).
_NUMBER = (
    r"(?P<number>(?:(?-i:[A-Z]{1,6})\s(?=\d))?"
    # digit groups: "4012 8813 72", a mutuality's "117 4452891 08" or "302 - 8815227 - 12"
    r"(?:\d{2,4}(?:(?:\s?[-/]\s?|\s)\d{2,8}){2,3}(?![\w/-]|[.,]\d)"
    # a year and a number with spaces around the slash or dash: "2024 / 07731", "2024 - 0731"
    r"|(?:19|20)\d{2}\s[/-]\s\d{3,7}(?![\w/-]|[.,]\d)"
    # capitals of any Latin alphabet: a Turkish insurer's "ÖZT-230915-04"
    r"|(?=[A-ZÀ-ÖØ-ÞĀ-ž0-9/._-]*\d)[A-ZÀ-ÖØ-ÞĀ-ž0-9][A-ZÀ-ÖØ-ÞĀ-ž0-9/._-]*[A-Z0-9]))(?![\w])"
)
# A few words may name the service in between: "Klantnummer bij Luminus: 5523817".
_THEN_NUMBER = (
    rf"(?:\s+(?![\d])[\w'’°-]+){{0,4}}?(?:\s+(?:n[°º]|nr)\.?)?\s*[:.]?\s*\(?(?<![\w-]){_NUMBER}"
)
# The look-ahead on the labels' first letters lets most positions fail at once.
LABELLED = re.compile(
    rf"(?i)\b(?=[acdfhiklmnoprsuvyz])(?:{_LABEL})\.?(?:\s*(?:nr\.?|n[°o]\.?|number|#))?"
    rf"{_THEN_NUMBER}"
)
#: Any compound of dossier / nummer / nr: pleegzorgdossier, polisnummer, BJB-nummer, lidnr.
#: Found from its ending (str.find is cheap), its first part read back from there.
COMPOUND_LABELLED = re.compile(rf"(?i)-?(?:dossier|nummer|nr)\b\.?{_THEN_NUMBER}")
_COMPOUND_ENDINGS = ("dossier", "nummer", "nr")
_FIRST_PART = re.compile(r"[\w-]+$")
#: Compounds whose number is a document's, an organisation's or a thing's, not a person's file.
NOT_A_FILE = {
    "factuur", "order", "bestel", "bestelbon", "btw", "kbo", "ondernemings", "vestigings",
    "erkennings", "vergunnings", "rsz", "telefoon", "gsm", "fax", "huis", "bus", "postbus",
    "artikel", "rekening", "bankrekening", "iban", "nota", "ticket", "versie", "ean", "meter",
    "kamer", "lokaal", "zaal", "pagina", "project", "subsidie", "export", "staatsblad", "numac",
    "serie", "chassis", "rijksregister", "insz", "bis", "product", "offerte", "bon",
    "inventaris", "lot", "batch", "route", "lijn", "perron", "spoor", "vlucht", "trein",
    "kenteken", "nummerplaat", "plaat", "code", "pin", "agendapunt", "punt", "stuk", "besluit",
    "decreet", "wets", "tafel", "stand", "sessie", "module", "les", "week", "jaar", "release",
    "build", "bestand", "document", "brief", "verslag", "rapport", "audit", "log", "klachten",
    "aanbestedings", "meldings", "bestek", "opdracht", "overheidsopdracht", "cursus", "groeps", "team",
    "zendings", "verzendings", "zending", "pakket", "pakje", "colli", "track", "tracking",
    "leverings", "barcode", "streepjescode", "contact", "nood", "mobiel", "tel", "whatsapp",
    "oproep", "wacht", "hulp", "info", "gratis", "transactie", "verrichtings", "archief",
    "overschrijvings", "betaal",
}  # fmt: skip
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_YEAR_PART = r"(?:19|20)?\d{2}"
#: The shapes services give a file without a word before it: 2024/03318, 2024/0315/OCMW,
#: OCMW-2024-1187, CAW/ZWV/23/0419, 2023-BZ-118, 23/1187/JH, JR 23/187, AZG-4471093,
#: mutualities' membership numbers (112-0845731-27) and police reports (GE.21.L4.004512/2024).
SHAPE = re.compile(
    r"(?<![\w/.-])(?:(?:19|20)\d{2}/\d{3,7}(?:/[A-Z]{1,6}\d{0,3})?"
    rf"|[A-Z]{{2,6}}(?:[-/][A-Z]{{2,6}}){{0,2}}[-/]{_YEAR_PART}[-/]\d{{2,7}}"
    rf"|{_YEAR_PART}[-/][A-Z]{{1,6}}[-/]\d{{2,7}}"
    r"|[A-Z]{1,3} \d{2}[/-]\d{3,6}"
    r"|[A-Z]{2,5}-\d{6,9}"
    r"|\d{3}(?:\s?-\s?|\s)\d{6,7}(?:\s?-\s?|\s)\d{2}"
    r"|\d{2}/\d{3,7}/[A-Z]{1,6}"
    # the police's report numbers: zone, zone number, section, number, year (BR.12.L3.012345/2023)
    r"|[A-Z]{2}(?P<police>[.\s])\d{2}(?P=police)[A-Z][A-Z0-9](?P=police)\d{5,6}/(?:19|20)?\d{2})(?![\w/-]|[.,]\d)"
)
#: Letters that start the code of a document, a standard or a tax, not of a person's file.
NOT_A_FILE_CODE = {
    "BTW", "TVA", "VAT", "KBO", "BCE", "EAN", "ISO", "NBN", "DIN", "EN", "EU", "CE", "KB", "MB",
    "AR", "BS", "MO", "ART", "ESF", "EFRO", "FEDER", "FSE", "AMIF", "ERDF", "NACE", "NOTE",
    "NOTA", "FACT", "FAC", "INV", "ORD", "PO", "EXP", "AUD", "LOG", "PRJ", "PROJ", "TICK",
    "BON", "OFF", "DOC", "VERS", "REL", "RFC", "HELP", "INC", "REQ", "CBS", "GR", "RMW", "VB",
    "AGP", "SUB",
}  # fmt: skip
#: Codes between a number's parts that make it a document's: a subsidy, an invoice, an order
#: (2025/SUB/04, 2024-FACT-118). Fewer than above: "2024/EXP/0193" may be an eviction's file.
INNER_DOCUMENT_CODE = {
    "SUB", "SUBS", "FACT", "FAC", "INV", "NOTE", "NOTA", "ORD", "PO", "PRJ", "PROJ", "TICK",
    "OFF", "DOC", "BON", "REQ", "HELP", "ESF", "EFRO", "FSE", "AMIF", "ERDF", "FEDER",
}  # fmt: skip
#: Codes that stay a tax's, an enterprise's or a standard's even after a file label.
NEVER_A_FILE_CODE = {"BTW", "TVA", "VAT", "KBO", "BCE", "EAN", "ISO", "NBN", "DIN", "NACE", "BE"}
#: Words of documents and things, not of a person's file: a law, an invoice, an order, an export.
DOCUMENT_WORD = (
    r"(?i)\b(?:factu\w*|invoice\w*|artikel|art|wet|decreet|besluit|kb|mb|bs|ministerieel"
    r"|bestel\w*|bon|order\w*|ticket\w*|helpdesk|export\w*|statisti\w*|versie|version|staatsblad"
    r"|numac|omzendbrief|circulaire|nota|nota's|notanummers?|note|rapport|verslag|jaarverslag"
    r"|schooljaar|begroting|budget|project\w*|subsidie\w*|audit\w*|log-id|logboek|offerte\w*"
    r"|verordening|richtlijn|regulation|directive|r[eè]glement|eu|ue|eg|ce|avg|gdpr|rgpd"
    r"|zending\w*|verzend\w*|pakket\w*|parcel\w*|shipment\w*|tracking|colis|envoi"
    r"|(?:num[ée]ro|n°)\s*de\s+suivi|archie[fv]\w*|archives?|transacti\w*|transaction\w*"
    r"|programma|programme|call|oproep|agenda|agendapunt|notulen|vergadering"
    r"|meeting|r[ée]union|document\w*|minutes|beleidsplan\w*"
    r"|sessie|session|webinar\w*|vorming\w*|formation|training\w*|workshop\w*|studiedag"
    # gifts to an organisation: a donation's reference is the giver's receipt, no file
    r"|schenking\w*|gift\w*|dons?|donati\w*|donation\w*|sponsor\w*|legaat|legs|mecenaat|m[ée]c[ée]nat)\b"
)
DOCUMENT_BEFORE = re.compile(DOCUMENT_WORD + r"[^\n]{0,20}$")
#: A reference "for an invoice" names the document, not a person's file.
DOCUMENT_AFTER = re.compile(
    r"(?i)\s*\)?,?\s*(?:voor|van|bij|pour|de|for|of|on)\s+(?:een|de|het|la|le|une|an|the|uw|your"
    r"|votre)?\s*" + DOCUMENT_WORD.removeprefix("(?i)")
)
DOCUMENT_INSIDE = re.compile(DOCUMENT_WORD)
#: Where documents are kept, or a document itself, right before a reference label.
KEPT_DOCUMENT_BEFORE = re.compile(
    r"(?i)\b(?:archie[fv]\w*|archives?|documents?|minutes|notulen|beleidsplan\w*|nota)\b"
    r"[^\n]{0,30}$"
)
#: The bodies, meetings and calls of an organisation: a reference in the same clause is theirs,
#: no person's file ("dossier 2025/0032 van de gemeenteraad", "de werkgroep kreeg referentie").
#: Not subsidies or premiums: a person's file is about them too.
ORGANISATION_BODY = (
    r"(?i)\b(?:gemeenteraad|ocmw-raad|stuurgroep\w*|werkgroep\w*|raad\s+van\s+bestuur|schepencollege"
    r"|college\s+van\s+burgemeester|projectoproep\w*|uitnodiging\w*|begroting\w*"
    r"|conseil\s+communal|coll[èe]ge\s+communal|comit[ée]\s+de\s+pilotage|groupe\s+de\s+travail"
    r"|steering\s+group|working\s+group|board\s+meeting)\b"
)
BODY_BEFORE = re.compile(ORGANISATION_BODY + r"[^\n.;,:]{0,25}$")
#: Right after the number, its owner: "van de gemeenteraad", "(uitnodiging stuurgroep)".
BODY_AFTER = re.compile(
    r"(?i)\s*[(,–-]?\s*(?:(?:van|voor|du|de|of|for)\s+(?:de|het|la|le|the)?\s*)?(?:\w+\s+)?"
    + ORGANISATION_BODY.removeprefix("(?i)")
)
#: A file's name (export_2025_03.csv) is no person's file number.
FILE_EXTENSION = r"\.(?i:csv|pdf|xlsx?|docx?|txt|zip|jpe?g|png|json|xml|od[ts]|pptx?)"
FILE_NAME = re.compile(rf"_|{FILE_EXTENSION}$")
_EXTENSION_IN_TEXT = re.compile(rf"{FILE_EXTENSION}(?!\w)")
_FILE_NAME_START = re.compile(r"[\w.-]+$")


def file_names(text: str) -> list[tuple[int, int]]:
    """Where a file's name stands (export_2025_03.csv): no person's name or file number is in
    it. Found from its extension, read back to its start: cheaper than a pattern at every word."""
    spans = []
    for match in _EXTENSION_IN_TEXT.finditer(text):
        start = _FILE_NAME_START.search(text, max(0, match.start() - 80), match.start())
        if start:
            spans.append((start.start(), match.end()))
    return spans


#: A note for a person's file ("Nota voor het dossier:", "note au dossier") is about the person.
_A_PERSONS_FILE = re.compile(r"(?i)\b(?:dossier|file|cli[eë]nt\w*|gezin|famil\w*)\b")
#: Public judgments of the European courts (C-123/21, T-45/19), dates (11/3) and articles of a law
#: ("aanvraag 9bis": the regularisation under article 9bis) are no files.
_NOT_A_FILE_NUMBER = re.compile(
    r"[CT]-\d{1,4}/\d{2}|\d{1,2}[/.]\d{1,2}|(?i:\d{1,4}(?:bis|ter|quater|quinquies))"
)


def _document_before(pattern: re.Pattern, text: str, start: int, reach: int) -> bool:
    found = pattern.search(text, max(0, start - reach), start)
    return bool(found) and not _A_PERSONS_FILE.search(found.group())


def refers_to_a_document(text: str, start: int) -> bool:
    return _document_before(DOCUMENT_BEFORE, text, start, 40)


def labels_the_number_at(text: str, start: int) -> bool:
    """Whether a file-number label stands right before `start`: "Klantnr. uitbetaler 0061…"
    is a client number, even when it could be dialled."""
    offset = max(0, start - 60)
    window = text[offset : start + 40]
    return any(f.start + offset == start for f in _labelled_numbers(window))


@cache
def _organisation_codes() -> frozenset[str]:
    """The directory's acronyms (OCMW, VDAB, RVA): a service named before its number."""
    lines = (DATA / "organisations.txt").read_text(encoding="utf-8").split()
    return frozenset(word for word in lines if word.isupper() and word.isalpha())


def _an_organisations_own(text: str, start: int, end: int) -> bool:
    """A body or a call of an organisation named in the same clause, before the label or right
    after the number: the reference is the organisation's own."""
    if BODY_BEFORE.search(text, max(0, start - 40), start):
        return True
    return bool(BODY_AFTER.match(text, end))


def _school_year(number: str) -> bool:
    """A school or working year: 2023/2024, 2024 - 2025."""
    years = re.fullmatch(r"((?:19|20)\d{2})\s?[/-]\s?((?:19|20)\d{2})", number)
    return bool(years) and int(years[2]) - int(years[1]) in (0, 1)


def _document_code_inside(number: str) -> bool:
    """A document's code between the number's parts (2025/SUB/04, 2024-FACT-118) makes it an
    organisation's reference; a service's code first (VB-24-…) does not."""
    return any(
        part in INNER_DOCUMENT_CODE for part in re.findall(r"(?<=[-/.])[A-Z]+(?=[-/.])", number)
    )


def _code(number: str) -> str:
    return re.match(r"[A-Z]*", number).group()


def case_file_numbers(text: str) -> list[Finding]:
    found = [*_labelled_numbers(text), *_shaped_numbers(text)]
    return found + _same_shape_again(text, found)


#: A code with letters and digits, to compare with a file number found: HM-0041-2276.
_CODE = re.compile(r"(?=[A-Z])(?<![\w/.-])[A-Z]{1,6}[-/. ]?\d[A-Z0-9./-]*\d(?![\w/-]|[.,]\d)")


def _shape(number: str) -> str:
    return re.sub(r"\d", "9", number)


def _same_shape_again(text: str, found: list[Finding]) -> list[Finding]:
    """A second code of the very shape of a file number found, its letters too ("klantnr.
    HM-0041-3310 … en zijn broer (HM-0041-2276)"): the same service's file for another person."""
    shapes = {_shape(f.text) for f in found if f.text[:1].isalpha()}
    if not shapes:
        return []
    taken = {(f.start, f.end) for f in found}
    return [
        Finding(m.start(), m.end(), Kind.CASE_FILE_NUMBER, m.group())
        for m in _CODE.finditer(text)
        if _shape(m.group()) in shapes and m.span() not in taken
    ]


#: A service's code in brackets right after a person's name: "Dumitru (TV 24.0117)".
_CODE_IN_BRACKETS = re.compile(r"\s*\(\s*(?P<number>[A-Z]{1,5}[\s.-]?\d{2,}(?:[./-]\d+)*)\s*[),;]")


def numbers_beside_names(text: str, found_names) -> list[Finding]:
    """A code of letters and at least four digits in brackets after a name is that person's
    file: case notes and minutes list people so. Not a year alone, a law's or a tax's code."""
    numbers = []
    for name in found_names:
        match = _CODE_IN_BRACKETS.match(text, name.end)
        if match is None:
            continue
        number = match.group("number")
        digits = re.sub(r"\D", "", number)
        if len(digits) < 4 or _YEAR.match(digits) or _code(number) in NOT_A_FILE_CODE:
            continue
        numbers.append(Finding(match.start("number"), match.end("number"), Kind.CASE_FILE_NUMBER,
                               number))  # fmt: skip
    return numbers + _same_shape_again(text, numbers)


def _labelled_numbers(text: str):
    for match in LABELLED.finditer(text):
        yield from _labelled(text, match)
    for match in _compound_labels(text):
        first_part = _FIRST_PART.search(text, max(0, match.start() - 30), match.start())
        if first_part and first_part.group().lower().rstrip("-") not in NOT_A_FILE:
            yield from _labelled(text, match)


def _shaped_numbers(text: str):
    for match in SHAPE.finditer(text):
        number = match.group()
        if _school_year(number):
            continue
        police = match.group("police") is not None  # its zone's letters are no document's
        if (_code(number) in NOT_A_FILE_CODE and not police) or _document_code_inside(number):
            continue
        if refers_to_a_document(text, match.start()) or _an_organisations_own(text, *match.span()):
            continue
        if _document_before(KEPT_DOCUMENT_BEFORE, text, match.start(), 40):
            continue
        if _NOT_A_FILE_NUMBER.fullmatch(number):
            continue
        yield Finding(match.start(), match.end(), Kind.CASE_FILE_NUMBER, number)


def _compound_labels(text: str):
    lowered = text.lower()
    for ending in _COMPOUND_ENDINGS:
        at = lowered.find(ending)
        while at != -1:
            start = at - 1 if at and lowered[at - 1] == "-" else at
            if start and lowered[start - 1].isalpha():
                match = COMPOUND_LABELLED.match(text, start)
                if match:
                    yield match
            at = lowered.find(ending, at + 1)


#: A phone's word between a file's label and the number: the number is the phone's ("in het
#: dossier staat hij met gsm 0478-12-66-93").
PHONE_WORD = re.compile(
    r"(?i)\b(?:gsm|tel|telefoon|mobiel|t[ée]l[ée]phone|portable|phone|mobile|cell)\b"
)


def _labelled(text: str, match: re.Match):
    number = match.group("number")
    label = text[match.start() : match.start("number")]
    if PHONE_WORD.search(label):
        return
    digits = re.sub(r"^[A-Z]+\s", "", number)  # "OCMW 15 jaar": a count, not a file
    if len(digits) < 4 or _YEAR.match(digits) or DOCUMENT_INSIDE.search(label):
        return
    if _school_year(number):
        return
    if FILE_NAME.search(number):
        return
    if _NOT_A_FILE_NUMBER.fullmatch(number):
        return  # "case C-123/21": a public judgment; "case managers 11/3": a date
    if _document_before(KEPT_DOCUMENT_BEFORE, text, match.start(), 40):
        return  # "het document met referentie NOTA-2024-113", "in het archief onder referentie"
    if DOCUMENT_AFTER.match(text, match.end("number")) or _document_code_inside(number):
        return  # "referentie X voor een factuur", "dossier nr. 2025/SUB/04": a document's
    if _an_organisations_own(text, match.start(), match.end("number")):
        return
    start = match.start("number")
    if " " in number and number.split(" ", 1)[0] in _organisation_codes():
        start += number.index(" ") + 1  # "VDAB 8824519": the service's name, then its number
        number = text[start : match.end("number")]
    if _code(number) not in NEVER_A_FILE_CODE:
        yield Finding(start, match.end("number"), Kind.CASE_FILE_NUMBER, number)
