"""Fictional demo users, one or more of every role; all names and addresses are invented."""

import sqlalchemy as sa

from mdma.accounts.services import create_user, user_by_email
from mdma.directory.models import Organisation, Sector
from mdma.extensions import db
from mdma.permissions import Role

DEMO_PASSWORD = "demo-wachtwoord-2026"

#: email, name, role, organisation name, sector codes
DEMO_USERS = [
    ("admin@demo.example", "Ilse Vandamme", Role.ADMIN, None, []),
    # A guest from outside the network (an expert of another city), invited to the deep-dive.
    ("guest@demo.example", "Marta Kowalczyk", Role.GUEST, None, []),
    (
        "coordinator@demo.example",
        "Pieter Declercq",
        Role.COORDINATOR,
        "OCMW Kortrijk – Sociale dienst",
        [],
    ),
    (
        "casemanager1@demo.example",
        "Lotte Vermeulen",
        Role.CASE_MANAGER,
        "OCMW Kortrijk – Sociale dienst",
        [],
    ),
    (
        "casemanager2@demo.example",
        "Yusuf Demir",
        Role.CASE_MANAGER,
        "Huis van het Kind Kortrijk",
        [],
    ),
    (
        "socialworker@demo.example",
        "Fatima El Idrissi",
        Role.SOCIAL_WORKER,
        "CAW Zuid-West-Vlaanderen",
        [],
    ),
    (
        "employment@demo.example",
        "Bram Vanhoutte",
        Role.POLICY_OWNER,
        "VDAB Kortrijk",
        ["employment"],
    ),
    (
        "education@demo.example",
        "Sofie Desmet",
        Role.POLICY_OWNER,
        "Stad Kortrijk – Dienst Onderwijs",
        ["education"],
    ),
    (
        "income@demo.example",
        "Marc Lefebvre",
        Role.POLICY_OWNER,
        "OCMW Kortrijk – Sociale dienst",
        ["income"],
    ),
    (
        "housing@demo.example",
        "Nathalie Dewitte",
        Role.POLICY_OWNER,
        "Stad Kortrijk – Dienst Wonen",
        ["housing"],
    ),
    (
        "children@demo.example",
        "Jonas Callewaert",
        Role.POLICY_OWNER,
        "Huis van het Kind Kortrijk",
        ["children"],
    ),
    (
        "health@demo.example",
        "Amina Kabongo",
        Role.POLICY_OWNER,
        "Wijkgezondheidscentrum De Piramide",
        ["health"],
    ),
    ("researcher@demo.example", "Elke Maes", Role.RESEARCHER, None, []),
]


def create_demo_users() -> list[tuple[str, str, bool]]:
    """Every demo log-in as (email, role, newly created)."""
    sectors = {s.code: s for s in db.session.scalars(sa.select(Sector))}
    organisations = {o.name: o for o in db.session.scalars(sa.select(Organisation))}
    result = []
    for email, name, role, organisation, codes in DEMO_USERS:
        created = user_by_email(email) is None
        if created:
            create_user(
                None,
                email=email,
                name=name,
                role=role,
                password=DEMO_PASSWORD,
                organisation=organisations.get(organisation),
                sectors=[sectors[c] for c in codes],
            )
        result.append((email, role.value, created))
    return result
