import re
from datetime import timedelta

import pytest
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


def _age_failures(session, by: timedelta) -> None:
    for failure in session.scalars(sa.select(LoginFailure)):
        failure.at -= by
    session.commit()


def test_five_failures_slow_the_account_down_even_for_the_right_password(client, create_user):
    user = create_user()
    for _attempt in range(5):
        _log_in(client, user.email, WRONG)
    response = _log_in(client, user.email, PASSWORD)
    assert response.status_code == 429
    assert "30" in _error_flash(response)  # seconds to wait, in the user's language
    assert not _is_logged_in(client)


def test_four_failures_do_not_slow_the_account_down(client, create_user):
    user = create_user()
    for _attempt in range(4):
        _log_in(client, user.email, WRONG)
    _log_in(client, user.email, PASSWORD)
    assert _is_logged_in(client)


def test_a_slowed_down_account_logs_in_once_it_has_waited(client, session, create_user):
    user = create_user()
    for _attempt in range(5):
        _log_in(client, user.email, WRONG)
    _age_failures(session, timedelta(seconds=31))
    assert _log_in(client, user.email, PASSWORD).status_code == 302


def test_each_further_failure_doubles_the_wait(client, session, create_user):
    user = create_user()
    for _attempt in range(5):
        _log_in(client, user.email, WRONG)
    _age_failures(session, timedelta(seconds=31))
    sixth = _log_in(client, user.email, WRONG)
    assert sixth.status_code == 429
    assert "60" in _error_flash(sixth) or "1 " in _error_flash(sixth)
    _age_failures(session, timedelta(seconds=31))
    assert _log_in(client, user.email, PASSWORD).status_code == 429


@pytest.fixture
def no_slow_down(app):
    """The waits between tries set to nothing, so a test reaches the lock at once."""
    app.config["MDMA_LOGIN_SLOW_SECONDS"] = 0
    yield
    app.config["MDMA_LOGIN_SLOW_SECONDS"] = 30


def test_ten_failures_lock_the_account_for_a_while(app, client, session, create_user, no_slow_down):
    user = create_user()
    for _attempt in range(10):
        _log_in(client, user.email, WRONG)
    response = _log_in(client, user.email, PASSWORD)
    assert response.status_code == 429
    assert "15" in _error_flash(response)
    _age_failures(session, timedelta(minutes=app.config["MDMA_LOGIN_LOCK_MINUTES"] + 1))
    assert _log_in(client, user.email, PASSWORD).status_code == 302


def test_log_in_works_again_once_the_window_has_passed(app, client, session, create_user):
    user = create_user()
    for _attempt in range(5):
        _log_in(client, user.email, WRONG)
    _age_failures(session, timedelta(minutes=app.config["MDMA_LOGIN_WINDOW_MINUTES"] + 1))
    response = _log_in(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert _is_logged_in(client)


def test_colleagues_typos_from_one_office_never_lock_out_anyone_else(client, create_user):
    user = create_user()
    for number in range(30):
        _log_in(client, f"collega{number}@test.example", WRONG)
    response = _log_in(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert _is_logged_in(client)


@pytest.fixture
def busy_address(app, client):
    """Past the per-address limit (lowered for the test): someone tries a list of accounts."""
    app.config["MDMA_LOGIN_ADDRESS_MAX_FAILURES"] = 5
    for number in range(5):
        _log_in(client, f"geraden{number}@test.example", WRONG)
    yield
    app.config["MDMA_LOGIN_ADDRESS_MAX_FAILURES"] = 100


def test_past_the_address_limit_the_right_password_still_gets_in(client, create_user, busy_address):
    user = create_user()
    response = _log_in(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert _is_logged_in(client)


def test_past_the_address_limit_a_wrong_password_locks_that_account(
    client, create_user, busy_address
):
    user, colleague = create_user(), create_user()
    response = _log_in(client, user.email, WRONG)
    assert response.status_code == 429
    assert "15" in _error_flash(response)
    assert _log_in(client, user.email, PASSWORD).status_code == 429
    assert _log_in(client, colleague.email, PASSWORD).status_code == 302


def test_a_new_password_unlocks_the_account(client, session, create_user, no_slow_down):
    from mdma.accounts import authentication

    user = create_user()
    for _attempt in range(10):
        _log_in(client, user.email, WRONG)
    assert _log_in(client, user.email, PASSWORD).status_code == 429
    authentication.reset_password(user, "a brand new pass phrase")
    session.commit()
    assert _log_in(client, user.email, "a brand new pass phrase").status_code == 302


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
