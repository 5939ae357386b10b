"""First names that open a message addressing its reader or close it as a signature, and
first names after the word for someone's job or a remark's heading."""

import pytest

from mdma.privacy import Kind, scan


def names(text):
    return [f.text for f in scan(text) if f.kind == Kind.PERSON_NAME]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Sanne, kan jij de aanvraag van het gezin nog nakijken?", "Sanne"),
        ("Onderwerp: sleutel\n\nKoen, ik heb de sleutel bij de buren gelaten.", "Koen"),
        ("Julien, pourrais-tu rappeler la famille demain ?", "Julien"),
        ("Ok, I will call the landlord tomorrow morning. Hannah", "Hannah"),
        ("De elektricien Wim komt donderdag de meter vervangen.", "Wim"),
        ("Opmerking Sofie: de wachtlijst loopt op.", "Sofie"),
        ("Le stagiaire Mathis accompagne la famille au CPAS.", "Mathis"),
    ],
)
def test_a_first_name_opening_or_closing_a_message_or_after_a_job_is_found(text, name):
    assert names(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "Hoop, dat is wat de gezinnen nu het meest nodig hebben.",
        "Opmerking: de lift in blok C is nog altijd stuk.",
        "De loodgieter komt dinsdag langs voor de lekkende kraan.",
        "Het loket is vrijdag gesloten. Dank",
    ],
)
def test_words_in_those_places_that_are_no_names_are_left_alone(text):
    assert names(text) == []


def test_a_name_stops_before_op_and_a_street_but_keeps_op_de():
    found = [(f.kind, f.text) for f in scan("Gisteren bij Yusuf Demir op Lange Munt 14.")]
    assert (Kind.PERSON_NAME, "Yusuf Demir") in found
    assert names("Mevrouw Lien op de Beeck belde terug.") == ["Lien op de Beeck"]


def test_a_rare_word_beside_a_name_in_a_list_with_commas_is_a_name_too():
    assert names("Twee nieuwe gezinnen (Nowakowska, Tesfamariam) deze maand.") == [
        "Nowakowska",
        "Tesfamariam",
    ]


def test_a_sign_off_before_a_name_and_towns_in_a_list_are_no_names():
    assert names("Kan het OCMW helpen? Mvg, Hilde") == ["Hilde"]
    assert names("Het project loopt in Kortrijk, Menen en Wevelgem.") == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("hallo ik ben ilse de zus van de huurder", "ilse"),
        ("Bonjour, je suis Mireille et j'habite à Mouscron.", "Mireille"),
        ("Hi, I am Tom, the new tenant on the second floor.", "Tom"),
    ],
)
def test_a_writer_introducing_themselves_is_named(text, name):
    assert names(text) == [name]


def test_ik_ben_before_an_everyday_word_or_a_nationality_is_no_name():
    assert names("ik ben moe en ik ben Belg, dus ik ben blij.") == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("Monsieur Lambert (surnommé « Titi ») dort au parc.", "Titi"),
        ("Zijn roepnaam is 'Momo', hij slaapt in het station.", "Momo"),
    ],
)
def test_a_nickname_in_quotes_after_a_naming_word_is_a_name(text, name):
    assert name in names(text)


def test_a_things_name_in_quotes_after_a_naming_word_is_left_alone():
    assert names('Het project heet "Thuis" en loopt in drie wijken.') == []


def test_a_greeted_first_name_before_a_comma_is_a_name_however_common_a_word():
    assert names("Dag An, de leerling mag mee op uitstap.") == ["An"]
    assert names("Beste Mark, bedankt voor de snelle opvolging.") == ["Mark"]
    assert names("Dag allemaal, welkom op het overleg.") == []
