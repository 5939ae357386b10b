"""Who may do what with one bottleneck, as a table: the capability of each role and the object
rules of `states.POLICY`, asked through the one `permissions.allowed`."""

import pytest

from mdma.permissions import Permission, allowed, roles_on
from tests import factories

P = Permission
READ, REPORT, DISCUSS = P.BOTTLENECK_READ, P.BOTTLENECK_REPORT, P.BOTTLENECK_DISCUSS
ANSWER, TRIAGE = P.BOTTLENECK_ANSWER, P.BOTTLENECK_TRIAGE


@pytest.fixture
def people(session):
    writer = factories.create_user("case_manager")
    return {
        "writer": writer,
        "colleague": factories.create_user("case_manager"),
        "routed owner": factories.create_user("policy_owner", sectors=[factories.sector("income")]),
        "named owner": factories.create_user("policy_owner", sectors=[factories.sector("health")]),
        "other owner": factories.create_user("policy_owner", sectors=[factories.sector("housing")]),
        "coordinator": factories.create_user("coordinator"),
        "researcher": factories.create_user("researcher"),
    }


@pytest.fixture
def draft(people):
    return factories.create_bottleneck(people["writer"], draft=True)


@pytest.fixture
def routed(people):
    bottleneck = factories.create_bottleneck(people["writer"])
    factories.route_bottleneck(bottleneck, "income", coordinator=people["coordinator"])
    bottleneck.owners = [people["named owner"]]
    return bottleneck


@pytest.mark.parametrize(
    "who, permission, on_draft, on_routed",
    [
        ("writer", READ, True, True),
        ("colleague", READ, False, True),
        ("coordinator", READ, False, True),
        ("researcher", READ, False, True),
        ("writer", REPORT, True, True),
        ("colleague", REPORT, False, True),
        ("routed owner", REPORT, False, False),
        ("routed owner", ANSWER, False, True),  # nobody answers a draft
        ("named owner", ANSWER, False, True),
        ("other owner", ANSWER, False, False),
        ("coordinator", ANSWER, False, True),
        ("writer", ANSWER, False, False),
        ("other owner", DISCUSS, False, True),
        ("researcher", DISCUSS, False, False),
        ("coordinator", TRIAGE, False, True),
        ("routed owner", TRIAGE, False, False),
    ],
)
def test_object_rules_of_a_bottleneck(people, draft, routed, who, permission, on_draft, on_routed):
    assert (allowed(people[who], permission, draft), allowed(people[who], permission, routed)) == (
        on_draft,
        on_routed,
    )


def test_roles_held_on_one_bottleneck(people, routed):
    assert roles_on(people["writer"], routed) == {"reporter"}
    assert roles_on(people["named owner"], routed) == {"named_owner"}
    assert roles_on(people["colleague"], routed) == set()


def test_a_deactivated_writer_may_do_nothing_with_their_own_draft(people, draft):
    people["writer"].active = False
    assert not allowed(people["writer"], READ, draft)
