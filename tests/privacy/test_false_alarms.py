"""Clean texts full of what looks like personal data: organisations named after a person in
English word order, roads on -weg, file names, helplines, archive references."""

import pytest

from mdma.privacy import Kind, scan


def found(text, kind=None):
    return [f.text for f in scan(text) if kind is None or f.kind == kind]


@pytest.mark.parametrize(
    "text",
    [
        "The Maria Middelares hospital opened a new wing for children.",
        "We met the Frans Masereel centre team about the exhibition.",
        "The Guy Gezelle library opens on Saturday.",
        "The Saint Vincent de Paul society helps families with furniture.",
        "Het Victor Van de Walle instituut heeft nieuwe openingsuren.",
    ],
)
def test_a_persons_name_inside_an_organisations_name_in_english_order_is_no_name(text):
    assert found(text) == []


def test_a_title_with_an_adjective_before_a_first_name_is_no_name():
    assert found("Le Petit Prince, la crèche de la rue Haute, a deux places.") == []


@pytest.mark.parametrize(
    "text",
    [
        "De werken aan de Kortrijkseweg duren nog tot de zomer.",
        "We rijden via de Ringlaan en de Oudenaardseweg naar het depot.",
        "De fietsroute loopt langs het Kanaalpad en de Bissegemseweg.",
    ],
)
def test_roads_on_weg_without_a_number_are_no_names_and_no_addresses(text):
    assert found(text) == []


def test_a_dutch_dit_before_a_verb_is_no_french_naming_word():
    assert found("Kunnen we dit bespreken op het overleg van dinsdag?") == []
    assert found("Il s'appelle Youssef, dit Yoyo.", Kind.PERSON_NAME) == ["Youssef", "Yoyo"]


@pytest.mark.parametrize(
    "text",
    [
        "Stuur het bestand jaarrapport_2024_v3.xlsx naar het team.",
        "De bijlage heet verslag-overleg-2025-02.pdf en staat op de drive.",
        "Please upload the file intake_form_2024-11.docx before Monday.",
    ],
)
def test_file_names_are_no_names_and_no_file_numbers(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Bel gratis naar 0800 99 123 voor info over de energiepremie.",
        "Voor vragen over uw factuur belt u 078 35 35 34 tijdens de kantooruren.",
        "Appelez le 0800 14 689, c'est gratuit et anonyme.",
    ],
)
def test_free_and_shared_cost_service_lines_are_no_persons_phones(text):
    assert found(text, Kind.PHONE) == []


def test_a_persons_mobile_beside_a_helpline_is_still_found():
    text = "Bel 078 35 35 34 of de mama op 0472 18 93 40."
    assert found(text, Kind.PHONE) == ["0472 18 93 40"]


@pytest.mark.parametrize(
    "text",
    [
        "Het beleidsplan staat in het archief onder referentie BP-2020-007.",
        "Het document met referentie NOTA-2024-113 werd goedgekeurd.",
        "The meeting minutes are stored under reference MIN-2025-03.",
        "Transactienummer van de bank: 44120993871.",
    ],
)
def test_archive_document_and_transaction_references_are_no_case_files(text):
    assert found(text, Kind.CASE_FILE_NUMBER) == []


def test_a_number_before_a_month_is_a_date_not_a_house_number():
    assert found("Volgende vergadering 9 april in het stadhuis.", Kind.STREET_ADDRESS) == []


@pytest.mark.parametrize(
    "text",
    [
        "Het idee voor het wijkrestaurant is geboren op 4 oktober 2022 tijdens een overleg.",
        "The network was born on 9 May 2020 in a community hall.",
        "L'association est née le 2 juin 2018 à Tournai.",
    ],
)
def test_an_idea_a_project_or_an_association_born_on_a_date_has_no_date_of_birth(text):
    assert found(text, Kind.DATE_OF_BIRTH) == []


def test_a_child_followed_by_a_project_keeps_its_date_of_birth():
    text = "Het project volgt een jongen geboren op 7/9/2014."
    assert found(text, Kind.DATE_OF_BIRTH) == ["7/9/2014"]


@pytest.mark.parametrize(
    "text",
    [
        "Jan Modaal betaalt steeds meer voor zijn energie.",
        "In the training, John Doe stands for any client.",
        "Het lijkt wel of Jan en alleman een premie aanvraagt.",
    ],
)
def test_stock_names_and_idioms_are_no_persons(text):
    assert found(text, Kind.PERSON_NAME) == []


@pytest.mark.parametrize(
    "text",
    [
        "Garage Vandenberghe geeft korting op herstellingen.",
        "Villa Pace en Huize Sint-Jozef zijn woonzorgcentra.",
        "Apotheek Claeys zamelt oude medicatie in.",
    ],
)
def test_surnames_in_shop_names_and_saints_in_home_names_are_no_persons(text):
    assert found(text, Kind.PERSON_NAME) == []
