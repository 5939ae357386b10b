"""The guard finds each kind of personal data and leaves what is not personal alone."""

import pytest

from mdma.privacy import Kind, redact, scan


def kinds(text):
    return [(f.kind, f.text) for f in scan(text)]


@pytest.mark.parametrize(
    "written",
    ["85.07.30-000.61", "85073000061", "850730 000 61", "85.07.30 000-61", "85 07 30 000 61"],
)
def test_national_number_is_found_in_every_usual_notation(written):
    assert kinds(f"Haar rijksregisternummer is {written}.") == [(Kind.NATIONAL_NUMBER, written)]


def test_bis_number_and_numbers_of_children_born_after_2000_are_found():
    assert kinds("BIS 85473000149") == [(Kind.NATIONAL_NUMBER, "85473000149")]
    assert kinds("kind: 17.03.12-001.17") == [(Kind.NATIONAL_NUMBER, "17.03.12-001.17")]


def test_eleven_digits_with_a_wrong_checksum_are_not_a_national_number():
    assert Kind.NATIONAL_NUMBER not in [f.kind for f in scan("exportreferentie 85073000062")]


@pytest.mark.parametrize(
    "written",
    [
        "BE14 0631 2345 6783",
        "BE14063123456783",
        "be14 0631 2345 6783",
        "NL91ABNA0417164300",
        "FR76 3000 6000 0112 3456 7890 189",
        "DE89 3704 0044 0532 0130 00",
    ],
)
def test_iban_is_found_spaced_or_not(written):
    assert kinds(f"Storten op {written} graag.") == [(Kind.IBAN, written)]


def test_iban_with_a_wrong_check_is_not_reported():
    assert Kind.IBAN not in [f.kind for f in scan("rekening BE15 0631 2345 6783")]


@pytest.mark.parametrize(
    "written",
    ["0471 23 45 67", "0471/23.45.67", "+32 471 23 45 67", "0032 471234567", "056 12 34 56",
     "056/12.34.56", "+31 6 12345678", "+33 6 12 34 56 78", "+212 6 12 34 56 78"],
)  # fmt: skip
def test_phone_numbers_are_found_in_belgian_and_foreign_notations(written):
    assert kinds(f"Bereikbaar op {written} na 17 uur.") == [(Kind.PHONE, written)]


def test_enterprise_numbers_amounts_and_bank_communications_are_not_phones():
    text = "KBO 0212.345.678 betaalde € 1.234,56 met +++090/9337/55493+++ (21 %)."
    assert scan(text) == []


def test_email_is_found_but_a_platform_handle_is_not():
    assert kinds("Mail naar f.elamrani@telenet.be of vraag het @lotte.vermeulen.") == [
        (Kind.EMAIL, "f.elamrani@telenet.be")
    ]


@pytest.mark.parametrize(
    "written",
    ["Kerkstraat 12 bus 3, 8500 Kortrijk", "Doorniksesteenweg 145", "Grote Markt 54",
     "Sint-Jansstraat 4/2", "rue de la Station 12, 7500 Tournai", "Avenue Louise 231 bte 4"],
)  # fmt: skip
def test_street_address_with_house_number_is_found(written):
    assert kinds(f"Ze woont op {written} sinds maart.") == [(Kind.STREET_ADDRESS, written)]


def test_street_without_house_number_is_the_place_of_a_service():
    assert scan("Het loket in de Budastraat en het Sociaal Huis aan de Grote Markt.") == []


def test_a_number_of_months_after_a_street_is_no_house_number():
    assert scan("Al 3 jaar in de Kerkstraat, 3 maanden wachten.") == []


@pytest.mark.parametrize(
    "text, date",
    [("geboren op 3 maart 2019", "3 maart 2019"), ("°12/05/2017", "12/05/2017"),
     ("geboortedatum: 01-02-2016", "01-02-2016"), ("née le 4 juin 2020", "4 juin 2020"),
     ("born on 2 May 2018", "2 May 2018")],
)  # fmt: skip
def test_date_of_birth_is_found_in_dutch_french_and_english(text, date):
    assert kinds(f"De jongste, {text}, gaat naar de crèche.") == [(Kind.DATE_OF_BIRTH, date)]


