"""Bottlenecks as JSON: writing, one bottleneck, the lifecycle, evidence and discussion."""

import json
from datetime import date

import pytest
import sqlalchemy as sa

from mdma.accounts.authentication import create_api_token
from mdma.bottlenecks import services
from mdma.bottlenecks.models import Bottleneck, Occurrence
from mdma.bottlenecks.similar import rarity
from mdma.bottlenecks.states import Status
from mdma.core.lifecycle import Step
from mdma.core.logbook import LogEntry
from mdma.threads.models import Post
from tests import factories
from tests.bottlenecks.conftest import count
from tests.factories import create_bottleneck, route_bottleneck

URL = "/api/v1/bottlenecks"
NATIONAL_NUMBER = "85073000061"


def body(**changes) -> dict:
    return {
        "title": "Huurwaarborg is niet op te brengen",
        "description": "Gezinnen vinden geen **huurwaarborg** voor een woning op de private markt.",
        "domains": ["housing", "income"],
        "sector_ids": [factories.sector("housing").id],
        "level": "intersectoral",
        "families_count": 3,
        "household": {"household_type": "single_parent", "children_band": "2"},
        "submit": True,
    } | changes


@pytest.fixture
def submitted(writer):
    return create_bottleneck(writer, "Huurwaarborg niet betaalbaar", sector="housing")


# --- Writing ---------------------------------------------------------------------------------


