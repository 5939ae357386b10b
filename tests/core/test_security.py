"""HTTP safety: security headers, cookies, CSRF, redirects after log-in, sessions that end."""

import re

import pytest
import sqlalchemy as sa

from mdma import config, create_app
from mdma.accounts import authentication, services
from mdma.accounts.models import Invitation
from tests.factories import PASSWORD

NEW_PASSWORD = "a completely different passphrase"


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy as {directive: [sources]}."""
    directives = (part.split() for part in response.headers["Content-Security-Policy"].split(";"))
    return {words[0]: words[1:] for words in directives if words}


def log_in(client, user, **query):
    return client.post(
        "/login", query_string=query, data={"email": user.email, "password": PASSWORD}
    )


def cookie(response, name: str) -> str:
    return next(c for c in response.headers.getlist("Set-Cookie") if c.startswith(f"{name}="))


def is_sent_to_log_in(response) -> bool:
    return response.status_code == 302 and response.location.startswith("/login")


# --- Headers ------------------------------------------------------------------------------


@pytest.fixture
def signed_in(client, create_user, login_as):
    login_as(create_user(language="en"))
    return client


@pytest.mark.parametrize(
    "path", ["/login", "/", "/directory", "/no-such-page", "/api/v1/me", "/static/css/mdma.css"]
)
def test_every_response_carries_the_security_headers(signed_in, path):
    response = signed_in.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert policy(response)["frame-ancestors"] == ["'none'"]
    assert response.headers["Referrer-Policy"] in {"same-origin", "no-referrer"}


@pytest.mark.parametrize("path", ["/login", "/", "/directory"])
def test_content_security_policy_allows_only_scripts_from_the_site(signed_in, path):
    directives = policy(signed_in.get(path))
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]


@pytest.mark.parametrize("path", ["/login", "/", "/directory", "/account/profile"])
def test_pages_need_no_inline_script_or_style_the_policy_would_block(signed_in, path):
    page = signed_in.get(path).get_data(as_text=True)
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert "<style" not in page
    assert not re.search(r"\sstyle=", page)
    assert not re.search(r"\son[a-z]+=", page)


def test_strict_transport_security_is_sent_only_when_configured(client, app, monkeypatch):
    assert "Strict-Transport-Security" not in client.get("/login").headers
    monkeypatch.setitem(app.config, "MDMA_HSTS", True)
    assert "max-age=" in client.get("/login").headers["Strict-Transport-Security"]


# --- Cookies ------------------------------------------------------------------------------


def test_session_cookie_is_http_only_and_same_site_lax(client, create_user):
    session_cookie = cookie(log_in(client, create_user()), "mdma_session")
    assert "HttpOnly" in session_cookie
    assert "SameSite=Lax" in session_cookie
    assert "Secure" not in session_cookie


def test_remember_me_cookie_is_http_only_and_same_site_lax(client, create_user):
    user = create_user()
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD, "remember": "y"}
    )
    remember_cookie = cookie(response, "remember_token")
    assert "HttpOnly" in remember_cookie
    assert "SameSite=Lax" in remember_cookie


def test_session_cookie_is_secure_when_configured(client, app, create_user, monkeypatch):
    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", True)
    assert "Secure" in cookie(log_in(client, create_user()), "mdma_session")


def test_cookies_are_not_marked_secure_by_default(monkeypatch, tmp_path):
    monkeypatch.delenv("MDMA_SECURE_COOKIES", raising=False)
    settings = config.load(tmp_path)
    assert settings["SESSION_COOKIE_SECURE"] is False
    assert settings["REMEMBER_COOKIE_SECURE"] is False
    assert settings["MDMA_HSTS"] is False


def test_secure_cookies_setting_marks_both_cookies_secure_and_turns_on_hsts(monkeypatch, tmp_path):
    monkeypatch.setenv("MDMA_SECURE_COOKIES", "true")
    settings = config.load(tmp_path)
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["REMEMBER_COOKIE_SECURE"] is True
    assert settings["MDMA_HSTS"] is True


# --- CSRF ---------------------------------------------------------------------------------


def test_log_in_without_csrf_token_is_refused_and_signs_nobody_in(client, create_user, csrf):
    assert log_in(client, create_user()).status_code == 400
    assert is_sent_to_log_in(client.get("/"))


def test_log_in_with_the_forms_csrf_token_signs_in(client, create_user, csrf):
    user = create_user()
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', client.get("/login").text)
    response = client.post(
        "/login",
        data={"email": user.email, "password": PASSWORD, "csrf_token": token.group(1)},
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_invitation_without_csrf_token_is_refused_and_sends_nothing(
    client, session, create_user, login_as, csrf, outbox
):
    login_as(create_user("admin"))
    response = client.post(
        "/admin/users/invite",
        data={"name": "Ongevraagd", "email": "forged@test.example", "role": "researcher"},
    )
    assert response.status_code == 400
    assert session.scalar(sa.select(sa.func.count(Invitation.id))) == 0
    assert outbox == []


def test_api_write_with_a_session_cookie_but_no_csrf_header_is_refused(
    client, create_user, login_as, csrf
):
    login_as(create_user())
    response = client.post("/api/v1/me")
    assert response.status_code == 400
    assert response.json["error"]["code"] == "bad_request"


# No API endpoint writes yet: a POST that gets past the CSRF check meets 405 on a read-only URL.


def test_api_write_with_a_session_cookie_and_csrf_header_passes_the_check(
    client, create_user, login_as, csrf
):
    login_as(create_user())
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text).group(1)
    response = client.post("/api/v1/me", headers={"X-CSRFToken": token})
    assert response.json["error"]["code"] == "method_not_allowed"


def test_api_write_with_a_bearer_token_needs_no_csrf_token(client, create_user, csrf):
    _token, secret = authentication.create_api_token(create_user(), "script", None)
    response = client.post("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.json["error"]["code"] == "method_not_allowed"


# --- Redirects ----------------------------------------------------------------------------

FOREIGN_TARGETS = [
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "javascript:alert(document.cookie)",
    "/\t/evil.example",
    "https:evil.example",
]


@pytest.mark.parametrize("target", FOREIGN_TARGETS)
def test_log_in_never_sends_the_user_to_another_site(client, create_user, target):
    response = log_in(client, create_user(), next=target)
    assert response.status_code == 302
    assert response.location == "/"


@pytest.mark.parametrize("target", FOREIGN_TARGETS)
def test_signed_in_visit_to_log_in_page_never_leaves_the_site(
    client, create_user, login_as, target
):
    login_as(create_user())
    response = client.get("/login", query_string={"next": target})
    assert response.location == "/"


@pytest.mark.parametrize("target", FOREIGN_TARGETS)
def test_choosing_a_language_never_leaves_the_site(client, target):
    response = client.post("/language", data={"language": "fr", "next": target})
    assert response.location == "/"


def test_log_in_returns_to_the_local_page_asked_for(client, create_user):
    assert log_in(client, create_user(), next="/directory").location == "/directory"


def test_visitor_sent_to_log_in_comes_back_to_the_page_they_wanted(client, create_user):
    login_page = client.get("/directory?q=huis").location
    response = client.post(login_page, data={"email": create_user().email, "password": PASSWORD})
    assert response.location == "/directory?q=huis"


# --- Sessions that end --------------------------------------------------------------------


def test_password_change_ends_the_users_other_sessions(client, create_user, login_as, session):
    user = create_user()
    login_as(user)
    services.change_password(user, current=PASSWORD, new=NEW_PASSWORD)
    session.flush()
    assert is_sent_to_log_in(client.get("/"))


def test_session_that_changed_the_password_stays_signed_in(client, create_user, login_as):
    login_as(create_user())
    response = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_password_reset_ends_the_users_sessions(client, create_user, login_as, session):
    user = create_user()
    login_as(user)
    authentication.reset_password(user, NEW_PASSWORD)
    session.flush()
    assert is_sent_to_log_in(client.get("/"))


def test_deactivation_ends_the_users_sessions(client, create_user, login_as, session):
    user = create_user()
    login_as(user)
    services.set_active(create_user("admin"), user, False)
    session.flush()
    assert is_sent_to_log_in(client.get("/"))


def _address_seen(app, headers: dict) -> str:
    """What the platform takes for the client's address and scheme, behind a given proxy."""
    seen = {}

    @app.before_request
    def note():
        from flask import request

        seen.update(address=request.remote_addr, scheme=request.scheme)

    app.test_client().get("/login", headers=headers, environ_base={"REMOTE_ADDR": "10.0.0.9"})
    return f"{seen['address']} {seen['scheme']}"


@pytest.mark.parametrize("proxies, expected", [(0, "10.0.0.9 http"), (1, "203.0.113.7 https")])
def test_behind_a_trusted_proxy_the_client_address_is_the_forwarded_one(
    database_url, tmp_path, proxies, expected
):
    from tests.conftest import shared_extensions_kept, testing_config

    with shared_extensions_kept():
        config = testing_config(database_url, 25, tmp_path) | {"MDMA_TRUSTED_PROXIES": proxies}
        app = create_app(config, instance_path=str(tmp_path))
        forwarded = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"}
        assert _address_seen(app, forwarded) == expected
