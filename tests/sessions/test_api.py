"""Sessions through the API: the same services, in the OpenAPI document."""

from mdma.bottlenecks.states import Status
from tests import factories
from tests.sessions.conftest import plan_session, session_type


def test_the_openapi_document_describes_the_session_endpoints(client, session):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    for path in (
        "/api/v1/sessions",
        "/api/v1/sessions/{session_id}/registration",
        "/api/v1/sessions/{session_id}/agenda",
        "/api/v1/sessions/{session_id}/agenda/{item_id}/action-points",
    ):
        assert path in paths  # fmt: skip


def test_plan_register_and_put_a_bottleneck_on_the_agenda(call, session, coordinator, create_user):
    owner = create_user("policy_owner", language="en")
    response = call(
        "POST", "/api/v1/sessions", coordinator,
        json={"type_id": session_type().id, "theme": "Wonen",
              "starts_at": "2030-03-31T10:00:00+02:00", "ends_at": "2030-03-31T12:00:00+02:00",
              "capacity": 10, "person_ids": [owner.id]},
    )  # fmt: skip
    assert response.status_code == 201, response.json
    meeting = response.json
    assert meeting["starts_at"] == "2030-03-31T08:00:00+00:00"

    response = call("POST", f"/api/v1/sessions/{meeting['id']}/registration", owner,
                    json={"answer": "register"})  # fmt: skip
    assert (response.status_code, response.json["status"]) == (200, "registered")
    again = call("POST", f"/api/v1/sessions/{meeting['id']}/registration", owner,
                 json={"answer": "register"})  # fmt: skip
    assert again.status_code == 409

    bottleneck = factories.route_bottleneck(factories.create_bottleneck(), "housing")
    response = call("POST", f"/api/v1/sessions/{meeting['id']}/agenda", coordinator,
                    json={"kind": "bottleneck", "bottleneck_id": bottleneck.id})  # fmt: skip
    assert response.status_code == 201, response.json
    session.refresh(bottleneck)
    assert bottleneck.status == Status.SCHEDULED

    item = response.json["id"]
    response = call(
        "POST", f"/api/v1/sessions/{meeting['id']}/agenda/{item}/action-points", coordinator,
        json={"text": "Brief aan de huisvestingsmaatschappij", "owner_id": owner.id,
              "due_on": "2030-04-15"},
    )  # fmt: skip
    assert response.status_code == 201
    point = response.json["id"]
    response = call("PUT", f"/api/v1/sessions/action-points/{point}/state", owner,
                    json={"state": "done"})  # fmt: skip
    assert response.json["state"] == "done"


def test_planning_in_the_past_answers_422_at_the_field(call, session, coordinator):
    response = call(
        "POST", "/api/v1/sessions", coordinator,
        json={"type_id": session_type().id, "theme": "Te laat",
              "starts_at": "2020-01-01T10:00:00+01:00", "ends_at": "2020-01-01T12:00:00+01:00"},
    )  # fmt: skip
    assert response.status_code == 422
    assert "starts_at" in response.json["error"]["fields"]


def test_a_time_without_an_offset_is_refused(call, session, coordinator):
    response = call(
        "POST", "/api/v1/sessions", coordinator,
        json={"type_id": session_type().id, "theme": "Zonder zone",
              "starts_at": "2030-01-01T10:00:00", "ends_at": "2030-01-01T12:00:00"},
    )  # fmt: skip
    assert response.status_code == 422


def test_an_agenda_item_pointing_at_someone_elses_draft_is_refused(call, session, coordinator):
    meeting = plan_session(coordinator)
    draft = factories.create_bottleneck(draft=True)
    response = call("POST", f"/api/v1/sessions/{meeting.id}/agenda", coordinator,
                    json={"kind": "bottleneck", "bottleneck_id": draft.id})  # fmt: skip
    assert response.status_code == 422
    assert "bottleneck_id" in response.json["error"]["fields"]
