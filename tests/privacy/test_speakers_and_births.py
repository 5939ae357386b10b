"""A speaker in a list of minutes, however common a word their first name is, and a word with
a birth in brackets right after it; headings in the same shapes stay words."""

import pytest

from mdma.privacy import Kind, scan


def names(text):
    return [f.text for f in scan(text) if f.kind == Kind.PERSON_NAME]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Taken: de huur nakijken - Roos: belt de verhuurder op maandag.", "Roos"),
        ("Actions: call the school – Els: books the interpreter.", "Els"),
        ("Verdeling:\n- Lien: neemt de intake op zich.", "Lien"),
        ("Yara (°12.04.2015) gaat naar het eerste leerjaar.", "Yara"),
        ("Les enfants : Inaya (née le 3 mai 2016) et son frère.", "Inaya"),
    ],
)  # fmt: skip
def test_a_speaker_or_a_person_born_is_named(text, name):
    assert name in names(text)


@pytest.mark.parametrize(
    "text",
    [
        "Te doen - Opmerking: geen verdere vragen.",
        "Agenda:\n- Kosten: 40 euro per maand.",
        "Het project (geboren uit een buurtidee) loopt nog een jaar.",
    ],
)  # fmt: skip
def test_a_heading_or_a_thing_in_those_shapes_is_no_name(text):
    assert names(text) == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("De kleuters van juf Lies gaan naar de boerderij.", "Lies"),
        ("Madame Sofia est passée au guichet.", "Sofia"),
    ],
)  # fmt: skip
def test_a_first_name_that_is_also_a_place_is_a_name_after_a_title(text, name):
    assert names(text) == [name]


def test_a_town_after_a_title_is_still_no_name():
    assert names("Mevrouw Brugge belde.") == []
