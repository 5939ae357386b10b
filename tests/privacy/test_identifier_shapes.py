"""Case-file numbers in the shapes services use, Belgian plates old and new, and streets that
are only a name, before a house number."""

from datetime import date

import pytest

from mdma.privacy import Kind, scan


def found(text, kind):
    return [f.text for f in scan(text) if f.kind == kind]


@pytest.mark.parametrize(
    "text, number",
    [
        ("Dossier 2024/0315/OCMW ligt bij de dienst.", "2024/0315/OCMW"),
        ("Ons kenmerk: SB/2022/0871, graag vermelden.", "SB/2022/0871"),
        ("Zie OCMW-2023-0412 voor de voorgeschiedenis.", "OCMW-2023-0412"),
        ("De zaak 2023-JR-118 loopt nog bij de jeugdrechtbank.", "2023-JR-118"),
        ("PV KR.55.L1.001234/2024 werd opgemaakt.", "KR.55.L1.001234/2024"),
        ("Referte 24/5521/GP bij het Groeipakket.", "24/5521/GP"),
        ("Het CAW volgt op onder CAW/MWV/24/1172.", "CAW/MWV/24/1172"),
        ("Zie ook het dossier bij Jeugdzorg (OSD-WV-2023-0441).", "OSD-WV-2023-0441"),
        ("Ze staat bij de budgetbegeleiding als BUD-24-0331.", "BUD-24-0331"),
        ("De jeugdrechtbank behandelt JR 24/0912 in mei.", "JR 24/0912"),
        ("Hij is lid van het ziekenfonds, 123-4567890-12.", "123-4567890-12"),
        ("Patient ID at the hospital: AZD-2291045.", "AZD-2291045"),
    ],
)
def test_case_file_numbers_are_found_in_the_shapes_services_use(text, number):
    assert found(text, Kind.CASE_FILE_NUMBER) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "In schooljaar 2024/2025 doen 12 scholen mee.",
        "Factuur 2024/00871 van de drukker is betaald.",
        "Het besluit 2023/1187 van de gemeenteraad geldt sinds juni.",
    ],
)
def test_school_years_invoices_and_decisions_are_no_case_files(text):
    assert found(text, Kind.CASE_FILE_NUMBER) == []


@pytest.mark.parametrize(
    "text, number",
    [
        ("Haar polisnummer familiale verzekering is 44.120.993.", "44.120.993"),
        ("Het wachtlijstnummer bij de woonmaatschappij: WM-2024-00912.", "WM-2024-00912"),
        ("Klantnr. Fluvius 5004 1187 22.", "5004 1187 22"),
        ("N° de mutuelle : 225-0912233-71.", "225-0912233-71"),
        ("La référence de l'Office des étrangers est OE 7.442.190.", "OE 7.442.190"),
        ("Zijn inburgeringsdossier INB-24-3302 is afgesloten.", "INB-24-3302"),
        ("Numéro d'inscription chez Actiris : 1188273.", "1188273"),
        ("Claim number 2025-UB-44817 at the unemployment office.", "2025-UB-44817"),
        ("Het dossier staat bij het CAW onder 24-CAW-0918.", "24-CAW-0918"),
    ],
)
def test_any_compound_of_dossier_or_nummer_labels_a_file_number(text, number):
    assert found(text, Kind.CASE_FILE_NUMBER) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Factuurnummer F-2024-00871 werd betaald door het OCMW.",
        "Het projectnummer van het Europees fonds is ESF-2024-0331.",
        "Bestelbon BON-2025-0142 voor de folders is goedgekeurd.",
        "Exportnummer EXP-2025-0031 bevat de cijfers van het tweede kwartaal.",
        "Log-id van de laatste audit: AUD-2025-0117.",
        "Référence de l'exportation des statistiques : 51716079096.",
        "Ondernemingsnummer 0456.789.123 staat op de brief.",
        "Het college besliste op 12 mei (CBS-2025-0412) om de premie te verhogen.",
        "Het decreet van 12 juli 2013 (BS 2013/35887) regelt het.",
        "Notulen 2025/03 van de stuurgroep.",
    ],
)
def test_numbers_of_an_organisations_documents_are_no_case_files(text):
    assert found(text, Kind.CASE_FILE_NUMBER) == []


@pytest.mark.parametrize(
    "text, plate",
    [
        ("Zijn auto, 1-KLM-204, staat op de parking.", "1-KLM-204"),
        ("De wagen met plaat 2 PRT 551 werd getakeld.", "2 PRT 551"),
        ("Een oude camionette (RTB-447) zonder keuring.", "RTB-447"),
        ("Nummerplaat 352-JKF, nog van voor 2008.", "352-JKF"),
    ],
)
def test_belgian_plates_old_and_new_are_found(text, plate):
    assert found(text, Kind.LICENSE_PLATE) == [plate]


