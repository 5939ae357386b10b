"""Personal data with a shape: national numbers, IBANs, e-mail, phones, plates, file numbers."""

import re

import phonenumbers
from stdnum import iban
from stdnum.be import bis, nn

from mdma.privacy.findings import Finding, Kind

_SEP = r"[ .\-/]?"
NATIONAL_NUMBER = re.compile(
    rf"(?<![\w.,/])\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}[ .\-/]{{0,2}}\d{{3}}{_SEP}\d{{2}}(?![\w]|[.,/]\d)"
)
# Country code, check digits, then groups; the candidate is shortened until its checksum holds.
IBAN_CANDIDATE = re.compile(r"(?<![\w])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){10,32}")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w])")
# Belgian plates since 2010 (1-ABC-234, 1 ABC 234), and the older ABC-123 / 123-ABC: alone with
# a hyphen, or next to a plate word with any separator.
PLATE = re.compile(
    r"(?<![\w-])(?:[1-9]-?[A-Za-z]{3}-?\d{3}|[1-9][ .][A-Z]{3}[ .]\d{3})(?![\w-]|[.,]\d)"
)
OLD_PLATE_ALONE = re.compile(r"(?<![\w/-])(?:[A-Z]{3}-\d{3}|\d{3}-[A-Z]{3})(?![\w/-]|[.,]\d)")
OLD_PLATE = re.compile(
    r"(?i)\b(?:nummerplaat|kenteken|plaat|plaque|immatriculation|immatricul[ée]e?|license plate"
    r"|licence plate|number plate|plate|registration|inschrijvingsplaat|wagen|auto|voiture|car"
    r"|camionette|bestelwagen)"
    r"\W{1,3}(?:\w+\W{1,3}){0,3}?((?-i:[A-Z]{3}[ .-]?\d{3})|(?-i:\d{3}[ .-]?[A-Z]{3}))\b"
)
#: Three capitals and three digits that are no plate: codes of laws, taxes, standards, money.
NOT_PLATE_LETTERS = {
    "BTW", "KBO", "ISO", "EUR", "USD", "ART", "CAO", "NIS", "RIZ", "BIS", "COV", "WET", "DVZ",
    "OCM", "CAW", "CLB", "CGG", "RVA", "VAT", "TVA", "NBN", "DIN", "REF", "NUM", "PDF", "DOC",
}  # fmt: skip
# A phone candidate: a run of digits and separators long enough to be a number.
PHONE_CANDIDATE = re.compile(r"(?<![\w+])(?<!\w[./])(?:\+|00)?\d[\d .\/()\-]{6,18}\d(?![\w])")
# An organisation's enterprise number (KBO/BCE), written 0123.456.789: not a person's phone.
ENTERPRISE_NUMBER = re.compile(r"^[01]\d{3}\.\d{3}\.\d{3}$")
CASE_FILE = re.compile(
    r"(?i)\b(?:dossier(?:nummer|nr)?|dossiernr|n°\s*de\s*dossier|num[ée]ro\s+de\s+dossier"
    r"|(?:ons|uw|our|your|notre|votre)\s+(?:kenmerk|ref|r[ée]f|reference|r[ée]f[ée]rence)"
    r"|kenmerk|referte|pv(?:-?nummer|-?nr)?|proces-verbaal|rolnummer|a\.?r\.?|notitienummer"
    r"|zaak(?:nummer|nr)?|casenummer|volgnummer|sp-?nummer|ov-?nummer|dvz-?(?:nummer|referentie)?"
    r"|cgvs-?(?:nummer|referentie)?|inschrijvingsnummer|verzekeringsnummer|ziekenfondsnummer"
    r"|mutualiteitsnummer|aanvraag(?:nummer|nr)?|leefloondossier|ocmw-?dossier|file\s+ref"
    r"|klant(?:en)?(?:nummer|nr)|cli[eë]nt(?:nummer|nr)|referentie(?:nummer)?|r[ée]f[ée]rence"
    r"|ref|r[ée]f|case(?:\s+number)?|file(?:\s+number)?|client\s+number|numéro\s+client"
    r"|aanvraagnummer|n°\s*client|pati[eë]nt(?:en)?nummer|lid(?:maat)?nummer|aansluitingsnummer"
    r"|contractnummer|num[ée]ro\s+(?:de\s+)?(?:membre|patient|contrat)|member\s+number)"
    r"(?:\s*(?:nr\.?|n[°o]\.?|number|#))?"
    # A few words may name the service in between: "Klantnummer bij Luminus: 5523817".
    r"(?:\s+(?![\d])[\w'’-]+){0,4}?"
    r"\s*[:.]?\s*"
    r"(?P<number>(?=[A-Z0-9/._-]*\d)[A-Z0-9][A-Z0-9/._-]*[A-Z0-9])(?![\w])",
)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
#: The shapes services give a file without a word before it: 2024/03318, 2024/0315/OCMW,
#: OCMW-2024-1187, KG/2023/0451, 2023-BZ-118, 23/1187/JH.
CASE_FILE_SHAPE = re.compile(
    r"(?<![\w/.-])(?:(?:19|20)\d{2}/\d{3,7}(?:/[A-Z]{1,6}\d{0,3})?"
    r"|[A-Z]{2,6}[-/](?:19|20)\d{2}[-/]\d{2,7}"
    r"|(?:19|20)\d{2}[-/][A-Z]{1,6}[-/]\d{2,7}"
    r"|\d{2}/\d{3,7}/[A-Z]{1,6})(?![\w/-]|[.,]\d)"
)
#: Numbers of documents and things, not of a person's file: a law, an invoice, an order.
DOCUMENT_WORDS = re.compile(
    r"(?i)\b(?:factuur|factuurnummer|facture|invoice|artikel|art|wet|decreet|besluit|kb|ministerieel"
    r"|bestelling|order|ticket|export|versie|version|staatsblad|numac|omzendbrief|circulaire"
    r"|nota|rapport|verslag|jaarverslag|schooljaar|begroting|budget|project|subsidie"
    r"|verordening|richtlijn|regulation|directive|r[eè]glement|eu|ue|eg|ce|avg|gdpr|rgpd)\b[^\n]{0,20}$"
)


