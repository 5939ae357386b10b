"""Where a name stands in a message: after a greeting, as a signature or a speaker, in
brackets after a first name or a file number, after a beneficiary's word."""

import pytest

from mdma.privacy import Kind, scan


def names(text):
    return [f.text for f in scan(text) if f.kind == Kind.PERSON_NAME]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Hi Elke, a short update on the rent arrears.", "Elke"),
        ("Hallo Roos, kan jij vandaag nog bellen?", "Roos"),
        ("Kan iemand morgen de bus nemen?\nGroetjes,\nLotte", "Lotte"),
        ("Zal laten weten hoe het afliep. – Joris", "Joris"),
        ("Wie rijdt er mee naar Menen? Wout: ik vertrek om 9u.", "Wout"),
    ],
)
def test_a_first_name_after_a_greeting_or_signing_off_or_speaking(text, name):
    assert names(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Dag allemaal, hier het verslag van dinsdag.",
        "Beste Kortrijkzanen, de afvalkalender is er.",
        "Varia: de volgende vergadering is in mei.",
        "Bedankt voor jullie inzet!\nHet kernteam",
        "Le numéro 103 (Écoute-Enfants) et le 1712 sont gratuits.",
        "De zaal Roos is vrij op dinsdag.",
    ],
)
def test_greetings_headings_signatures_and_brackets_without_a_person(text):
    assert names(text) == []


def test_a_rare_word_in_brackets_after_a_first_name_or_a_file_number_is_a_surname():
    assert names("De school meldt dat Elif (Karakuş) vaak te laat komt.") == ["Elif", "Karakuş"]
    assert "Wojcikowski" in names("- SD/2025/0442 (Wojcikowski): verlengd tot juni.")


def test_a_beneficiary_word_before_an_unknown_name():
    assert names("Payment to beneficiary Parwin Rahimzada, see the form.") == ["Parwin Rahimzada"]


def test_a_family_from_a_street_keeps_its_name_and_a_street_after_a_name_is_a_street():
    assert names("Verhuisd: fam. Diallo van Kortrijksesteenweg 40.") == ["Diallo"]
    assert (
        names("In september worden de Pieter de Coninckstraat en de Veldstraat heraangelegd.") == []
    )


def test_a_rare_first_name_between_commas_after_a_rank_word():
    assert names("De jongste, Yerlan, gaat naar de kleuterklas.") == ["Yerlan"]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Ceren belde over de schoolfactuur.", "Ceren"),
        ("Het gesprek met Laleh ging over de huur.", "Laleh"),
        ("Valon komt morgen langs met zijn papieren.", "Valon"),
        ("De brief van de mutualiteit ging naar Kazemi.", "Kazemi"),
    ],
)
def test_common_names_of_turkish_afghan_iranian_bosnian_and_albanian_families(text, name):
    assert names(text) == [name]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Blijkt van Dragomirescu, die in de auto slaapt.", "Dragomirescu"),
        ("Gesprek met Hrytsenko over de huurwaarborg.", "Hrytsenko"),
        ("De brief ging naar Begović, niet naar de school.", "Begović"),
    ],
)
def test_a_rare_capitalised_word_with_a_surnames_ending_is_a_surname(text, name):
    assert names(text) == [name]


def test_two_common_first_names_joined_by_a_hyphen_are_one_name():
    assert names("De jongste, Anne-Marie, gaat naar de crèche.") == ["Anne-Marie"]


def test_a_noun_in_brackets_after_a_file_number_is_no_surname():
    assert names("Zie SD/2024/0118 (Huurpremie) voor de voorwaarden.") == []
    assert names("Dossier 2023/0552/SD (Oulad Ali): verlengen.") != []
