"""Errors: a page in the reader's language, or under /api JSON in one stable shape."""

import re

import pytest

from mdma.directory import queries
from mdma.permissions import ROLE_PERMISSIONS, Permission, Role

SECRET_DETAIL = "connection to db-internal.example refused"


def html_language(response) -> str | None:
    match = re.search(r'<html lang="([^"]*)"', response.get_data(as_text=True))
    return match and match.group(1)


def error_of(response) -> dict:
    assert response.is_json, response.get_data(as_text=True)[:200]
    body = response.get_json()
    assert set(body) == {"error"}
    return body["error"]


@pytest.fixture
def broken_directory(monkeypatch):
    """The directory queries fail as an unavailable database would."""

    def fail(*_args, **_kwargs):
        raise RuntimeError(SECRET_DETAIL)

    monkeypatch.setattr(queries, "organisations_query", fail)
    monkeypatch.setattr(queries, "sectors", fail)


# --- Pages --------------------------------------------------------------------------------


def test_missing_page_is_shown_in_the_users_language(client, create_user, login_as):
    login_as(create_user(language="fr"))
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert html_language(response) == "fr"


def test_anonymous_visitor_gets_error_pages_in_dutch(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert html_language(response) == "nl"


def test_visitor_who_chose_french_gets_error_pages_in_french(client):
    client.post("/language", data={"language": "fr"})
    assert html_language(client.get("/no-such-page")) == "fr"


def test_forbidden_page_is_shown_in_the_users_language(client, create_user, login_as):
    login_as(create_user("case_manager", language="fr"))
    response = client.get("/admin/users")
    assert response.status_code == 403
    assert response.mimetype == "text/html"
    assert html_language(response) == "fr"


def test_server_error_page_is_shown_in_the_users_language(
    client, create_user, login_as, broken_directory
):
    login_as(create_user(language="fr"))
    response = client.get("/directory")
    assert response.status_code == 500
    assert response.mimetype == "text/html"
    assert html_language(response) == "fr"


def test_server_error_page_does_not_reveal_what_went_wrong(
    client, create_user, login_as, broken_directory
):
    login_as(create_user(language="en"))
    assert SECRET_DETAIL not in client.get("/directory").get_data(as_text=True)


# --- API ----------------------------------------------------------------------------------


def test_api_call_without_credentials_is_a_json_401(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    error = error_of(response)
    assert set(error) == {"status", "code", "message"}
    assert (error["status"], error["code"]) == (401, "unauthorized")
    assert error["message"]
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_api_call_without_the_permission_is_a_json_403(client, create_user, login_as, monkeypatch):
    monkeypatch.setitem(ROLE_PERMISSIONS, Role.RESEARCHER, frozenset({Permission.PROFILE_MANAGE}))
    login_as(create_user("researcher"))
    response = client.get("/api/v1/sectors")
    assert response.status_code == 403
    error = error_of(response)
    assert (error["status"], error["code"]) == (403, "forbidden")


def test_api_object_that_does_not_exist_is_a_json_404(client, create_user, login_as):
    login_as(create_user())
    response = client.get("/api/v1/organisations/987654")
    assert response.status_code == 404
    error = error_of(response)
    assert (error["status"], error["code"]) == (404, "not_found")
    assert "fields" not in error


def test_api_address_that_does_not_exist_is_a_json_404(client, create_user, login_as):
    login_as(create_user())
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


@pytest.mark.parametrize(
    ("query", "field"), [("page=abc", "page"), ("include_archived=notabool", "include_archived")]
)
def test_api_invalid_query_is_a_json_422_naming_the_field(
    client, create_user, login_as, query, field
):
    login_as(create_user())
    response = client.get(f"/api/v1/organisations?{query}")
    assert response.status_code == 422
    error = error_of(response)
    assert (error["status"], error["code"]) == (422, "invalid_input")
    assert list(error["fields"]) == [field]
    assert all(isinstance(message, str) for message in error["fields"][field])


def test_api_server_error_is_json_without_details(client, create_user, login_as, broken_directory):
    login_as(create_user())
    response = client.get("/api/v1/sectors")
    assert response.status_code == 500
    error = error_of(response)
    assert (error["status"], error["code"]) == (500, "server_error")
    assert SECRET_DETAIL not in error["message"]
