"""File numbers behind longer labels and in digit groups, and references that are no person's
file: a donation's, a European judgment's, a date after "case managers"."""

import pytest

from mdma.privacy import Kind, scan


def files(text):
    return [f.text for f in scan(text) if f.kind == Kind.CASE_FILE_NUMBER]


@pytest.mark.parametrize(
    "text, number",
    [
        ("Numéro d'affiliation auprès de Solidaris : 226 3318840 71.", "226 3318840 71"),
        ("His health insurance number is 131 2246619 05, ask the CM.", "131 2246619 05"),
        ("Lidnummer bij het ziekenfonds: 415 / 7720318 / 66.", "415 / 7720318 / 66"),
        ("Het ziekenfonds kent hem onder 118 - 5521907 - 33.", "118 - 5521907 - 33"),
        ("PV van de lokale politie nr. BR.41.L3.007715/2025 is opgemaakt.",
         "BR.41.L3.007715/2025"),
        ("Nota voor het dossier: WB-HUUR-2025-0142, niet doorsturen.", "WB-HUUR-2025-0142"),
        ("Note au dossier : CPAS-TOU-2024-0388.", "CPAS-TOU-2024-0388"),
        ("Il est connu sous le numéro OE 8.552.104.", "OE 8.552.104"),
    ],
)  # fmt: skip
def test_a_file_number_is_found_behind_a_longer_label_or_in_digit_groups(text, number):
    assert files(text) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Referentie gift: GFT-2025-044, fiscaal attest volgt in maart.",
        "Référence du don : DON-2024-118, merci pour votre soutien.",
        "See the Court's ruling in case C-311/18 on data transfers.",
        "Overleg case managers 14/2: verdeling van de nieuwe aanmeldingen.",
        "In de nota voor het bestuur staat NOTA-2025-0012.",
        "Zij heeft een nieuw nummer. Neem contact op met de gsm: 0479 12 34 56.",
        "Het nummer BE 0412.345.678 van de vzw staat op de factuur.",
    ],
)
def test_references_that_are_no_persons_file_are_left_alone(text):
    assert files(text) == []


@pytest.mark.parametrize(
    "text, phone",
    [
        (
            "In het dossier staat hij met gsm 0472-31-55-80, niet met zijn vaste lijn.",
            "0472-31-55-80",
        ),
        ("Dans son dossier, le portable de la mère : 0493 27 41 18.", "0493 27 41 18"),
        ("Referentie in ons systeem, telefoon 0468/90.12.34 voor de afspraak.", "0468/90.12.34"),
    ],
)
def test_a_phone_word_between_a_files_label_and_the_number_makes_it_a_phone(text, phone):
    found = [(f.kind, f.text) for f in scan(text)]
    assert (Kind.PHONE, phone) in found
    assert not any(kind == Kind.CASE_FILE_NUMBER for kind, _ in found)


def test_a_files_number_without_a_phone_word_stays_a_file():
    found = [(f.kind, f.text) for f in scan("Zijn dossier bij het OCMW: 2024/118734.")]
    assert (Kind.CASE_FILE_NUMBER, "2024/118734") in found
