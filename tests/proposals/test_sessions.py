"""Proposals and sessions: started from a session's decision, the sessions where a proposal was
discussed, its timeline through them, and a proposal put on a session's agenda."""

import pytest
import sqlalchemy as sa

from mdma.core.errors import RuleViolation
from mdma.proposals import queries, services
from mdma.proposals.models import Proposal, proposal_agenda_items
from mdma.sessions import agenda
from mdma.sessions.models import AgendaItem
from tests import factories
from tests.proposals.conftest import draft_of
from tests.sessions.conftest import plan_session


@pytest.fixture
def decided(session, coordinator, routed):
    """A session with both bottlenecks on its agenda and a decision on the first."""
    meeting = plan_session(coordinator, theme="Toeslagen voor gezinnen")
    items = [agenda.add_item(coordinator, meeting, kind="bottleneck", bottleneck=b) for b in routed]
    decision = agenda.add_decision(
        coordinator, items[0], "We vragen een automatische toekenning van het groeipakket."
    )
    return meeting, decision


def test_the_session_page_offers_to_turn_a_decision_into_a_proposal(
    client, session, coordinator, decided, login_as
):
    meeting, decision = decided
    login_as(coordinator)
    page = client.get(f"/sessions/{meeting.id}").get_data(as_text=True)
    assert f'href="/proposals/new?decision={decision.id}"' in page


def test_who_may_not_write_proposals_sees_no_such_action(client, session, decided, login_as):
    meeting, decision = decided
    login_as(factories.create_user("researcher", language="en"))
    page = client.get(f"/sessions/{meeting.id}").get_data(as_text=True)
    assert f"decision={decision.id}" not in page


def test_a_proposal_started_from_a_decision_is_pre_filled(
    client, session, coordinator, decided, routed, login_as
):
    meeting, decision = decided
    login_as(coordinator)
    page = client.get(f"/proposals/new?decision={decision.id}").get_data(as_text=True)
    assert 'value="Toeslagen voor gezinnen"' in page
    assert "automatische toekenning van het groeipakket" in page
    for bottleneck in routed:
        assert f'<option selected value="{bottleneck.id}">' in page
    assert f'name="decision" type="hidden" value="{decision.id}"' in page


def test_a_decision_of_an_unknown_session_answers_404(client, session, coordinator, login_as):
    login_as(coordinator)
    assert client.get("/proposals/new?decision=999999").status_code == 404


def test_saving_from_a_decision_records_the_session_where_it_was_discussed(
    session, owner, coordinator, decided, routed
):
    meeting, decision = decided
    proposal = services.save(coordinator, None, draft_of(owner, routed, decision_id=decision.id))
    assert proposal.decision_id == decision.id
    assert proposal.sessions == [meeting]


def test_the_sessions_are_editable(session, owner, coordinator, decided, routed):
    meeting, _decision = decided
    other = plan_session(coordinator, theme="Kinderopvang", days=20)
    proposal = services.save(owner, None, draft_of(owner, routed, session_ids=[meeting.id]))
    services.save(owner, proposal, draft_of(owner, routed, session_ids=[meeting.id, other.id]))
    assert proposal.sessions == [meeting, other]
    services.save(owner, proposal, draft_of(owner, routed, session_ids=[]))
    assert proposal.sessions == []


def test_an_unknown_session_is_refused_and_nothing_stored(session, owner, routed):
    with pytest.raises(RuleViolation) as refused:
        services.save(owner, None, draft_of(owner, routed, session_ids=[999999]))
    assert refused.value.field == "session_ids"
    assert session.query(Proposal).count() == 0


def test_the_timeline_tells_bottlenecks_then_sessions_then_the_proposal(
    session, owner, coordinator, decided, routed
):
    meeting, decision = decided
    proposal = services.save(coordinator, None, draft_of(owner, routed, decision_id=decision.id))
    services.transition(coordinator, proposal, "under_discussion")
    kinds = [moment.kind for moment in queries.timeline(proposal)]
    assert kinds.index("bottleneck") < kinds.index("decision") < kinds.index("proposal")
    assert "session" in kinds


