"""Fictional colleagues for demo data at volume: front-line workers who report and policy owners
who answer, beside the demo log-ins. Every name is an invented combination."""

import itertools

import sqlalchemy as sa

from mdma.accounts.models import User
from mdma.accounts.passwords import hash_password
from mdma.accounts.services import unique_handle
from mdma.cli.demo.accounts import DEMO_PASSWORD
from mdma.directory.models import Organisation, Sector
from mdma.extensions import db
from mdma.permissions import Role

FIRST_NAMES = [
    "Annelies", "Bart", "Charlotte", "Dries", "Emma", "Floor", "Griet", "Hanne", "Ibrahim",
    "Jana", "Karel", "Lien", "Mehmet", "Nele", "Olivier", "Pauline", "Rani", "Saar", "Tom",
    "Ulrike", "Wout", "Yasmina", "Zoë", "Arne", "Bieke", "Cem", "Delphine", "Eline",
]  # fmt: skip
LAST_NAMES = [
    "Vandenbroucke", "Verhaeghe", "Debaene", "Lambrecht", "Vanneste", "Coussement",
    "Deconinck", "Ghesquière", "Vervaeke", "Demeyere", "Tack", "Bossuyt", "Vanlerberghe",
    "Ollivier", "Benali", "Yilmaz", "Dewaele", "Seynaeve", "Vandaele", "Pattyn",
]  # fmt: skip
FRONT_LINE_ORGANISATIONS = [
    "OCMW Kortrijk – Sociale dienst",
    "CAW Zuid-West-Vlaanderen",
    "Huis van het Kind Kortrijk",
    "Inloopteam De Keeting",
    "Stad Kortrijk – Welzijnsloket",
    "Wijkgezondheidscentrum De Piramide",
]
FRONT_LINE_STAFF = 56
POLICY_OWNERS_PER_SECTOR = 2


def _names():
    """Distinct invented first/last name pairs, the same ones on every run."""
    pairs = itertools.product(range(len(FIRST_NAMES)), range(len(LAST_NAMES)))
    for number, (first, last) in enumerate(pairs):
        if (first * 7 + last * 3 + number) % 5 == 0:
            yield f"{FIRST_NAMES[first]} {LAST_NAMES[(last + first) % len(LAST_NAMES)]}"


def create_volume_staff() -> None:
    """Add the colleagues who are not there yet (all with the demo password, hashed once)."""
    existing = set(db.session.scalars(sa.select(User.email)))
    organisations = {o.name: o for o in db.session.scalars(sa.select(Organisation))}
    sectors = list(db.session.scalars(sa.select(Sector).order_by(Sector.position)))
    wanted = [
        (
            f"medewerker{n:02d}@demo.example",
            Role.CASE_MANAGER if n % 3 else Role.SOCIAL_WORKER,
            organisations.get(FRONT_LINE_ORGANISATIONS[n % len(FRONT_LINE_ORGANISATIONS)]),
            [],
        )
        for n in range(1, FRONT_LINE_STAFF + 1)
    ] + [
        (f"beleid-{sector.code}-{n}@demo.example", Role.POLICY_OWNER, None, [sector])
        for sector in sectors
        for n in range(1, POLICY_OWNERS_PER_SECTOR + 1)
    ]
    password_hash = None
    for (email, role, organisation, user_sectors), name in zip(wanted, _names(), strict=False):
        if email in existing:
            continue
        password_hash = password_hash or hash_password(DEMO_PASSWORD)
        db.session.add(
            User(
                email=email,
                name=name,
                handle=unique_handle(name),
                role=role,
                organisation=organisation,
                sectors=user_sectors,
                password_hash=password_hash,
            )
        )
        db.session.flush()
