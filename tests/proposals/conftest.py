"""Shared by the proposal tests: the people, routed bottlenecks with evidence, proposals
written and adopted through the services."""

from datetime import date

import pytest

from mdma.bottlenecks import services as bottleneck_services
from mdma.proposals import services
from tests import factories
from tests.bottlenecks.conftest import call  # noqa: F401  (the API tests' request helper)


@pytest.fixture
def coordinator(session):
    return factories.create_user("coordinator", language="en")


@pytest.fixture
def owner(session):
    return factories.create_user("policy_owner", language="en")


@pytest.fixture
def reporter(session):
    organisation = factories.create_organisation("OCMW Voorbeeld")
    return factories.create_user("case_manager", language="en", organisation=organisation)


@pytest.fixture
def routed(session, reporter, coordinator):
    """Two routed bottlenecks: the first with two more occurrences by another case manager."""
    first = factories.create_bottleneck(reporter, "Groeipakket komt te laat", domains=("income",))
    second = factories.create_bottleneck(
        reporter, "Wachtlijst kinderopvang", domains=("children_stimulation", "income"),
        sectors=("children",),
    )  # fmt: skip
    factories.route_bottleneck(first, "income", coordinator=coordinator)
    factories.route_bottleneck(second, "children", coordinator=coordinator)
    other = factories.create_user(
        "social_worker", organisation=factories.create_organisation("CAW Zuid")
    )
    for day in (date(2026, 2, 3), date(2026, 8, 20)):
        bottleneck_services.add_occurrence(other, first, occurred_on=day)
    return [first, second]


def draft_of(owner, bottlenecks=(), **fields) -> services.Draft:
    values = {
        "title": "Automatische rechtentoekenning groeipakket",
        "problem": "Gezinnen missen toeslagen omdat de aanvraag te ingewikkeld is.",
        "proposal": "Ken de toeslag **automatisch** toe op basis van gekende gegevens.",
        "expected_effect": "Minder gezinnen zonder toeslag.",
        "kind": "structural",
        "levels": {"flemish": "Vlaams minister van Welzijn", "local": "Gemeenteraad"},
        "owner_id": owner.id,
        "bottleneck_ids": [b.id for b in bottlenecks],
    }
    return services.Draft(**{**values, **fields})


@pytest.fixture
def proposal(session, owner, routed):
    return services.save(owner, None, draft_of(owner, routed))


@pytest.fixture
def adopted(proposal, coordinator):
    services.transition(coordinator, proposal, "under_discussion")
    services.transition(coordinator, proposal, "adopted")
    return proposal