def test_case_manager_submits_a_bottleneck_with_a_token(app, session, writer):
    _token, secret = create_api_token(writer, "Script", None)
    session.commit()
    response = app.test_client().post(
        URL, json=body(), headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status_code == 201
    created = response.json
    assert (created["status"], created["status_label"]) == ("submitted", "Submitted")
    assert created["reporter"] == "sofie.claes"
    assert writer.email not in response.get_data(as_text=True)
    assert created["household"]["children_band"] == "2"
    assert created["following"] is True
    assert created["url"] == f"/bottlenecks/{created['id']}"


def test_case_manager_saves_a_draft_and_may_submit_it_next(call, writer):
    response = call("POST", URL, writer, json=body(submit=False))
    assert response.status_code == 201
    assert response.json["status"] == "draft"
    [step] = response.json["next_steps"]
    assert step["to"] == "submitted"
    assert step["href"] == f"{URL}/{response.json['id']}/submit"
    assert call("POST", step["href"], writer).json["status"] == "submitted"


@pytest.mark.parametrize("role", ["researcher", "policy_owner"])
def test_only_front_line_workers_write_bottlenecks(call, session, create_user, role):
    response = call("POST", URL, create_user(role), json=body())
    assert response.status_code == 403
    assert count(session, Bottleneck) == 0


def test_national_number_is_refused_with_findings_and_redaction_and_nothing_is_stored(
    call, session, writer
):
    text = f"Mama (RRN {NATIONAL_NUMBER}) vindt geen waarborg."
    response = call("POST", URL, writer, json=body(description=text))
    assert response.status_code == 422
    error = response.json["error"]
    assert error["fields"] == {"description": [error["message"]]}
    [finding] = error["privacy"]["findings"]
    assert finding == {
        "kind": "national_number",
        "label": "national register number",
        "start": 10,
        "end": 21,
        "text": NATIONAL_NUMBER,
    }
    assert (
        error["privacy"]["redacted"] == "Mama (RRN [national register number]) vindt geen waarborg."
    )
    assert count(session, Bottleneck) == 0


def test_confirmed_false_alarm_is_stored_and_logged_without_the_text(call, session, writer):
    text = f"Het formulier vraagt een nummer zoals {NATIONAL_NUMBER}."
    response = call(
        "POST", URL, writer, json=body(description=text, confirmed_not_personal_data=True)
    )
    assert response.status_code == 201
    assert response.json["description"] == text
    logged = session.scalars(
        sa.select(LogEntry).where(LogEntry.action == "privacy:false_alarm_confirmed")
    ).one()
    assert logged.data["field"] == "description"
    assert NATIONAL_NUMBER not in json.dumps(logged.data)


def test_an_unknown_sector_is_refused_at_its_field(call, session, writer):
    response = call("POST", URL, writer, json=body(sector_ids=[999_999]))
    assert response.status_code == 422
    assert list(response.json["error"]["fields"]) == ["sector_ids"]
    assert count(session, Bottleneck) == 0


def test_household_context_only_takes_the_fixed_lists(call, writer):
    response = call("POST", URL, writer, json=body(household={"children_band": "twee"}))
    assert response.status_code == 422
    assert "household" in response.json["error"]["fields"]


def test_writer_edits_a_draft_at_its_current_version(call, writer):
    draft = call("POST", URL, writer, json=body(submit=False)).json
    response = call(
        "PATCH",
        f"{URL}/{draft['id']}",
        writer,
        json={"title": "Waarborg", "version": draft["version"]},
    )
    assert response.status_code == 200
    assert response.json["title"] == "Waarborg"
    assert response.json["domains"] == draft["domains"]  # what the edit left out stays


def test_writer_submits_a_draft_with_its_last_edit(call, writer):
    draft = call("POST", URL, writer, json=body(submit=False)).json
    edit = {"families_count": 4, "submit": True, "version": draft["version"]}
    response = call("PATCH", f"{URL}/{draft['id']}", writer, json=edit)
    assert (response.json["status"], response.json["families_count"]) == ("submitted", 4)


def test_colleague_cannot_edit_a_submitted_bottleneck(call, session, submitted, create_user):
    edit = {"title": "Overgeschreven", "version": submitted.version}
    response = call("PATCH", f"{URL}/{submitted.id}", create_user(), json=edit)
    assert response.status_code == 403
    assert session.get(Bottleneck, submitted.id).title == "Huurwaarborg niet betaalbaar"


def test_edit_on_a_stale_version_is_refused_with_409(call, session, writer):
    draft = call("POST", URL, writer, json=body(submit=False)).json
    stale = {"title": "Later", "version": draft["version"] - 1}
    response = call("PATCH", f"{URL}/{draft['id']}", writer, json=stale)
    assert response.status_code == 409
    assert session.get(Bottleneck, draft["id"]).title == body()["title"]


def test_edit_without_a_version_is_refused(call, writer):
    draft = call("POST", URL, writer, json=body(submit=False)).json
    response = call("PATCH", f"{URL}/{draft['id']}", writer, json={"title": "Zonder versie"})
    assert response.status_code == 422
    assert "version" in response.json["error"]["fields"]


def test_a_draft_is_hidden_from_everyone_but_its_writer(call, writer, create_user):
    draft = call("POST", URL, writer, json=body(submit=False)).json
    colleague = create_user()
    assert call("GET", f"{URL}/{draft['id']}", writer).status_code == 200
    assert call("GET", f"{URL}/{draft['id']}", colleague).status_code == 404
    assert call("GET", f"{URL}/{draft['id']}", create_user("coordinator")).status_code == 404
    assert draft["id"] not in [b["id"] for b in call("GET", URL, colleague).json]


# --- One bottleneck --------------------------------------------------------------------------


def test_detail_shows_evidence_and_timeline(call, submitted, create_user):
    colleague = create_user(name="Jonas Peeters")
    services.add_occurrence(colleague, submitted, occurred_on=date(2026, 1, 12), domains=["income"])
    detail = call("GET", f"{URL}/{submitted.id}", colleague).json
    # The original report is the first occurrence, in its own month.
    assert detail["evidence"]["occurrences"] == 2
    assert detail["evidence"]["families"] == 2
    reported = submitted.submitted_at.strftime("%Y-%m")
    assert detail["evidence"]["per_month"] == {"2026-01": 1, reported: 1}
    assert detail["occurrence_count"] == 2
    assert [(s["from"], s["to"], s["actor"]) for s in detail["timeline"]] == [
        ("draft", "submitted", "sofie.claes")
    ]
    assert detail["following"] is True


def test_coordinator_is_offered_routing_and_declining(call, submitted, coordinator):
    steps = call("GET", f"{URL}/{submitted.id}", coordinator).json["next_steps"]
    assert {(s["to"], s["needs_reason"]) for s in steps} == {
        ("triaged", False),
        ("declined", True),
    }
    assert next(s for s in steps if s["to"] == "triaged")["href"].endswith("/triage")


def test_case_manager_is_offered_no_step_on_someone_elses_bottleneck(call, submitted, create_user):
    assert call("GET", f"{URL}/{submitted.id}", create_user()).json["next_steps"] == []


def test_unknown_bottleneck_is_a_404(call, writer):
    assert call("GET", f"{URL}/999999", writer).json["error"]["code"] == "not_found"


# --- Triage and the lifecycle ----------------------------------------------------------------


def test_coordinator_routes_a_bottleneck_to_sectors_and_owners(call, submitted, coordinator, owner):
    response = call(
        "POST",
        f"{URL}/{submitted.id}/triage",
        coordinator,
        json={
            "sector_ids": [factories.sector("housing").id],
            "level": "intersectoral",
            "owner_ids": [owner.id],
            "tags": ["Huur"],
        },
    )
    assert response.status_code == 200
    routed = response.json
    assert (routed["status"], routed["level"], routed["tags"]) == (
        "triaged",
        "intersectoral",
        ["huur"],
    )
    assert [o["handle"] for o in routed["owners"]] == [owner.handle]
    assert routed["answer_due_on"] is not None


@pytest.mark.parametrize("role", ["case_manager", "policy_owner"])
def test_only_the_coordinator_routes(call, session, submitted, create_user, role):
    triage = {"sector_ids": [factories.sector("housing").id], "level": "intersectoral"}
    response = call("POST", f"{URL}/{submitted.id}/triage", create_user(role), json=triage)
    assert response.status_code == 403
    assert session.get(Bottleneck, submitted.id).status == Status.SUBMITTED


def test_naming_a_case_manager_as_owner_is_refused_at_owner_ids(call, submitted, coordinator):
    triage = {
        "sector_ids": [factories.sector("housing").id],
        "level": "intersectoral",
        "owner_ids": [submitted.reporter_id],
    }
    response = call("POST", f"{URL}/{submitted.id}/triage", coordinator, json=triage)
    assert response.status_code == 422
    assert list(response.json["error"]["fields"]) == ["owner_ids"]


def test_policy_owner_of_a_routed_sector_resolves_with_a_reason(call, session, submitted, owner):
    route_bottleneck(submitted, "housing")
    resolution = {"to": "resolved", "reason": "De huurwaarborg wordt voortaan voorgeschoten."}
    response = call("POST", f"{URL}/{submitted.id}/transitions", owner, json=resolution)
    assert response.status_code == 200
    assert response.json["status"] == "resolved"
    assert response.json["timeline"][-1]["reason"] == resolution["reason"]


def test_resolving_without_a_reason_is_refused_and_nothing_changes(call, session, submitted, owner):
    route_bottleneck(submitted, "housing")
    steps = count(session, Step)
    response = call("POST", f"{URL}/{submitted.id}/transitions", owner, json={"to": "resolved"})
    assert response.status_code == 422
    assert list(response.json["error"]["fields"]) == ["reason"]
    assert session.get(Bottleneck, submitted.id).status == Status.TRIAGED
    assert count(session, Step) == steps


def test_policy_owner_of_another_sector_cannot_resolve(call, session, submitted, create_user):
    route_bottleneck(submitted, "housing")
    outsider = create_user("policy_owner", sectors=[factories.sector("health")])
    decision = {"to": "resolved", "reason": "Opgelost."}
    response = call("POST", f"{URL}/{submitted.id}/transitions", outsider, json=decision)
    assert response.status_code == 403
    assert session.get(Bottleneck, submitted.id).status == Status.TRIAGED


def test_case_manager_cannot_decline(call, session, submitted):
    decision = {"to": "declined", "reason": "Geen knelpunt."}
    response = call("POST", f"{URL}/{submitted.id}/transitions", submitted.reporter, json=decision)
    assert response.status_code == 403
    assert session.get(Bottleneck, submitted.id).status == Status.SUBMITTED


def test_a_step_that_is_not_possible_now_is_a_409_with_a_message(call, submitted, coordinator):
    response = call("POST", f"{URL}/{submitted.id}/transitions", coordinator, json={"to": "closed"})
    assert response.status_code == 409
    assert response.json["error"]["message"] == "This step is not possible from the current status."


def test_routing_is_not_a_plain_transition(call, submitted, coordinator):
    response = call(
        "POST", f"{URL}/{submitted.id}/transitions", coordinator, json={"to": "triaged"}
    )
    assert response.status_code == 422
    assert list(response.json["error"]["fields"]) == ["to"]


def test_coordinator_merges_a_duplicate_whose_address_then_redirects(
    call, submitted, coordinator, create_user
):
    duplicate = create_bottleneck(create_user(), "Waarborg te duur", sector="housing")
    merge = {"duplicate_id": duplicate.id, "reason": "Zelfde knelpunt."}
    response = call("POST", f"{URL}/{submitted.id}/merge", coordinator, json=merge)
    assert response.status_code == 200
    # Its own report and the duplicate's, each the first occurrence of its bottleneck.
    assert response.json["evidence"]["occurrences"] == 2
    assert response.json["occurrence_count"] == 2
    moved = call("GET", f"{URL}/{duplicate.id}/posts?page=1", coordinator)
    assert moved.status_code == 308
    assert moved.headers["Location"].endswith(f"{URL}/{submitted.id}/posts?page=1")


# --- Evidence, following, discussion ---------------------------------------------------------


def test_colleague_adds_an_occurrence_and_follows_from_then_on(call, submitted, create_user):
    colleague = create_user()
    occurrence = {"occurred_on": "2026-02-03", "domains": ["housing"], "note": "Ook in Gent."}
    response = call("POST", f"{URL}/{submitted.id}/occurrences", colleague, json=occurrence)
    assert response.status_code == 201
    assert (response.json["occurred_on"], response.json["note"]) == ("2026-02-03", "Ook in Gent.")
    listed = call("GET", f"{URL}/{submitted.id}/occurrences", colleague).json
    assert [o["id"] for o in listed] == [response.json["id"]]
    assert call("GET", f"{URL}/{submitted.id}", colleague).json["following"] is True


def test_occurrence_in_the_future_is_refused_at_its_field(call, session, submitted, create_user):
    occurrence = {"occurred_on": "2999-01-01"}
    response = call("POST", f"{URL}/{submitted.id}/occurrences", create_user(), json=occurrence)
    assert response.status_code == 422
    assert list(response.json["error"]["fields"]) == ["occurred_on"]
    assert count(session, Occurrence) == 0


def test_reader_follows_and_unfollows(call, submitted, create_user):
    reader = create_user("researcher")
    assert call("PUT", f"{URL}/{submitted.id}/follow", reader).status_code == 204
    assert call("GET", f"{URL}/{submitted.id}", reader).json["following"] is True
    assert call("DELETE", f"{URL}/{submitted.id}/follow", reader).status_code == 204
    assert call("GET", f"{URL}/{submitted.id}", reader).json["following"] is False


def test_policy_owners_answer_for_their_sector_is_the_first_answer(call, submitted, owner):
    route_bottleneck(submitted, "housing")
    answer = {"body": "We bekijken een **waarborgfonds**.", "as_answer": True}
    response = call("POST", f"{URL}/{submitted.id}/posts", owner, json=answer)
    assert response.status_code == 201
    assert response.json["author"] == owner.handle
    thread = call("GET", f"{URL}/{submitted.id}/posts", owner).json
    assert [p["body"] for p in thread] == [answer["body"]]
    assert response.json["answer_sector"] == "housing"
    assert call("GET", f"{URL}/{submitted.id}", owner).json["status"] == "in_discussion"


def test_researcher_reads_but_does_not_post(call, session, submitted, create_user):
    response = call(
        "POST", f"{URL}/{submitted.id}/posts", create_user("researcher"), json={"body": "Vraag"}
    )
    assert response.status_code == 403
    assert count(session, Post) == 0


def test_bottleneck_endpoints_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert {
        URL,
        f"{URL}/{{bottleneck_id}}",
        f"{URL}/{{bottleneck_id}}/submit",
        f"{URL}/{{bottleneck_id}}/occurrences",
        f"{URL}/{{bottleneck_id}}/triage",
        f"{URL}/{{bottleneck_id}}/transitions",
        f"{URL}/{{bottleneck_id}}/merge",
        f"{URL}/{{bottleneck_id}}/follow",
        f"{URL}/{{bottleneck_id}}/posts",
    } <= set(paths)
    assert set(paths[f"{URL}/{{bottleneck_id}}/follow"]) >= {"put", "delete"}


def test_openapi_document_describes_a_privacy_refusal_and_the_guarded_fields(client):
    document = client.get("/api/v1/openapi.json").json
    schemas = document["components"]["schemas"]
    assert set(schemas["PrivacyRefusal"]["properties"]) == {"field", "findings", "redacted"}
    assert schemas["BottleneckInput"]["properties"]["description"]["x-privacy-guard"] is True


def test_similar_suggests_a_reworded_duplicate_while_typing(client, session, create_user, login_as):
    existing = factories.create_bottleneck(title="Huurwaarborg komt te laat bij een nieuwe woning")
    login_as(create_user("case_manager"))
    response = client.get(
        "/api/v1/bottlenecks/similar", query_string={"title": "Huurborg laat uitbetaald"}
    )
    assert response.status_code == 200
    assert existing.id in [item["id"] for item in response.json]


def test_a_suggestion_says_why_it_matched(client, session, create_user, login_as):
    rarity.taken_at = float("-inf")
    factories.create_bottleneck(title="Huurwaarborg komt te laat bij een nieuwe woning")
    login_as(create_user("case_manager"))
    first = client.get(
        "/api/v1/bottlenecks/similar", query_string={"title": "Huurborg laat uitbetaald"}
    ).json[0]
    assert "huurborg" in first["shared"]
    assert isinstance(first["probably_same"], bool)
    assert 0 < first["score"] <= 1


def test_similar_needs_a_title(client, session, create_user, login_as):
    login_as(create_user("case_manager"))
    response = client.get("/api/v1/bottlenecks/similar")
    assert response.status_code == 422
    assert "title" in response.json["error"]["fields"]
