import re
from datetime import timedelta

import sqlalchemy as sa

from mdma.accounts.models import LoginFailure
from tests.factories import PASSWORD

WRONG = "not the right password at all"


def _log_in(client, email, password, **query):
    return client.post("/login", query_string=query, data={"email": email, "password": password})


def _is_logged_in(client) -> bool:
    return client.get("/").status_code == 200


def _error_flash(response) -> str:
    match = re.search(r'class="flash flash-error"[^>]*>(.*?)</p>', response.get_data(as_text=True))
    return match.group(1) if match else ""


def _failures(session, prefix):
    return session.scalars(sa.select(LoginFailure).where(LoginFailure.key.startswith(prefix))).all()


def test_good_credentials_log_in_and_lead_home(client, create_user):
    user = create_user()
    response = _log_in(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert response.location == "/"
    assert _is_logged_in(client)


def test_email_address_is_matched_whatever_its_case(client, create_user):
    create_user(email="hoofdletters@test.example")
    _log_in(client, "  HoofdLetters@Test.example ", PASSWORD)
    assert _is_logged_in(client)


def test_log_in_returns_to_the_page_asked_for(client, create_user):
    user = create_user()
    response = _log_in(client, user.email, PASSWORD, next="/directory")
    assert response.location == "/directory"


def test_log_in_never_redirects_to_another_site(client, create_user):
    user = create_user()
    response = _log_in(client, user.email, PASSWORD, next="//evil.example/steal")
    assert response.location == "/"


def test_wrong_password_is_refused(client, create_user):
    user = create_user()
    response = _log_in(client, user.email, WRONG)
    assert response.status_code == 200
    assert _error_flash(response)
    assert not _is_logged_in(client)


def test_unknown_address_gets_the_same_answer_as_a_wrong_password(client, create_user):
    user = create_user()
    wrong_password = _log_in(client, user.email, WRONG)
    unknown_address = _log_in(client, "niemand@test.example", WRONG)
    assert unknown_address.status_code == 200
    assert _error_flash(unknown_address) == _error_flash(wrong_password) != ""
    assert not _is_logged_in(client)


def test_deactivated_user_cannot_log_in(client, create_user):
    user = create_user(active=False)
    response = _log_in(client, user.email, PASSWORD)
    assert response.status_code == 200
    assert _error_flash(response)
    assert not _is_logged_in(client)


def test_empty_fields_are_refused_at_the_field(client):
    response = _log_in(client, "", "")
    page = response.get_data(as_text=True)
    assert 'id="email-error"' in page
    assert 'id="password-error"' in page
    assert not _is_logged_in(client)


def test_five_failures_lock_the_account_even_for_the_right_password(client, create_user):
    user = create_user()
    for _attempt in range(5):
        _log_in(client, user.email, WRONG)
    response = _log_in(client, user.email, PASSWORD)
    assert response.status_code == 429
    assert _error_flash(response)
    assert not _is_logged_in(client)


def test_four_failures_do_not_lock_the_account(client, create_user):
    user = create_user()
    for _attempt in range(4):
        _log_in(client, user.email, WRONG)
    _log_in(client, user.email, PASSWORD)
    assert _is_logged_in(client)


def test_five_failures_from_one_address_lock_it_for_every_account(client, create_user):
    user = create_user()
    for number in range(5):
        _log_in(client, f"geraden{number}@test.example", WRONG)
    response = _log_in(client, user.email, PASSWORD)
    assert response.status_code == 429
    assert not _is_logged_in(client)


def test_log_in_works_again_once_the_lock_window_has_passed(app, client, session, create_user):
    user = create_user()
    for _attempt in range(5):
        _log_in(client, user.email, WRONG)
    window = timedelta(minutes=app.config["MDMA_LOGIN_LOCK_MINUTES"] + 1)
    for failure in session.scalars(sa.select(LoginFailure)):
        failure.at -= window
    session.commit()
    response = _log_in(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert _is_logged_in(client)


def test_successful_log_in_clears_the_failures_of_the_account(client, session, create_user):
    user = create_user()
    for _attempt in range(3):
        _log_in(client, user.email, WRONG)
    assert len(_failures(session, "email:")) == 3
    _log_in(client, user.email, PASSWORD)
    assert _failures(session, "email:") == []


def test_failures_are_stored_without_the_raw_client_address(client, session, create_user):
    user = create_user()
    _log_in(client, user.email, WRONG)
    keys = set(session.scalars(sa.select(LoginFailure.key)))
    account_key = f"email:{user.email}"
    assert account_key in keys
    [address_key] = keys - {account_key}
    assert re.fullmatch(r"ip:[0-9a-f]{64}", address_key)
    assert "127.0.0.1" not in address_key


def test_logout_ends_the_session(client, create_user, login_as):
    login_as(create_user())
    response = client.post("/logout")
    assert response.status_code == 302
    assert response.location == "/login"
    assert not _is_logged_in(client)


def test_logout_requires_post(client, create_user, login_as):
    login_as(create_user())
    assert client.get("/logout").status_code == 405
    assert _is_logged_in(client)


def test_logout_without_csrf_token_keeps_the_session(client, create_user, login_as, csrf):
    login_as(create_user())
    assert client.post("/logout").status_code == 400
    assert _is_logged_in(client)