def test_policy_dates_are_not_dates_of_birth():
    assert scan("Sinds 1 januari 2024 en vanaf 01/07/2025 geldt de nieuwe regel.") == []


@pytest.mark.parametrize(
    "text, number",
    [("dossiernummer 2023/04512", "2023/04512"), ("dossier nr. OCMW-2024-1187", "OCMW-2024-1187"),
     ("ref. KG-88213", "KG-88213"), ("n° de dossier 2022/7781", "2022/7781")],
)  # fmt: skip
def test_case_file_numbers_are_found(text, number):
    assert kinds(f"Zie {text} voor de rest.") == [(Kind.CASE_FILE_NUMBER, number)]


@pytest.mark.parametrize("plate", ["1-ABC-234", "1ABC234", "2-XYZ-987"])
def test_belgian_licence_plates_are_found(plate):
    assert kinds(f"De wagen met plaat {plate} werd getakeld.") == [(Kind.LICENSE_PLATE, plate)]


@pytest.mark.parametrize(
    "text, name",
    [("Mevrouw Fatima El Amrani belde.", "Fatima El Amrani"),
     ("Gesprek met mevrouw janssens.", "janssens"),
     ("De mama van Yassin kwam langs.", "Yassin"),
     ("Madame Dubois a appelé.", "Dubois"),
     ("Mbuyi Kabongo wacht op een woning.", "Mbuyi Kabongo"),
     ("Gulalai Ahmadzai kreeg geen antwoord.", "Gulalai Ahmadzai"),
     ("De auto van papa Mehmet.", "Mehmet"),
     ("Afspraak met de heer Roos om 10 uur.", "Roos"),
     ("Daarna belde fatima nog.", "fatima")],
)  # fmt: skip
def test_person_names_are_found_with_or_without_title_and_in_lower_case(text, name):
    assert kinds(text) == [(Kind.PERSON_NAME, name)]


def test_names_that_are_ordinary_words_stay_words_without_a_name_context():
    assert scan("De hoop op een woning is klein; een roos voor de moeder.") == []


def test_organisations_roles_and_household_composition_are_not_personal_data():
    text = (
        "Een moeder met drie kinderen van 2, 5 en 9 jaar kreeg geen afspraak bij het OCMW "
        "Kortrijk, het CAW of Kind & Gezin. De schepen van Sociale Zaken en de huisarts weten het."
    )
    assert scan(text) == []


def test_the_platforms_own_directory_is_never_a_name():
    text = "Doorverwezen naar Basisschool Rozenkrans Mandelhoek."
    assert scan(text, organisations=("Basisschool Rozenkrans Mandelhoek",)) == []


def test_redact_replaces_each_finding_by_its_kind():
    text = "Mevrouw Fatima El Amrani, 0471 23 45 67."
    assert redact(text) == "Mevrouw [name], [phone number]."


def test_offsets_point_at_the_finding_in_the_text():
    text = "Bel Yusuf Demir op +32 471 23 45 67 of mail yusuf@demo.example."
    for finding in scan(text):
        assert text[finding.start : finding.end] == finding.text


@pytest.mark.parametrize(
    "text, date",
    [
        ("Afspraak met Jonas Vermeersch (14/06/2012) over zijn schoolkeuze.", "14/06/2012"),
        ("De tweeling, Amira (03.09.2019) en Yara, blijft thuis.", "03.09.2019"),
        ("Rendez-vous avec M. Karim Bensaïd (22/01/1981) mardi.", "22/01/1981"),
        ("Zij is geboren in Roemenië op 17/04/1995 en woont hier sinds 2019.", "17/04/1995"),
        ("Née à Kinshasa le 2 mars 1988, elle vit à Menen.", "2 mars 1988"),
    ],
)
def test_a_date_beside_a_name_or_after_a_place_of_birth_is_a_date_of_birth(text, date):
    assert (Kind.DATE_OF_BIRTH, date) in kinds(text)


def test_a_date_to_come_beside_a_name_is_no_date_of_birth():
    found = kinds("We zien Jonas Vermeersch (14/06/2099) opnieuw op het overleg.")
    assert all(kind != Kind.DATE_OF_BIRTH for kind, _text in found)