def test_codes_of_taxes_are_no_plates():
    assert found("Het tarief BTW-021 geldt voor renovatie.", Kind.LICENSE_PLATE) == []


@pytest.mark.parametrize(
    "text, address",
    [
        ("Ze woont in Broelkaai-Zuid 9 sinds de zomer.", "Broelkaai-Zuid 9"),
        ("Het gezin verhuisde naar Hoog Kortrijk 31 bus 2.", "Hoog Kortrijk 31 bus 2"),
        ("Post gaat naar Sint-Denijs 14, 8554 Zwevegem.", "Sint-Denijs 14, 8554 Zwevegem"),
    ],
)
def test_a_street_without_a_street_word_is_an_address_before_a_house_number(text, address):
    assert found(text, Kind.STREET_ADDRESS) == [address]


@pytest.mark.parametrize(
    "text, address",
    [
        ("Ik ga morgen langs op Overbeke 14 voor het huisbezoek.", "Overbeke 14"),
        ("Ze verblijven tijdelijk op Ter Beke 3 bus 12.", "Ter Beke 3 bus 12"),
        ("Het appartement op Rodenburg 22 bus 4 is te vochtig.", "Rodenburg 22 bus 4"),
        ("Het gezin woont nu op 't Hoge 51.", "'t Hoge 51"),
        ("He still lives at Bellegem-Dorp 4 bus 1.", "Bellegem-Dorp 4 bus 1"),
    ],
)
def test_a_bare_street_is_an_address_before_a_box_or_where_someone_is(text, address):
    assert found(text, Kind.STREET_ADDRESS) == [address]


@pytest.mark.parametrize(
    "text, address",
    [
        ("Il habite rue de l'Église 14 bte 2 à Comines.", "rue de l'Église 14 bte 2"),
        (
            "Nouvelle adresse : route de Lille 221, 7700 Mouscron.",
            "route de Lille 221, 7700 Mouscron",
        ),
        ("elle habite rue de la gare 12 depuis mars.", "rue de la gare 12"),
        ("Elle loge chez sa soeur, clos des Lilas 9.", "clos des Lilas 9"),
    ],
)
def test_french_addresses_in_lower_case_and_on_any_kind_of_street(text, address):
    assert found(text, Kind.STREET_ADDRESS) == [address]


@pytest.mark.parametrize(
    "text",
    [
        "We vergaderen om 19u in de Budastraat, 19u30 start de sessie.",
        "In Kortrijk 5 gezinnen en op Fase 2 nog 3 sessies.",
        "Ze zat op Level 3 en op Pagina 4 stond het antwoord.",
        "elle habite rue de la gare depuis 2019.",
    ],
)
def test_times_counts_and_everyday_words_with_a_number_are_no_address(text):
    assert found(text, Kind.STREET_ADDRESS) == []


def test_a_place_with_a_number_of_things_is_no_address():
    assert (
        found("In Kortrijk 3 keer per week open; Fase 2 start in juni.", Kind.STREET_ADDRESS) == []
    )


@pytest.mark.parametrize(
    "text, number",
    [
        ("Referentie van het abonnement: TK-23-0051288.", "TK-23-0051288"),
        ("Réf. du dossier de recouvrement : RX-25-4410023.", "RX-25-4410023"),
        ("His account number at the water company: WT-6620-3381-ZB.", "WT-6620-3381-ZB"),
        ("The tenant appealed (roll no. 25B1142) last week.", "25B1142"),
        ("N° de client chez l'opérateur : 7781-2209-44.", "7781-2209-44"),
        ("Uw kenmerk: HV-2024-77813, zo vermeld in de brief.", "HV-2024-77813"),
        ("The payer number at the allowance fund is FA-5518823.", "FA-5518823"),
    ],
)
def test_labels_of_references_and_client_numbers_in_three_languages(text, number):
    assert found(text, Kind.CASE_FILE_NUMBER) == [number]


def test_a_client_number_that_could_be_dialled_is_a_file_number_after_its_label():
    text = "Klantnr. bij de verzekeraar 0047718299, graag vermelden."
    assert found(text, Kind.CASE_FILE_NUMBER) == ["0047718299"]
    assert found(text, Kind.PHONE) == []


def test_a_phone_after_a_contact_label_stays_a_phone():
    assert found("Contactnummer 0471 22 81 93 voor de mama.", Kind.PHONE) == ["0471 22 81 93"]


