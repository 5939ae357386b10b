"""Personal data with a shape: national numbers, IBANs, e-mail addresses, phones, plates."""

import re

import phonenumbers
from stdnum import iban
from stdnum.be import bis, nn

from mdma.privacy.case_files import labels_the_number_at, refers_to_a_document
from mdma.privacy.findings import Finding, Kind
from mdma.privacy.lexicon import fold, lexicon

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
#: Numbers services are called on (free 0800, paying 090x, shared-cost 070 and 078 lines): a
#: helpline's, never a person's own.
SERVICE_LINES = {
    phonenumbers.PhoneNumberType.TOLL_FREE,
    phonenumbers.PhoneNumberType.PREMIUM_RATE,
    phonenumbers.PhoneNumberType.SHARED_COST,
    phonenumbers.PhoneNumberType.UAN,
}


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


#: A service's shared mailbox starts with its role: info@, helpdesk.platform@, onthaal@.
MAILBOX_ROLES = {
    "info", "helpdesk", "contact", "secretariaat", "secretariat", "onthaal", "accueil",
    "administratie", "administration", "admin", "noreply", "no-reply", "support", "service",
    "dienst", "loket", "office", "webmaster", "communicatie", "communication", "klantendienst",
    "facturatie", "boekhouding", "vacatures", "jobs", "pers", "press", "presse", "directie",
    "direction", "algemeen", "general", "welkom", "welcome", "mailbox", "postmaster", "hr",
    "team", "servicedesk", "meldpunt", "inschrijvingen", "inscriptions", "reservaties",
}  # fmt: skip


def _shared_mailbox(address: str) -> bool:
    parts = [fold(p) for p in re.split(r"[._+]", address.split("@", 1)[0]) if p]
    lex = lexicon()
    return parts[0] in MAILBOX_ROLES and not any(lex.is_name(p) for p in parts[1:])


def emails(text: str):
    for match in EMAIL.finditer(text):
        if not _shared_mailbox(match.group()):
            yield Finding(match.start(), match.end(), Kind.EMAIL, match.group())


def plates(text: str):
    for match in PLATE.finditer(text):
        yield Finding(match.start(), match.end(), Kind.LICENSE_PLATE, match.group())
    for match in OLD_PLATE_ALONE.finditer(text):
        letters = re.sub(r"[^A-Z]", "", match.group())
        if letters not in NOT_PLATE_LETTERS and not refers_to_a_document(text, match.start()):
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
        if labels_the_number_at(text, match.start()):
            continue  # "Klantnr. 0061283745": a client number that could be dialled
        # An explicit country code says "phone"; the number need only be possible there.
        international = candidate.startswith(("+", "00"))
        leniency = phonenumbers.Leniency.POSSIBLE if international else phonenumbers.Leniency.VALID
        for number in phonenumbers.PhoneNumberMatcher(candidate, "BE", leniency=leniency):
            national = str(number.number.national_number)
            if national.startswith(("70", "77", "78", "80", "90")) and (
                phonenumbers.number_type(number.number) in SERVICE_LINES
            ):
                continue
            start = match.start() + number.start
            yield Finding(start, start + len(number.raw_string), Kind.PHONE, number.raw_string)
