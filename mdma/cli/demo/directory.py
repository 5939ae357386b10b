"""Fictional demo directory: organisations as a Flemish city has them (contact points invented)."""

import sqlalchemy as sa

from mdma.directory.models import Organisation, OrganisationKind, Sector
from mdma.directory.services import save_organisation
from mdma.extensions import db

K = OrganisationKind
#: name, kind, sector codes
ORGANISATIONS = [
    ("OCMW Kortrijk – Sociale dienst", K.SOCIAL_SERVICE, ["income", "housing"]),
    ("Stad Kortrijk – Dienst Wonen", K.PUBLIC_SERVICE, ["housing"]),
    ("Stad Kortrijk – Welzijnsloket", K.PUBLIC_SERVICE, ["income", "health"]),
    ("Stad Kortrijk – Dienst Onderwijs", K.PUBLIC_SERVICE, ["education"]),
    ("Huis van het Kind Kortrijk", K.CHILDCARE, ["children", "health"]),
    ("Kind en Gezin – regio Zuid-West-Vlaanderen", K.PUBLIC_SERVICE, ["children", "health"]),
    ("Opgroeien – Consultatiebureau Overleie", K.HEALTH_CARE, ["children", "health"]),
    ("VDAB Kortrijk", K.EMPLOYMENT, ["employment", "education"]),
    ("Werkwinkel Kortrijk", K.EMPLOYMENT, ["employment"]),
    ("Maatwerkbedrijf De Vlaspit", K.EMPLOYMENT, ["employment"]),
    ("CAW Zuid-West-Vlaanderen", K.NON_PROFIT, ["housing", "income"]),
    ("Sociaal Verhuurkantoor Zuid-West-Vlaanderen", K.HOUSING, ["housing"]),
    ("Sociale huisvestingsmaatschappij Leie & Schelde", K.HOUSING, ["housing"]),
    ("Huurdersbond West-Vlaanderen", K.NON_PROFIT, ["housing"]),
    ("Centrum voor Leerlingenbegeleiding Kortrijk", K.EDUCATION, ["education", "children"]),
    ("Centrum voor Volwassenenonderwijs Leieland", K.EDUCATION, ["education", "employment"]),
    ("Basisschool De Regenboog", K.EDUCATION, ["education", "children"]),
    ("Kinderopvang 't Speelnest", K.CHILDCARE, ["children"]),
    ("Kinderopvang Kleine Kikker", K.CHILDCARE, ["children"]),
    ("Inloopteam De Keeting", K.NON_PROFIT, ["children", "income"]),
    ("Vereniging waar armen het woord nemen – Het Anker", K.NON_PROFIT, ["income"]),
    ("Voedselbank Zuid-West-Vlaanderen", K.NON_PROFIT, ["income", "health"]),
    ("Centrum Algemeen Welzijnswerk – Schuldhulp", K.NON_PROFIT, ["income"]),
    ("Wijkgezondheidscentrum De Piramide", K.HEALTH_CARE, ["health"]),
    ("Centrum Geestelijke Gezondheidszorg Mandel en Leie", K.HEALTH_CARE, ["health"]),
    ("Christelijke Mutualiteit – Dienst Maatschappelijk Werk", K.HEALTH_CARE, ["health", "income"]),
    ("Solidaris – Sociale dienst", K.HEALTH_CARE, ["health", "income"]),
    (
        "Agentschap Integratie en Inburgering – Kortrijk",
        K.PUBLIC_SERVICE,
        ["education", "employment"],
    ),
    ("Jongerenwelzijn – Ondersteuningscentrum", K.PUBLIC_SERVICE, ["children"]),
    ("Rijksdienst voor Jaarlijkse Vakantie – Infopunt", K.PUBLIC_SERVICE, ["income"]),
    ("Buurtwerk Overleie", K.NON_PROFIT, ["children", "housing"]),
    ("Energiehuis Kortrijk", K.PUBLIC_SERVICE, ["housing", "income"]),
]


def _desk_email(name: str) -> str:
    words = [w for w in name.lower().replace("–", " ").split() if w.isalpha()][:3]
    return f"onthaal@{'-'.join(words)}.example"


def create_demo_organisations() -> int:
    """Add the demo organisations that are not there yet; returns how many were added."""
    sectors = {s.code: s for s in db.session.scalars(sa.select(Sector))}
    existing = set(db.session.scalars(sa.select(Organisation.name)))
    added = 0
    for number, (name, kind, codes) in enumerate(ORGANISATIONS):
        if name in existing:
            continue
        save_organisation(
            None,
            None,
            name=name,
            kind=kind,
            sectors=[sectors[c] for c in codes if c in sectors],
            contact_email=_desk_email(name),
            contact_phone=f"+32 56 00 {number:02d} {number * 3 % 100:02d}",
            website="",
        )
        added += 1
    return added
