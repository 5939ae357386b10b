import re
import time

from itsdangerous import TimestampSigner

from mdma.accounts.passwords import verify_password
from tests.conftest import login, wait_for
from tests.factories import PASSWORD

NEW_PASSWORD = "een nieuwe lange zin als wachtwoord"


def _request_reset(client, email):
    return client.post("/account/forgot", data={"email": email})


def _reset_link(outbox) -> str:
    message = wait_for(lambda: outbox)[-1]
    return re.search(r"http://mdma\.test(/account/reset/\S+)", message.get_content()).group(1)


def _choose(client, link, password, confirm=None):
    return client.post(link, data={"password": password, "confirm": confirm or password})


def _can_log_in(app, email, password) -> bool:
    fresh = app.test_client()
    fresh.post("/login", data={"email": email, "password": password})
    return fresh.get("/").status_code == 200


def test_reset_request_mails_a_link_to_an_active_account(client, create_user, outbox):
    user = create_user()
    response = _request_reset(client, user.email.upper())
    assert response.status_code == 302
    assert response.location == "/login"
    assert wait_for(lambda: outbox)[0]["To"] == user.email
    assert _reset_link(outbox).startswith("/account/reset/")


def test_reset_request_answers_the_same_whether_or_not_the_account_exists(client, create_user):
    user = create_user()
    known = client.post("/account/forgot", data={"email": user.email}, follow_redirects=True)
    unknown = client.post(
        "/account/forgot", data={"email": "niemand@test.example"}, follow_redirects=True
    )
    assert unknown.status_code == known.status_code == 200
    assert unknown.request.path == known.request.path == "/login"
    # The CSRF token is signed with the time: two requests a second apart differ there only.
    assert _without_csrf_token(unknown.data) == _without_csrf_token(known.data)


def _without_csrf_token(page: bytes) -> bytes:
    return re.sub(rb'(name="csrf[-_]token"[^>]*value|name="csrf-token" content)="[^"]*"', b"", page)


def test_reset_request_for_an_unknown_address_sends_no_mail(client, create_user, outbox):
    user = create_user()
    _request_reset(client, "niemand@test.example")
    _request_reset(client, user.email)
    assert [message["To"] for message in wait_for(lambda: outbox)] == [user.email]


def test_deactivated_account_gets_no_reset_mail(client, create_user, outbox):
    deactivated = create_user(active=False)
    active = create_user()
    _request_reset(client, deactivated.email)
    _request_reset(client, active.email)
    assert [message["To"] for message in wait_for(lambda: outbox)] == [active.email]


def test_invalid_address_is_refused_at_the_field(client, outbox):
    response = _request_reset(client, "geen-adres")
    assert response.status_code == 200
    assert 'id="email-error"' in response.get_data(as_text=True)
    assert outbox == []


def test_reset_link_sets_a_new_password(app, client, create_user, outbox):
    user = create_user()
    _request_reset(client, user.email)
    link = _reset_link(outbox)
    assert client.get(link).status_code == 200
    response = _choose(client, link, NEW_PASSWORD)
    assert response.status_code == 302
    assert response.location == "/login"
    assert _can_log_in(app, user.email, NEW_PASSWORD)
    assert not _can_log_in(app, user.email, PASSWORD)


def test_reset_link_works_only_once(client, create_user, outbox):
    user = create_user()
    _request_reset(client, user.email)
    link = _reset_link(outbox)
    _choose(client, link, NEW_PASSWORD)
    assert client.get(link).status_code == 404
    assert _choose(client, link, "nog een andere lange zin").status_code == 404


def test_reset_link_expires(app, client, create_user, outbox, monkeypatch):
    user = create_user()
    _request_reset(client, user.email)
    link = _reset_link(outbox)
    later = int(time.time()) + (app.config["MDMA_RESET_MINUTES"] + 1) * 60
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda signer: later)
    assert client.get(link).status_code == 404
    assert _choose(client, link, NEW_PASSWORD).status_code == 404
    assert verify_password(user.password_hash, PASSWORD)


def test_tampered_reset_link_is_refused(client, create_user, outbox):
    user = create_user()
    _request_reset(client, user.email)
    link = _reset_link(outbox)
    assert client.get(link + "x").status_code == 404


def test_weak_new_password_is_refused_at_the_field(client, create_user, outbox):
    user = create_user()
    _request_reset(client, user.email)
    link = _reset_link(outbox)
    response = _choose(client, link, "kort")
    assert response.status_code == 200
    assert 'id="password-error"' in response.get_data(as_text=True)
    assert verify_password(user.password_hash, PASSWORD)
    assert client.get(link).status_code == 200


def test_differing_confirmation_is_refused_at_the_field(client, create_user, outbox):
    user = create_user()
    _request_reset(client, user.email)
    response = _choose(client, _reset_link(outbox), NEW_PASSWORD, confirm=NEW_PASSWORD + "!")
    assert 'id="confirm-error"' in response.get_data(as_text=True)
    assert verify_password(user.password_hash, PASSWORD)


def test_reset_ends_sessions_opened_with_the_old_password(app, client, create_user, outbox):
    user = create_user()
    elsewhere = login(app.test_client(), user)
    _request_reset(client, user.email)
    _choose(client, _reset_link(outbox), NEW_PASSWORD)
    assert elsewhere.get("/").status_code == 302
