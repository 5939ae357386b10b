"""Sessions that end: each log-in is kept on the server with a secret of its own, and a log-out
ends it, so old cookies replayed afterwards are refused, on pages and in the API."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from mdma.accounts.models import LoginSession
from mdma.accounts.tokens import digest
from tests.factories import PASSWORD

SESSION_COOKIE = "mdma_session"
REMEMBER_COOKIE = "remember_token"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


@pytest.fixture
def person(session, create_user):
    user = create_user()
    session.commit()  # a refused request rolls back its own work, not the test's account
    return user


def _log_in(client, user, *, remember=False, agent=FIREFOX):
    data = {"email": user.email, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    response = client.post("/login", data=data, headers={"User-Agent": agent})
    assert response.status_code == 302
    return response


def _cookie(client, name) -> str:
    cookie = client.get_cookie(name)
    assert cookie is not None, f"no {name} cookie"
    return cookie.value


def _replay(app, **cookies):
    """A fresh browser that only has the copied cookies."""
    thief = app.test_client()
    for name, value in cookies.items():
        thief.set_cookie(name, value)
    return thief


def _signed_in(client) -> bool:
    return client.get("/").status_code == 200 and client.get("/api/v1/me").status_code == 200


def test_a_session_cookie_copied_before_log_out_is_refused_after_it(app, client, person):
    _log_in(client, person)
    copied = _cookie(client, SESSION_COOKIE)
    assert _signed_in(_replay(app, **{SESSION_COOKIE: copied}))

    client.post("/logout")

    thief = _replay(app, **{SESSION_COOKIE: copied})
    assert thief.get("/").status_code == 302
    assert thief.get("/api/v1/me").status_code == 401


def test_a_remember_token_alone_is_refused_after_log_out(app, client, person):
    _log_in(client, person, remember=True)
    remembered = _cookie(client, REMEMBER_COOKIE)
    assert _signed_in(_replay(app, **{REMEMBER_COOKIE: remembered}))

    client.post("/logout")

    thief = _replay(app, **{REMEMBER_COOKIE: remembered})
    assert thief.get("/").status_code == 302
    assert thief.get("/api/v1/me").status_code == 401


def test_every_log_in_makes_a_new_remember_token(app, person):
    first, second = app.test_client(), app.test_client()
    _log_in(first, person, remember=True)
    _log_in(second, person, remember=True)
    assert _cookie(first, REMEMBER_COOKIE) != _cookie(second, REMEMBER_COOKIE)


def test_only_a_hash_of_the_session_secret_is_stored(client, session, person):
    _log_in(client, person, remember=True)
    [login] = session.scalars(sa.select(LoginSession).where(LoginSession.user_id == person.id))
    credential = client.get_cookie(REMEMBER_COOKIE).value.split("|")[0]
    login_id, secret = credential.split(":")
    assert int(login_id) == login.id
    assert secret not in login.secret_hash
    assert login.secret_hash == digest(secret)


def test_a_forged_secret_for_a_real_session_is_refused(app, client, person):
    _log_in(client, person)
    with client.session_transaction() as flask_session:
        login_id = flask_session["_user_id"].split(":")[0]
    forger = app.test_client()
    with forger.session_transaction() as flask_session:
        flask_session["_user_id"] = f"{login_id}:guessed"
    assert forger.get("/api/v1/me").status_code == 401


def test_logging_out_leaves_the_other_devices_signed_in(app, person):
    office, phone = app.test_client(), app.test_client()
    _log_in(office, person)
    _log_in(phone, person)
    office.post("/logout")
    assert _signed_in(phone)


def test_log_out_everywhere_ends_every_session_of_the_account(app, session, person):
    office, phone = app.test_client(), app.test_client()
    _log_in(office, person)
    _log_in(phone, person, remember=True)
    remembered = _cookie(phone, REMEMBER_COOKIE)

    response = office.post("/account/sessions/end-all")

    assert response.location == "/login"
    assert not _signed_in(office)
    assert not _signed_in(phone)
    assert not _signed_in(_replay(app, **{REMEMBER_COOKIE: remembered}))
    assert session.scalar(sa.select(sa.func.count()).select_from(LoginSession)) == 0


def test_the_profile_lists_the_sessions_with_their_last_use(app, client, person):
    other = app.test_client()
    _log_in(other, person, agent="Mozilla/5.0 (iPhone; CPU iPhone OS 18_0) Safari/604.1")
    _log_in(client, person)
    page = client.get("/account/profile").get_data(as_text=True)
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>", page, re.S)
    assert len(rows) == 2
    assert "Firefox – Linux" in rows[0]  # this session, the last used, comes first
    assert "Safari – iOS" in rows[1]


def test_ending_another_session_from_the_list_keeps_this_one(app, client, session, person):
    phone = app.test_client()
    _log_in(phone, person)
    [phone_login] = session.scalars(sa.select(LoginSession))
    _log_in(client, person)

    client.post(f"/account/sessions/{phone_login.id}/end")

    assert not _signed_in(phone)
    assert _signed_in(client)


def test_nobody_ends_someone_elses_session(app, client, session, person, create_user):
    victim = app.test_client()
    _log_in(victim, create_user())
    [victims_login] = session.scalars(sa.select(LoginSession))
    _log_in(client, person)
    assert client.post(f"/account/sessions/{victims_login.id}/end").status_code == 404
    assert _signed_in(victim)


def test_a_new_password_ends_the_other_sessions_but_not_this_one(app, client, person):
    phone = app.test_client()
    _log_in(phone, person, remember=True)
    remembered = _cookie(phone, REMEMBER_COOKIE)
    _log_in(client, person)
    new = "an entirely new pass phrase"
    response = client.post(
        "/account/password",
        data={"current_password": PASSWORD, "new_password": new, "confirm": new},
    )
    assert response.status_code == 302
    assert _signed_in(client)
    assert not _signed_in(phone)
    assert not _signed_in(_replay(app, **{REMEMBER_COOKIE: remembered}))


def test_a_session_not_used_for_its_lifetime_has_ended(app, client, session, person):
    _log_in(client, person)
    login = session.scalar(sa.select(LoginSession))
    login.expires_at -= app.config["PERMANENT_SESSION_LIFETIME"] + timedelta(minutes=1)
    session.commit()
    assert not _signed_in(client)


def test_use_is_noted_at_most_once_a_minute(client, session, person):
    _log_in(client, person)
    login = session.scalar(sa.select(LoginSession))
    earlier = login.last_used_at - timedelta(minutes=5)
    login.last_used_at = earlier
    session.commit()
    client.get("/")
    session.refresh(login)
    noted = login.last_used_at
    assert noted > earlier
    client.get("/")
    session.refresh(login)
    assert login.last_used_at == noted
