"""Things named after a family or known by a make: firms, trades, shops, cars, youth groups,
districts; a greeting alone; a time after a place. A person named beside them still is."""

import pytest

from mdma.privacy import Kind, scan


def names(text):
    return [f.text for f in scan(text) if f.kind == Kind.PERSON_NAME]


@pytest.mark.parametrize(
    "text",
    [
        "Voor de stages werken we samen met Claeys & Zonen uit Waregem.",
        "L'atelier Lambert et Fils engage deux apprentis cet automne.",
        "The caterer Hughes & Sons delivers the meals on Fridays.",
        "Het contract met Desmet bvba loopt af in juni.",
        "Werkgeversoverleg: Claeys & Zonen (hout, Menen) en Vanhulle bieden stages aan.",
        "Desmet bvba en Lannoo leveren de stoelen.",
        "De werken voert Aannemer Lagae nv uit.",
        "Schrijnwerkerij Verhaeghe zoekt een leerjongen voor twee dagen per week.",
        "Dakwerken Vandendriessche en Transport Lambrecht sponsoren het feest.",
        "Werkgevers zoals Deceuninck, Vanhulle en Lannoo zoeken lassers.",
        "Des entreprises comme Dumoulin ou Lefebvre recrutent des chauffeurs.",
        "De Bakkerij Vermeulen schenkt de broodjes voor het ontbijt.",
        "Wie boodschappen doet, gaat naar de Vermeersch aan de kerk.",
        "De jongeren van Chiro De Leeuw bouwen het podium op.",
        "Scoutsgroep De Beer zoekt nog leiding voor de welpen.",
        "Het buurtwerk in de Sint-Amandswijk draait op vrijwilligers.",
        "De bewoner rijdt met een rode Peugeot 208, plaat 1-ABC-123.",
        "Zijn wagen is een oude Ford Fiesta, te koop voor 800 euro.",
        "The family drives a Toyota Yaris they bought second hand.",
        "De deelwagen van de buurt is een elektrische Kia Niro.",
        "Il conduit une Citroën Berlingo pour livrer les colis.",
        "Doorgestuurd bericht – Hallo, de folder is klaar voor de drukker.",
    ],
)  # fmt: skip
def test_a_thing_known_by_a_familys_name_or_a_make_is_no_name(text):
    assert names(text) == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("Mevrouw Mercedes Alvarez belde over de huur.", "Mercedes Alvarez"),
        ("Meneer Claeys werkt bij een bakkerij in Heule.", "Claeys"),
        ("Mama van de Vermeersch-kinderen, Lotte Vermeersch, kwam langs.", "Lotte Vermeersch"),
        ("Hallo Griet, kan je me terugbellen?", "Griet"),
        ("Werkgevers zoals mevrouw Lannoo weten dat.", "Lannoo"),
        ("Claeys & Zonen en Jan Peeters tekenden het contract.", "Jan Peeters"),
    ],
)  # fmt: skip
def test_a_person_beside_such_words_is_still_named(text, name):
    assert name in names(text)


def test_a_time_after_a_place_is_no_house_number():
    found = scan("The bus leaves from the market square at 7:15 am.")
    assert [f for f in found if f.kind == Kind.STREET_ADDRESS] == []