@pytest.mark.parametrize(
    "text",
    [
        "Het zendingsnummer van het pakket is 32419988120, de levering volgt morgen.",
        "Tracking number of the parcel: 7731 0042 9981.",
    ],
)
def test_parcel_and_shipping_numbers_are_no_case_files(text):
    assert found(text, Kind.CASE_FILE_NUMBER) == []


def test_a_day_and_month_after_a_common_word_on_a_street_ending_is_no_address():
    assert (
        found("Nieuwsbrief van de tuinwijk 12/04 - de composthoek is klaar.", Kind.STREET_ADDRESS)
        == []
    )
    assert found("Ze woont in de Kapelstraat 12/3 sinds mei.", Kind.STREET_ADDRESS) == [
        "Kapelstraat 12/3"
    ]


@pytest.mark.parametrize(
    "text, number",
    [
        ("Patiënt nr AZM 5520913, kamer 214.", "AZM 5520913"),
        ("Kind opgenomen, patiënt P-25-004417.", "P-25-004417"),
        ("Son numéro d'affiliation est 118/0093321/54.", "118/0093321/54"),
        ("Numéro d'organisme de paiement : HVW 7300-221-0418.", "HVW 7300-221-0418"),
        ("Numéro client 71 4402 9913 chez le fournisseur.", "71 4402 9913"),
        ("Le dossier de suivi (SAJ-HT-2025-0114) part à Tournai.", "SAJ-HT-2025-0114"),
    ],
)
def test_patient_affiliation_and_bracketed_file_numbers(text, number):
    assert found(text, Kind.CASE_FILE_NUMBER) == [number]


def test_a_count_after_a_service_name_is_no_file_number():
    assert (
        found("Zijn dossier bij OCMW 15 jaar geleden werd afgesloten.", Kind.CASE_FILE_NUMBER) == []
    )


@pytest.mark.parametrize(
    "text, address",
    [
        ("A resident of Overleie 41 called about the heating.", "Overleie 41"),
        ("Een bewoner van Walle 87 meldt vocht in de slaapkamer.", "Walle 87"),
    ],
)
def test_a_bare_street_after_a_residents_word_is_an_address(text, address):
    assert found(text, Kind.STREET_ADDRESS) == [address]


def test_a_count_of_households_after_a_town_is_no_address():
    assert found("De bewoners van Heule 20 gezinnen kregen een brief.", Kind.STREET_ADDRESS) == []


def test_a_service_of_the_directory_before_its_number_is_not_part_of_it():
    text = "Inschrijvingsnummer VDAB 77120394 sinds maart."
    assert found(text, Kind.CASE_FILE_NUMBER) == ["77120394"]


@pytest.mark.parametrize(
    "text, birth",
    [
        ("Zijn geboortedatum is 21.04.1976, zegt de brief.", "21.04.1976"),
        ("Geb.datum: 17/08/1969", "17/08/1969"),
        ("Kinderen: Sara, 12/05/2012, en Adam, 30/01/2015.", "12/05/2012"),
    ],
)
def test_dates_of_birth_after_a_verb_a_short_label_or_between_commas(text, birth):
    assert birth in found(text, Kind.DATE_OF_BIRTH)


def test_a_date_of_this_year_between_commas_after_a_name_is_no_birth_date():
    text = f"Gesprek met Sara Peeters, 14/02/{date.today().year}, over de huur."
    assert found(text, Kind.DATE_OF_BIRTH) == []


def test_a_first_name_that_ends_like_a_street_is_no_street():
    assert found("zoon Adam, 30/01/2015, heeft astma", Kind.STREET_ADDRESS) == []


@pytest.mark.parametrize(
    "text, number",
    [
        ("Kandidaat-huurder nr. 2021-05517 bij de woonmaatschappij.", "2021-05517"),
        ("Numéro de candidat-locataire : 7712.", "7712"),
        ("Dossier SPF Finances n° 41.227.903 en cours.", "41.227.903"),
        ("Huurcontract nr. HC-3318-A loopt tot 2027.", "HC-3318-A"),
    ],
)
def test_a_persons_word_before_a_number_word(text, number):
    assert found(text, Kind.CASE_FILE_NUMBER) == [number]


@pytest.mark.parametrize(
    "text, address",
    [
        ("Rue du Moulin n°31, 7700 Mouscron", "Rue du Moulin n°31, 7700 Mouscron"),
        ("Adresse : 8, rue Haute, 7500 Tournai.", "8, rue Haute, 7500 Tournai"),
        ("Hun adres is Walle 64.", "Walle 64"),
    ],
)
def test_french_house_numbers_after_n_and_an_address_after_is(text, address):
    assert found(text, Kind.STREET_ADDRESS) == [address]
