import os
import re
import secrets
import time

import redis
from itsdangerous import TimestampSigner

from mdma import create_app
from mdma.accounts.passwords import verify_password
from mdma.extensions import db
from tests import conftest  # its `testing_config` would be collected as a test if imported
from tests.conftest import login, shared_extensions_kept, wait_for
from tests.factories import PASSWORD

#: CI's Redis (.ci/run starts one when none answers).
REDIS_URL = os.environ.get("MDMA_TEST_REDIS_URL") or "redis://127.0.0.1:6379/0"
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


def test_reset_mails_to_one_address_are_limited_to_three_an_hour(client, create_user, outbox):
    user = create_user()
    answers = [_request_reset(client, user.email).status_code for _ in range(4)]
    assert answers == [302, 302, 302, 429]
    wait_for(lambda: len(outbox) == 3)
    assert len(outbox) == 3


def test_colleagues_behind_one_address_each_get_their_reset_mail(client, create_user, outbox):
    colleagues = [create_user() for _ in range(10)]
    for colleague in colleagues:
        assert _request_reset(client, colleague.email).status_code == 302
    wait_for(lambda: len(outbox) == 10)
    assert sorted(message["To"] for message in outbox) == sorted(c.email for c in colleagues)


def test_with_redis_every_process_counts_the_same_reset_mails(
    app, database_url, smtp_server, tmp_path
):
    """Two applications (two server processes) on one Redis share the count."""
    email = f"niemand-{secrets.token_hex(4)}@test.example"  # no account: nothing is stored
    # A client address of its own: the per-address count lives in the same Redis across runs
    # (CI runs on the services a session left), and 127.0.0.1 would reach its limit there.
    address = f"10.{secrets.randbelow(256)}.{secrets.randbelow(256)}.{secrets.randbelow(254) + 1}"
    with shared_extensions_kept():
        processes = []
        for number in range(2):
            config = conftest.testing_config(
                database_url, smtp_server[0].port, tmp_path / str(number)
            )
            config["RATELIMIT_STORAGE_URI"] = REDIS_URL
            processes.append(create_app(config, instance_path=str(tmp_path / str(number))))
        answers = [
            processes[number % 2]
            .test_client()
            .post("/account/forgot", data={"email": email}, environ_base={"REMOTE_ADDR": address})
            for number in range(4)
        ]
        for process in processes:
            with process.app_context():
                db.engine.dispose()
    assert [answer.status_code for answer in answers] == [302, 302, 302, 429]
    store = redis.Redis.from_url(REDIS_URL)
    counted = store.keys(f"*{email}*")
    assert counted  # the count lives in Redis, where every process reads it
    store.delete(*counted, *store.keys(f"*{address}*"))
