"""Streets that are only a name, inside a sentence, and addresses with a French postcode or a
town typed in lower case; and what only looks like such an address."""

import pytest

from mdma.privacy import Kind, scan


def addresses(text):
    return [f.text for f in scan(text) if f.kind == Kind.STREET_ADDRESS]


@pytest.mark.parametrize(
    "text, address",
    [
        ("De verhuurder van Hoog Kortrijk 41 stuurde een aangetekende brief.", "Hoog Kortrijk 41"),
        ("Melding burenruzie Groeninghe 17: de politie kwam langs.", "Groeninghe 17"),
        ("The landlord of the house in Overleie 9, a Mr. Hoste, refuses repairs.", "Overleie 9"),
        ("Elle loge chez sa tante, 8 rue de Roubaix, 59100 Roubaix.",
         "8 rue de Roubaix, 59100 Roubaix"),
        ("Nouvelle adresse : avenue Foch 33, 59000 Lille.", "avenue Foch 33, 59000 Lille"),
        ("nieuw adres: gentsesteenweg 12 8500 kortrijk", "gentsesteenweg 12 8500 kortrijk"),
        ("ze woont in de dorpsstraat 4 sinds maart", "dorpsstraat 4"),
    ],
)  # fmt: skip
def test_an_address_is_found_inside_a_sentence_or_with_its_town(text, address):
    assert addresses(text) == [address]


@pytest.mark.parametrize(
    "text",
    [
        "Bij twijfel: bel de Kinderlijn 1800 of de Infolijn 1700.",
        "Het Groeipakket 2025 brengt een hoger startbedrag.",
        "Verslag wijkoverleg Overleie 14/03: zwerfvuil en parkeren.",
        "Aanwezig: Tom, Lies Verbeke 2 keer verontschuldigd.",
        "De huur voor de Kerkstraat 12, 2000 euro per jaar, is te hoog.",
        "In Fase 2 van het project komen er 40 woningen bij.",
        "Goedkeuring verslag vorige vergadering 3 en stand van zaken.",
        "De verbetering 2 uit het vorige ontwerp blijft behouden.",
    ],
)
def test_numbers_after_a_name_that_is_no_street_are_left_alone(text):
    assert addresses(text) in ([], ["Kerkstraat 12"])


@pytest.mark.parametrize(
    "text, address",
    [
        ("They moved to 22 Beheerstraat last month.", "22 Beheerstraat"),
        ("She lives at 5 Oude Vesten with her two sons.", "5 Oude Vesten"),
        ("Het huis (Groeninghe 31) heeft geen verwarming.", "Groeninghe 31"),
    ],
)
def test_an_address_with_the_number_first_or_in_brackets_is_found(text, address):
    assert addresses(text) == [address]


def test_counts_before_a_plural_street_word_are_no_address():
    assert addresses("De werking loopt in 4 velden en 3 Vlaamse steden.") == []
