"""A bottleneck proposed for the next session of a type, from its own page: offered there as a
suggested agenda item until it is on such an agenda."""

import pytest
import sqlalchemy as sa

from mdma.core.errors import RuleViolation
from mdma.extensions import db
from mdma.sessions import agenda, proposed, queries
from mdma.sessions.models import ProposedItem
from tests import factories
from tests.sessions.conftest import plan_session, session_type


def test_a_policy_owner_proposes_and_the_next_session_of_that_type_suggests_it(
    session, coordinator, create_user
):
    owner = create_user("policy_owner")
    bottleneck = factories.create_bottleneck(create_user("case_manager"))
    deep_dive, lunch = plan_session(coordinator), plan_session(coordinator, code="lunch_talk")

    proposed.propose(owner, bottleneck, session_type("deep_dive"))

    assert bottleneck in queries.suggestions(deep_dive)
    assert bottleneck not in queries.suggestions(lunch)
    with pytest.raises(RuleViolation) as twice:
        proposed.propose(owner, bottleneck, session_type("deep_dive"))
    assert twice.value.status == 409
    agenda.add_item(coordinator, deep_dive, kind="bottleneck", bottleneck=bottleneck)
    assert proposed.for_type(deep_dive.type_id) == []


def test_a_case_manager_or_a_draft_cannot_be_proposed(session, create_user):
    writer = create_user("case_manager")
    draft = factories.create_bottleneck(writer, draft=True)
    with pytest.raises(RuleViolation):
        proposed.propose(writer, factories.create_bottleneck(writer), session_type())
    with pytest.raises(RuleViolation):
        proposed.propose(create_user("policy_owner"), draft, session_type())
    with pytest.raises(RuleViolation):
        proposed.propose(create_user("policy_owner"), factories.create_bottleneck(writer), None)
    assert db.session.scalar(sa.select(sa.func.count(ProposedItem.id))) == 0


def test_the_bottleneck_page_offers_the_proposal_and_it_is_stored(
    client, session, create_user, login_as
):
    owner = create_user("policy_owner", language="en")
    bottleneck = factories.create_bottleneck(create_user("case_manager"))
    session.commit()
    login_as(owner)

    page = client.get(f"/bottlenecks/{bottleneck.id}").get_data(as_text=True)
    assert f'action="/sessions/proposed-items/{bottleneck.id}"' in page
    bad = client.post(f"/sessions/proposed-items/{bottleneck.id}", data={"type_id": "x"},
                      follow_redirects=True)  # fmt: skip
    assert "Choose from the list." in bad.get_data(as_text=True)
    done = client.post(f"/sessions/proposed-items/{bottleneck.id}",
                       data={"type_id": str(session_type("deep_dive").id)})  # fmt: skip
    assert done.status_code == 302
    assert [p.type.code for p in proposed.of_bottleneck(bottleneck)] == ["deep_dive"]
    page = client.get(f"/bottlenecks/{bottleneck.id}").get_data(as_text=True)
    assert "Proposed for the next session" in page


def test_the_api_proposes_and_refuses_an_unknown_type(call, session, create_user):
    owner = create_user("policy_owner")
    bottleneck = factories.create_bottleneck(create_user("case_manager"))
    lunch = session_type("lunch_talk")
    answer = call("POST", "/api/v1/sessions/proposed-items", owner,
                  json={"bottleneck_id": bottleneck.id, "type_id": lunch.id})  # fmt: skip
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["type_id"] == lunch.id
    bad = call("POST", "/api/v1/sessions/proposed-items", owner,
               json={"bottleneck_id": bottleneck.id, "type_id": 99999})  # fmt: skip
    assert bad.status_code in (400, 422)
    refused = call("POST", "/api/v1/sessions/proposed-items", create_user("case_manager"),
                   json={"bottleneck_id": bottleneck.id, "type_id": lunch.id})  # fmt: skip
    assert refused.status_code == 403
