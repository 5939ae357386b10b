"""Cars by their make and model ("een blauwe Renault Clio", "grijze Skoda 1-RFP-904"): a make is
no person's name where a vehicle is spoken of, though Ford and Mercedes are names elsewhere."""

import re

MAKES = (
    r"Alfa\s+Romeo|Aston\s+Martin|Audi|BMW|BYD|Chevrolet|Chrysler|Citro[eë]n|Cupra|Dacia"
    r"|Daihatsu|Dodge|DS|Ferrari|Fiat|Ford|Honda|Hyundai|Isuzu|Iveco|Jaguar|Jeep|Kia|Lada"
    r"|Lancia|Land\s+Rover|Range\s+Rover|Lexus|Lynk|Maserati|Mazda|Mercedes(?:-Benz)?|MG|Mini"
    r"|Mitsubishi|Nissan|Opel|Peugeot|Polestar|Porsche|Renault|Saab|Seat|[SŠ]koda|Smart"
    r"|SsangYong|Subaru|Suzuki|Tesla|Toyota|Volkswagen|VW|Volvo"
)
#: A make, then its model when one follows: a capitalised word or a number (Clio, 308, ID.3).
MAKE_AND_MODEL = re.compile(rf"(?=[A-ZŠ])\b(?:{MAKES})\b(?:\s+(?:[A-Z][\w.-]*|\d[\w.-]*))?")
#: Words about a vehicle, or a plate's shape, near the make.
VEHICLE = re.compile(
    r"(?i)(?:wagen|auto)s?\b|\b(?:car|voiture|v[ée]hicule|vehicle|voertuig|bestelwagen|camionnette"
    r"|busje|minibus|rijdt|reed|rijden|drives?|drove|roule|conduit|nummerplaat|kenteken|plate"
    r"|plaque|immatricul\w*|garage|tweedehands|occasion)\b|\b\d-?[A-Z]{3}-?\d{3}\b"
)
_REACH = 80


def vehicles(text: str) -> list[tuple[int, int]]:
    """Where a car's make and model stand, when a vehicle is spoken of within a few words."""
    spans = []
    for match in MAKE_AND_MODEL.finditer(text):
        window = text[max(0, match.start() - _REACH) : match.end() + _REACH]
        if VEHICLE.search(window):
            spans.append(match.span())
    return spans
