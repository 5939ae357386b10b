"""Shared by the thread tests: a routed bottleneck and the people around it."""

import pytest

from mdma.bottlenecks import routing
from tests import factories


@pytest.fixture
def people(create_user):
    return {
        "writer": create_user("case_manager", name="Sofie Claes", language="en"),
        "coordinator": create_user("coordinator", language="en"),
        "housing": create_user(
            "policy_owner", sectors=[factories.sector("housing")], language="en"
        ),
        "income": create_user("policy_owner", sectors=[factories.sector("income")], language="en"),
    }


@pytest.fixture
def routed(session, people):
    bottleneck = factories.create_bottleneck(people["writer"], title="Waarborg te duur")
    routing.triage(
        people["coordinator"],
        bottleneck,
        sectors=[factories.sector("housing"), factories.sector("income")],
        level="intersectoral",
    )
    return bottleneck
