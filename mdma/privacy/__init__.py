"""The personal-data guard: `scan(text)` finds what points to a person, `redact(text)` hides it.

Pure: text in, findings out. It knows Belgian national and BIS numbers, IBANs, phone numbers,
e-mail addresses, street addresses, dates of birth, case file numbers, licence plates and person
names. A professional's plain name is treated as any name: colleagues are mentioned by
`@handle`, which the guard allows.
"""

from flask_babel import lazy_gettext

from mdma.privacy import births, case_files, names, numbers, places
from mdma.privacy.findings import Finding, Kind, resolve_overlaps

__all__ = ["Finding", "Kind", "KIND_LABELS", "redact", "scan"]

KIND_LABELS = {
    Kind.PERSON_NAME: lazy_gettext("name"),
    Kind.NATIONAL_NUMBER: lazy_gettext("national register number"),
    Kind.IBAN: lazy_gettext("bank account number"),
    Kind.PHONE: lazy_gettext("phone number"),
    Kind.EMAIL: lazy_gettext("e-mail address"),
    Kind.STREET_ADDRESS: lazy_gettext("address"),
    Kind.DATE_OF_BIRTH: lazy_gettext("date of birth"),
    Kind.CASE_FILE_NUMBER: lazy_gettext("file number"),
    Kind.LICENSE_PLATE: lazy_gettext("licence plate"),
}

_DETECTORS = [
    numbers.national_numbers,
    numbers.ibans,
    numbers.emails,
    numbers.plates,
    numbers.phones,
    case_files.case_file_numbers,
    births.dates_of_birth,
    places.street_addresses,
]


def scan(text: str, organisations: tuple[str, ...] = ()) -> list[Finding]:
    """Every piece of personal data in `text`, in order; `organisations` are never names."""
    if not text:
        return []
    found = [finding for detect in _DETECTORS for finding in detect(text)]
    people = list(names.person_names(text, tuple(organisations)))
    found += people + births.dates_beside_names(text, people)
    found += case_files.numbers_beside_names(text, people)
    return resolve_overlaps(found)


def redact(text: str, organisations: tuple[str, ...] = ()) -> str:
    """The text with each finding replaced by its kind in brackets, e.g. `[naam]`."""
    pieces, position = [], 0
    for finding in scan(text, organisations):
        pieces += [text[position : finding.start], f"[{KIND_LABELS[finding.kind]}]"]
        position = finding.end
    pieces.append(text[position:])
    return "".join(pieces)
