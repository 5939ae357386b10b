"""Small factories for tests: each makes one valid object with invented data."""

import itertools

import sqlalchemy as sa

from mdma.accounts.models import User
from mdma.accounts.passwords import hash_password
from mdma.accounts.services import unique_handle
from mdma.directory.models import Organisation, Sector
from mdma.extensions import db

PASSWORD = "correct horse battery staple"
_numbers = itertools.count(1)


def sector(code: str) -> Sector:
    """One of the sectors seeded by the first migration."""
    return db.session.scalar(sa.select(Sector).where(Sector.code == code))


_sector = sector  # for factories whose `sector` argument names one


def create_organisation(name: str | None = None, **fields) -> Organisation:
    organisation = Organisation(name=name or f"Testorganisatie {next(_numbers)}", **fields)
    db.session.add(organisation)
    db.session.flush()
    return organisation


def create_user(
    role="case_manager",
    *,
    name=None,
    email=None,
    sectors=None,
    password=PASSWORD,
    active=True,
    organisation=None,
    language="nl",
) -> User:
    number = next(_numbers)
    name = name or f"Testgebruiker {number}"
    if role == "policy_owner" and sectors is None:
        sectors = [sector("housing")]
    user = User(
        email=email or f"user{number}@test.example",
        name=name,
        handle=unique_handle(name),
        role=role,
        sectors=sectors or [],
        password_hash=hash_password(password),
        active=active,
        organisation=organisation,
        language=language,
    )
    db.session.add(user)
    db.session.flush()
    return user


def create_bottleneck(
    reporter=None,
    title=None,
    description="Aanvragen blijven weken liggen zonder antwoord.",
    *,
    sector=None,
    sectors=("income",),
    domains=("income",),
    draft=False,
    **fields,
):
    """A submitted bottleneck (or a draft), written through the service as a case manager
    would; `sector` names a single sector concerned."""
    from mdma.bottlenecks import services

    reporter = reporter or create_user("case_manager")
    report = services.Report(
        title=title or f"Knelpunt {next(_numbers)}: aanvraag groeipakket blijft liggen",
        description=description,
        domains=list(domains),
        sectors=[_sector(code) for code in ((sector,) if sector else sectors)],
        **fields,
    )
    return services.save_draft(reporter, report, submit=not draft)


def route_bottleneck(bottleneck, sector_code="housing", today=None, *, coordinator=None):
    """Route a submitted bottleneck to one sector, as the coordinator does at triage."""
    from mdma.bottlenecks import routing

    coordinator = coordinator or create_user("coordinator")
    return routing.triage(
        coordinator, bottleneck, sectors=[_sector(sector_code)], level="intersectoral", today=today
    )
