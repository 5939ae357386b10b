"""Threads as JSON: the same services and checks as the pages."""

import pytest

from mdma.bottlenecks import services
from tests import factories
from tests.conftest import login


@pytest.fixture
def call(client, session):
    def request(method, path, user, **kwargs):
        session.commit()
        login(client, user)
        return client.open(path, method=method, **kwargs)

    return request


def test_a_post_through_the_thread_api_follows_its_objects_rules(call, routed, people):
    url = f"/api/v1/threads/{routed.thread_id}/posts"
    response = call(
        "POST", url, people["housing"], json={"body": "We **kijken**.", "as_answer": True}
    )
    assert response.status_code == 201, response.json
    assert response.json["body_html"] == "<p>We <strong>kijken</strong>.</p>"
    assert response.json["answer_sector"] == "housing"
    assert (
        call("POST", url, people["writer"], json={"body": "Ja?", "as_answer": True}).status_code
        == 403
    )


def test_an_empty_post_is_refused_in_the_callers_language(call, routed, people):
    url = f"/api/v1/threads/{routed.thread_id}/posts"
    response = call("POST", url, people["writer"], json={"body": ""})
    assert response.status_code == 422
    assert "body" in response.json["error"]["fields"]


def test_a_thread_one_may_not_read_is_not_found(call, people, create_user):
    draft = factories.create_bottleneck(people["writer"], draft=True)
    other = create_user("case_manager")
    assert call("GET", f"/api/v1/threads/{draft.thread_id}", other).status_code == 404
    assert call("GET", f"/api/v1/threads/{draft.thread_id}", people["writer"]).status_code == 200


def test_a_stale_edit_answers_409_with_the_current_post(call, routed, people):
    post = services.add_post(people["writer"], routed, "Eerste.")
    url = f"/api/v1/posts/{post.id}"
    assert (
        call("PATCH", url, people["writer"], json={"body": "Tweede.", "version": 1}).status_code
        == 200
    )
    response = call("PATCH", url, people["writer"], json={"body": "Derde.", "version": 1})
    assert response.status_code == 409
    assert response.json["error"]["current"]["body"] == "Tweede."
    versions = call("GET", f"{url}/versions", people["housing"]).json
    assert [v["body"] for v in versions] == ["Eerste.", "Tweede."]


def test_delete_and_hide_withdraw_the_text(call, routed, people):
    mine = services.add_post(people["writer"], routed, "Weg ermee.")
    other = services.add_post(people["housing"], routed, "Ongepast.")
    assert call("DELETE", f"/api/v1/posts/{mine.id}", people["writer"]).json["body"] is None
    hidden = call(
        "POST",
        f"/api/v1/posts/{other.id}/hide",
        people["coordinator"],
        json={"reason": "Off-topic."},
    )
    assert hidden.status_code == 200 and hidden.json["hidden_reason"] == "Off-topic."
    assert (
        call(
            "POST", f"/api/v1/posts/{other.id}/hide", people["writer"], json={"reason": "x"}
        ).status_code
        == 403
    )


def test_read_marks_unread_counts_and_mute(call, routed, people):
    url = f"/api/v1/threads/{routed.thread_id}"
    assert call("PUT", f"{url}/read", people["writer"]).status_code == 204
    services.add_post(people["housing"], routed, "Nieuw.")
    assert call("GET", url, people["writer"]).json["unread"] == 1
    muted = call("PUT", f"{url}/mute", people["writer"], json={"muted": True})
    assert muted.json["muted"] is True


def test_posts_changed_since_a_moment(call, routed, people):
    first = services.add_post(people["writer"], routed, "Eerste.")
    url = f"/api/v1/threads/{routed.thread_id}/posts"
    since = first.created_at.isoformat()
    assert [p["id"] for p in call("GET", f"{url}?since={since}", people["writer"]).json] == [
        first.id
    ]
    assert call("GET", f"{url}?since=2999-01-01T00:00:00", people["writer"]).json == []


def test_mentions_lookup(call, people):
    found = call("GET", "/api/v1/mentions?q=sofie", people["housing"]).json
    assert {"handle": people["writer"].handle, "name": "Sofie Claes", "kind": "user"} in found


def test_the_openapi_document_lists_the_thread_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    for path in (
        "/api/v1/threads/{thread_id}/posts",
        "/api/v1/posts/{post_id}",
        "/api/v1/mentions",
    ):
        assert path in paths