def _refers_to_a_document(text: str, start: int) -> bool:
    return bool(DOCUMENT_WORDS.search(text[max(0, start - 40) : start]))


def national_numbers(text: str):
    for match in NATIONAL_NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) == 11 and (nn.is_valid(digits) or bis.is_valid(digits)):
            yield Finding(match.start(), match.end(), Kind.NATIONAL_NUMBER, match.group())


def ibans(text: str):
    for match in IBAN_CANDIDATE.finditer(text):
        candidate = match.group()
        # Shorten at the end until the checksum holds: the greedy match may eat a next word.
        for end in range(len(candidate), 13, -1):
            piece = candidate[:end].rstrip()
            if end < len(candidate) and candidate[end - 1] == " ":
                continue
            if iban.is_valid(piece.upper()):
                start = match.start()
                yield Finding(start, start + len(piece), Kind.IBAN, piece)
                break


def emails(text: str):
    for match in EMAIL.finditer(text):
        yield Finding(match.start(), match.end(), Kind.EMAIL, match.group())


def plates(text: str):
    for match in PLATE.finditer(text):
        yield Finding(match.start(), match.end(), Kind.LICENSE_PLATE, match.group())
    for match in OLD_PLATE_ALONE.finditer(text):
        letters = re.sub(r"[^A-Z]", "", match.group())
        if letters not in NOT_PLATE_LETTERS and not _refers_to_a_document(text, match.start()):
            yield Finding(match.start(), match.end(), Kind.LICENSE_PLATE, match.group())
    for match in OLD_PLATE.finditer(text):
        if re.sub(r"[^A-Z]", "", match.group(1)) not in NOT_PLATE_LETTERS:
            yield Finding(match.start(1), match.end(1), Kind.LICENSE_PLATE, match.group(1))


def phones(text: str):
    for match in PHONE_CANDIDATE.finditer(text):
        candidate = match.group()
        if ENTERPRISE_NUMBER.match(candidate.strip()):
            continue
        before, after = text[max(0, match.start() - 3) : match.start()], text[match.end() :][:3]
        if before.endswith(("+++", "***")) or after.startswith(("+++", "***")):
            continue  # a structured bank communication, not a phone
        # An explicit country code says "phone"; the number need only be possible there.
        international = candidate.startswith(("+", "00"))
        leniency = phonenumbers.Leniency.POSSIBLE if international else phonenumbers.Leniency.VALID
        for number in phonenumbers.PhoneNumberMatcher(candidate, "BE", leniency=leniency):
            start = match.start() + number.start
            yield Finding(start, start + len(number.raw_string), Kind.PHONE, number.raw_string)


def case_file_numbers(text: str):
    for match in CASE_FILE.finditer(text):
        number = match.group("number")
        if len(number) >= 4 and not _YEAR.match(number):
            yield Finding(match.start("number"), match.end("number"), Kind.CASE_FILE_NUMBER, number)
    for match in CASE_FILE_SHAPE.finditer(text):
        number = match.group()
        years = re.fullmatch(r"((?:19|20)\d{2})/((?:19|20)\d{2})", number)
        if years and int(years[2]) - int(years[1]) in (0, 1):
            continue  # a school or working year: 2023/2024
        if not _refers_to_a_document(text, match.start()):
            yield Finding(match.start(), match.end(), Kind.CASE_FILE_NUMBER, number)
