"""Dates of birth as case notes write them: after a label and a few words, in brackets after the
birth itself, beside an age they agree with, with a two-digit year, and a second reading."""

from datetime import date

import pytest

from mdma.privacy import Kind, scan

THIS_YEAR = date.today().year


def births(text):
    return [f.text for f in scan(text) if f.kind == Kind.DATE_OF_BIRTH]


@pytest.mark.parametrize(
    "text, birth",
    [
        ("Geboortedatum van de oudste: 3 maart 2019, volgens de kids-ID.", "3 maart 2019"),
        ("Her date of birth in the register is 4 June 1988.", "4 June 1988"),
        ("Date de naissance selon le passeport : 02/11/1979.", "02/11/1979"),
        ("De baby weegt sinds de geboorte (05/01/2025) te weinig.", "05/01/2025"),
        ("Il est suivi depuis sa naissance, le 14 mars 2020, par l'ONE.", "14 mars 2020"),
        ("Hij is geboren 9 januari '19 in Brugge.", "9 januari '19"),
        ("She was born on the 3rd of May 2001 in Lagos.", "3rd of May 2001"),
        ("Birthdate 21 Nov 1984, according to the UNHCR card.", "21 Nov 1984"),
        ("Date de naissance : 9 févr. 1993.", "9 févr. 1993"),
    ],
)
def test_a_birth_date_is_found_after_its_label_or_the_birth(text, birth):
    assert births(text) == [birth]


def test_a_date_beside_an_age_it_agrees_with_is_a_birth_date():
    born = f"14.09.{THIS_YEAR - 8}"
    assert births(f"Feestje voor Ilias (wordt 8 op 14 september, {born}).") == [born]
    assert births(f"Zoë, 8 jaar, {born}, gaat naar de tweede graad.") == [born]
    assert births(f"Il a 8 ans ({born}) et va à l'école.") == [born]


@pytest.mark.parametrize(
    "text",
    [
        f"Overleg op 12/05/{THIS_YEAR - 6} met 6 jaar ervaring in het team.",
        f"De vzw bestaat 10 jaar, sinds 01/03/{THIS_YEAR - 10}.",
        f"The project celebrated 10 years on 12/05/{THIS_YEAR - 10}.",
        f"Zoë, 8 jaar, komt op 14/09/{THIS_YEAR - 3} langs.",
        "De aanvraag voor de 3 kinderen werd ingediend op 12 mei 2024.",
    ],
)
def test_a_date_that_is_no_birth_beside_an_age_is_left_alone(text):
    assert births(text) == []


def test_a_second_reading_of_the_same_birth_date_is_found():
    text = "Geboren op 7 juni 1990 volgens het paspoort, maar de kaart zegt 07/06/1991."
    assert births(text) == ["7 juni 1990", "07/06/1991"]


def test_another_date_in_the_sentence_of_a_birth_date_is_left_alone():
    text = "Geboren op 7 juni 1990, ingeschreven in Kortrijk op 02/09/2019."
    assert births(text) == ["7 juni 1990"]


def test_a_date_after_a_name_at_the_end_of_a_line_is_a_birth_date():
    text = "Betreft: mijn cliënte Amira Haddad, 14.02.1987\n\nGeachte, ik schrijf u over haar huur."
    assert births(text) == ["14.02.1987"]
