"""The proposals and advice API: the same services and refusals as the pages, as JSON."""

import sqlalchemy as sa

from mdma.proposals.models import Advice, Proposal

API = "/api/v1"


def test_a_proposal_is_written_and_read_through_the_api(call, owner, routed):
    response = call(
        "POST", f"{API}/proposals", owner,
        json={"title": "Eén loket", "kind": "agreement", "levels": {"local": "Gemeenteraad"},
              "problem": "Wachten.", "bottleneck_ids": [routed[0].id]},
    )  # fmt: skip
    assert response.status_code == 201, response.json
    body = response.json
    assert body["status"] == "draft" and body["owner"]["id"] == owner.id
    assert [f["level"] for f in body["followups"]] == ["local"]
    read = call("GET", f"{API}/proposals/{body['id']}", owner)
    assert read.json["bottlenecks"][0]["id"] == routed[0].id


def test_a_proposal_without_a_level_answers_400_and_stores_nothing(call, session, owner):
    response = call(
        "POST", f"{API}/proposals", owner, json={"title": "X", "kind": "agreement", "levels": {}}
    )
    assert response.status_code == 422
    assert response.json["error"]["fields"].keys() == {"levels"}
    assert session.scalar(sa.select(sa.func.count()).select_from(Proposal)) == 0


def test_steps_by_the_wrong_role_or_out_of_order_are_refused(call, proposal, owner, coordinator):
    assert (
        call(
            "POST", f"{API}/proposals/{proposal.id}/transitions", coordinator, json={"to": "closed"}
        ).status_code
        == 409
    )
    call(
        "POST", f"{API}/proposals/{proposal.id}/transitions", owner, json={"to": "under_discussion"}
    )
    refused = call(
        "POST", f"{API}/proposals/{proposal.id}/transitions", owner, json={"to": "adopted"}
    )
    assert refused.status_code == 403


def test_a_level_is_followed_up_through_the_api(call, adopted, coordinator):
    followup = adopted.followup("flemish")
    base = f"{API}/proposals/levels/{followup.id}"
    assert (
        call("POST", f"{base}/transitions", coordinator, json={"to": "in_advice"}).status_code
        == 200
    )
    assert call(
        "POST", f"{base}/submission", coordinator,
        json={"submitted_on": "2026-09-01", "submitted_to": "Kabinet"},
    ).status_code == 200  # fmt: skip
    no_date = call("POST", f"{base}/answer", coordinator, json={"answer": "accepted"})
    assert no_date.status_code == 422
    assert call(
        "POST", f"{base}/answer", coordinator,
        json={"answer": "accepted", "answered_on": "2026-10-01"},
    ).json["status"] == "answered"  # fmt: skip
    call("POST", f"{base}/transitions", coordinator, json={"to": "in_implementation"})
    too_much = call("POST", f"{base}/progress", coordinator, json={"percent": 120, "text": "x"})
    assert too_much.status_code == 422
    assert (
        call("POST", f"{base}/progress", coordinator, json={"percent": 50, "text": "x"}).status_code
        == 201
    )
    down = call("POST", f"{base}/progress", coordinator, json={"percent": 20, "text": "y"})
    assert down.status_code == 422 and "reason" in down.json["error"]["fields"]
    assert [p["percent"] for p in call("GET", f"{base}/progress", coordinator).json] == [50]
    evidence = call("GET", f"{API}/proposals/{adopted.id}/evidence", coordinator).json
    assert (evidence["bottlenecks"], evidence["occurrences"]) == (2, 4)
    board = call("GET", f"{API}/proposals/board?level=flemish", coordinator).json
    assert board[0]["followup"]["progress_percent"] == 50


def test_an_advice_is_compiled_published_frozen_and_exported_through_the_api(
    call, client, session, adopted, coordinator
):
    candidates = call("GET", f"{API}/advices/candidates?level=flemish", coordinator).json
    assert [p["id"] for p in candidates] == [adopted.id]
    made = call(
        "POST", f"{API}/advices", coordinator,
        json={"level": "flemish", "period_start": "2026-01-01", "period_end": "2026-12-31",
              "title": "Advies", "proposal_ids": [adopted.id]},
    )  # fmt: skip
    assert made.status_code == 201, made.json
    advice_id = made.json["id"]
    call("PUT", f"{API}/advices/{advice_id}", coordinator,
         json={"title": "Advies 2026", "proposal_ids": [adopted.id]})  # fmt: skip
    diff = call("GET", f"{API}/advices/{advice_id}/compare?older=1&newer=2", coordinator).json
    assert {"left": "# Advies", "right": "# Advies 2026", "change": "replace"} in diff
    assert call("POST", f"{API}/advices/{advice_id}/publish", coordinator).status_code == 200
    frozen = call(
        "PUT", f"{API}/advices/{advice_id}", coordinator,
        json={"title": "Later", "proposal_ids": [adopted.id]},
    )  # fmt: skip
    assert frozen.status_code == 409
    docx = call("GET", f"{API}/advices/{advice_id}/export?format=docx", coordinator)
    assert docx.data.startswith(b"PK")
    assert call("GET", f"{API}/public/advices", coordinator).json == []
    call("PUT", f"{API}/advices/{advice_id}/public", coordinator, json={"public": True})
    with client.session_transaction() as signed_in:
        signed_in.clear()  # the public list needs no log-in
    public = client.get(f"{API}/public/advices").json
    assert public[0]["figures"]["occurrences"] == 4
    assert session.get(Advice, advice_id).public


def test_a_case_manager_cannot_compile_advice(call, reporter):
    assert call("GET", f"{API}/advices", reporter).status_code == 403
