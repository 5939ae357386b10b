"""File numbers in the shapes of the police and of foreign insurers, with spaces around a slash,
and the references of an organisation's own documents that only look like files."""

import pytest

from mdma.privacy import Kind, scan


def files(text):
    return [f.text for f in scan(text) if f.kind == Kind.CASE_FILE_NUMBER]


@pytest.mark.parametrize(
    "text, number",
    [
        ("De politie noteerde het incident onder GE.21.L4.004512/2024.", "GE.21.L4.004512/2024"),
        ("Le procès-verbal MO.38.L2.118203/23 est joint.", "MO.38.L2.118203/23"),
        ("The report WV.07.LB.55120/2025 was sent to the prosecutor.", "WV.07.LB.55120/2025"),
        ("Zijn dossiernummer is 2023 / 11842 bij de dienst.", "2023 / 11842"),
        ("Notre référence : 2025 / 0387.", "2025 / 0387"),
        ("Huurdersnummer: 2022 - 04417 bij de maatschappij.", "2022 - 04417"),
        ("De verzekeraar in Izmir gebruikt referentie ŞGK-240118-07.", "ŞGK-240118-07"),
        ("Their reference is ÄRZ-5512-09 at the Munich office.", "ÄRZ-5512-09"),
    ],
)  # fmt: skip
def test_a_file_number_is_found_in_the_police_and_foreign_shapes(text, number):
    assert files(text) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "De nieuwe projectoproep loopt onder dossier nr. 2026/SUB/11 van de provincie.",
        "Referentie 2024-FACT-0932 staat op de herinnering.",
        "De herinnering vermeldt referentie TEL/41/2025-0192 voor een factuur van de leverancier.",
        "Il a reçu un rappel, référence 88-2025-4410 pour une facture d'eau.",
        "Kenmerk van de vorming: VRM-KO-0912.",
        "Reference of the webinar: WBN-2025-07.",
        "Zijn aanvraag 9bis loopt nog; ook artikel 57quinquies werd besproken.",
        "Sa demande 9ter est toujours en cours.",
        "Dossier 2024 - 2025: de jaarplanning van de werkgroep.",
    ],
)  # fmt: skip
def test_an_organisations_document_reference_is_no_file(text):
    assert files(text) == []


def test_a_second_code_of_a_found_files_shape_is_a_file_too():
    text = "Klantnummer moeder: WB-0077-1402; voor de oudste zoon geldt WB-0077-1985."
    assert files(text) == ["WB-0077-1402", "WB-0077-1985"]


@pytest.mark.parametrize(
    "text, number",
    [
        ("Op de agenda: Stoica (JH 23.0412) en Nowak.", "JH 23.0412"),
        ("Besproken dossiers: Lucas Verlinde (SA-1187-22), daarna de anderen.", "SA-1187-22"),
    ],
)  # fmt: skip
def test_a_code_in_brackets_after_a_name_is_that_persons_file(text, number):
    assert number in files(text)


@pytest.mark.parametrize(
    "text",
    [
        "Overleg met Jan Peeters (ISO 9001) over de kwaliteitszorg.",
        "Mevrouw Claes (KT 2024) leidt de werkgroep.",
        "Ahmed (L3) zit in de klas van juf Ann.",
        "De factuur FACT-2024-0012 en de nota FACT-2024-0013 zijn betaald.",
    ],
)  # fmt: skip
def test_a_standard_a_year_or_an_invoice_beside_a_name_is_no_file(text):
    assert files(text) == []


def test_a_siblings_code_after_a_code_in_brackets_is_a_file_too():
    text = "Voor Bilal (KR 22.0871) en zijn broer (KR 22.0872) volgt een nieuwe afspraak."
    assert files(text) == ["KR 22.0871", "KR 22.0872"]


@pytest.mark.parametrize(
    "text",
    [
        "Agendapunt 3: dossier 2026/0114 van de gemeenteraad over de begroting.",
        "Ons kenmerk: KO-2026-31 (uitnodiging werkgroep armoede).",
        "De stuurgroep kreeg referentie SG-WVL-2026-02.",
        "Réf. 2026/0871 du conseil communal du 3 mars.",
    ],
)  # fmt: skip
def test_a_reference_of_an_organisations_body_is_no_file(text):
    assert files(text) == []


@pytest.mark.parametrize(
    "text, number",
    [
        ("Dossier 2023/11873 werd op de stuurgroep besproken.", "2023/11873"),
        ("In de werkgroep bespraken we mevrouw Claes, dossier 2023/1187.", "2023/1187"),
        ("Dossier 2023/11873 (mevrouw Peeters): de subsidie voor isolatie is aangevraagd.",
         "2023/11873"),
    ],
)  # fmt: skip
def test_a_persons_file_discussed_by_a_body_stays_a_file(text, number):
    assert files(text) == [number]
