"""Dates of birth written year first, as a day and month alone after the birth, and in a list
after a plural label; dates beside them that are no births stay unmarked."""

import pytest

from mdma.privacy import Kind, scan


def births(text):
    return [f.text for f in scan(text) if f.kind == Kind.DATE_OF_BIRTH]


@pytest.mark.parametrize(
    "text, dates",
    [
        ("Volgens het paspoort geboren 2009/11/03 in Aleppo.", ["2009/11/03"]),
        ("Né 1998.02.17 selon le document guinéen.", ["1998.02.17"]),
        ("Haar zoontje werd geboren op 14 februari, de bevalling verliep goed.", ["14 februari"]),
        ("Le petit est né le 1er mars à l'hôpital.", ["1er mars"]),
        ("The twins were born on June 9th, two weeks early.", ["June 9th"]),
        ("Born on the 4th of May, he is the youngest.", ["4th of May"]),
        ("Zij is van 3 oktober 1991 en zoekt werk.", ["3 oktober 1991"]),
        ("Mama is van 22/01/1984, papa is ouder.", ["22/01/1984"]),
        ("De jongste verjaart op 9 april.", ["9 april"]),
        ("Geboortedata: Nadia 02-07-1988, Karim 11-12-1985.", ["02-07-1988", "11-12-1985"]),
        ("Dates de naissance : Amina 3/4/2015 et Idris 28/9/2017.", ["3/4/2015", "28/9/2017"]),
        ("Birth dates of the children: 12.01.2016 and 30.06.2019.", ["12.01.2016", "30.06.2019"]),
    ],
)  # fmt: skip
def test_a_birth_date_is_found_year_first_without_a_year_or_in_a_list(text, dates):
    assert births(text) == dates


@pytest.mark.parametrize(
    "text",
    [
        "De vergadering is op 14 februari in zaal 2.",
        "Het idee voor de werking is geboren op 3 maart tijdens een overleg.",
        "Geboortedata worden niet bijgehouden. Volgende intake: 12-05-2025.",
        "Rapport 2024/11/03 van de stuurgroep ligt ter inzage.",
        "De brief is van 12 juni 2024 en vraagt een antwoord.",
        "Hij is van plan te verhuizen op 1 juli 2025.",
        "De werking is jarig op 3 mei: tien jaar al.",
    ],
)  # fmt: skip
def test_a_date_that_is_no_birth_stays_unmarked(text):
    assert births(text) == []
