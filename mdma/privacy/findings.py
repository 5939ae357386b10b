"""What the guard reports: a kind of personal data at a place in the text."""

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    PERSON_NAME = "person_name"
    NATIONAL_NUMBER = "national_number"
    IBAN = "iban"
    PHONE = "phone"
    EMAIL = "email"
    STREET_ADDRESS = "street_address"
    DATE_OF_BIRTH = "date_of_birth"
    CASE_FILE_NUMBER = "case_file_number"
    LICENSE_PLATE = "license_plate"


#: When two findings overlap, the kind found by the stricter check wins.
PRIORITY = [
    Kind.NATIONAL_NUMBER,
    Kind.IBAN,
    Kind.EMAIL,
    Kind.LICENSE_PLATE,
    Kind.DATE_OF_BIRTH,
    Kind.PHONE,
    Kind.CASE_FILE_NUMBER,
    Kind.STREET_ADDRESS,
    Kind.PERSON_NAME,
]


@dataclass(frozen=True, slots=True)
class Finding:
    start: int
    end: int
    kind: Kind
    text: str


def resolve_overlaps(findings: list[Finding]) -> list[Finding]:
    """Keep the strongest of overlapping findings, then sort by position."""
    rank = {kind: i for i, kind in enumerate(PRIORITY)}
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (rank[f.kind], f.start - f.end)):
        if all(finding.end <= other.start or finding.start >= other.end for other in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)