def test_the_proposal_page_shows_its_sessions(
    client, session, owner, coordinator, decided, routed, login_as
):
    meeting, decision = decided
    proposal = services.save(coordinator, None, draft_of(owner, routed, decision_id=decision.id))
    login_as(coordinator)
    page = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert f'href="/sessions/{meeting.id}"' in page
    assert "Toeslagen voor gezinnen" in page


def test_a_proposal_put_on_the_agenda_links_both_ways(
    client, session, coordinator, proposal, login_as
):
    meeting = plan_session(coordinator, theme="Opvolging voorstellen")
    item = agenda.add_item(coordinator, meeting, kind="proposal", subject_id=proposal.id)
    assert item.heading == proposal.title
    assert proposal.sessions == [meeting]
    login_as(coordinator)
    page = client.get(f"/sessions/{meeting.id}").get_data(as_text=True)
    assert f'href="/proposals/{proposal.id}"' in page
    proposal.title = "Huurwaarborg via één centraal fonds"  # renamed since
    session.commit()
    page = client.get(f"/sessions/{meeting.id}").get_data(as_text=True)
    assert f'href="/proposals/{proposal.id}">Huurwaarborg via één centraal fonds</a>' in page


def test_a_proposal_the_planner_cannot_read_is_refused(session, coordinator, proposal, monkeypatch):
    meeting = plan_session(coordinator)
    for unknown in (None, 999999):
        with pytest.raises(RuleViolation) as refused:
            agenda.add_item(coordinator, meeting, kind="proposal", subject_id=unknown)
        assert refused.value.field == "proposal_id"
    # Only coordinators plan, and they read every proposal: the rule is asked all the same.
    monkeypatch.setattr(services, "can_read", lambda actor, p: False)
    with pytest.raises(RuleViolation):
        agenda.add_item(coordinator, meeting, kind="proposal", subject_id=proposal.id)
    assert session.query(AgendaItem).count() == 0


def test_the_same_proposal_twice_on_one_agenda_is_refused(session, coordinator, proposal):
    meeting = plan_session(coordinator)
    agenda.add_item(coordinator, meeting, kind="proposal", subject_id=proposal.id)
    with pytest.raises(RuleViolation):
        agenda.add_item(coordinator, meeting, kind="proposal", subject_id=proposal.id)
    assert session.scalar(sa.select(sa.func.count()).select_from(proposal_agenda_items)) == 1


def test_a_proposal_goes_on_the_agenda_through_the_form_and_the_api(
    client, session, coordinator, proposal, login_as, call
):
    meeting = plan_session(coordinator)
    login_as(coordinator)
    response = client.post(
        f"/sessions/{meeting.id}/agenda",
        data={"kind": "proposal", "proposal_id": proposal.id, "presenter_id": 0},
    )
    assert response.status_code == 302
    other = plan_session(coordinator, days=30)
    answer = call(
        "POST", f"/api/v1/sessions/{other.id}/agenda", coordinator,
        json={"kind": "proposal", "proposal_id": proposal.id},
    )  # fmt: skip
    assert answer.status_code == 201, answer.get_json()
    assert {m.id for m in proposal.sessions} == {meeting.id, other.id}


def test_the_api_starts_from_a_decision_and_keeps_sessions_it_is_not_given(
    call, session, owner, coordinator, decided, routed
):
    meeting, decision = decided
    body = {"title": "Automatisch groeipakket", "kind": "structural", "levels": {"local": ""},
            "bottleneck_ids": [b.id for b in routed], "decision_id": decision.id}  # fmt: skip
    created = call("POST", "/api/v1/proposals", coordinator, json=body)
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["session_ids"] == [meeting.id]
    proposal_id = created.get_json()["id"]
    edited = call(
        "PUT", f"/api/v1/proposals/{proposal_id}", coordinator,
        json={**body, "decision_id": None, "title": "Automatisch groeipakket voor elk gezin"},
    )  # fmt: skip
    assert edited.status_code == 200, edited.get_json()
    assert edited.get_json()["session_ids"] == [meeting.id]
