import pytest

from mdma.accounts.passwords import verify_password
from tests.conftest import login
from tests.factories import PASSWORD

NEW_PASSWORD = "een nieuwe lange zin als wachtwoord"


def _profile(user, **changes):
    data = {
        "name": user.name,
        "handle": user.handle,
        "language": user.language,
        "mail_frequency": user.mail_frequency,
    }
    data.update(changes)
    return data


@pytest.fixture
def user(session, create_user, login_as):
    user = create_user(name="An De Smet")
    session.commit()  # a refused change rolls back the request, not the test's account
    login_as(user)
    return user


def test_user_edits_name_handle_language_and_notifications(client, user):
    response = client.post(
        "/account/profile",
        data=_profile(
            user,
            name="An Desmet-Peeters",
            handle="An.Peeters",
            language="fr",
            mail_frequency="weekly",
            notify_on_follow="y",
        ),
    )
    assert response.status_code == 302
    assert response.location == "/account/profile"
    assert (user.name, user.handle, user.language) == ("An Desmet-Peeters", "an.peeters", "fr")
    assert user.mail_frequency == "weekly"
    assert (user.notify_on_mention, user.notify_on_follow) == (False, True)


def test_user_may_keep_their_own_handle(client, user):
    response = client.post("/account/profile", data=_profile(user, name="An Peeters"))
    assert response.status_code == 302
    assert user.name == "An Peeters"


def test_handle_taken_by_someone_else_is_refused_at_the_field(client, session, user, create_user):
    other = create_user(name="Bert Claes")
    session.commit()
    response = client.post(
        "/account/profile", data=_profile(user, name="Nieuwe Naam", handle=other.handle.upper())
    )
    assert response.status_code == 200
    assert 'id="handle-error"' in response.get_data(as_text=True)
    session.refresh(user)
    assert (user.name, user.handle) == ("An De Smet", "an.desmet")


@pytest.mark.parametrize("handle", ["an de smet", "an@smet", "a"])
def test_badly_formed_handle_is_refused_at_the_field(client, session, user, handle):
    response = client.post("/account/profile", data=_profile(user, handle=handle))
    assert response.status_code == 200
    assert 'id="handle-error"' in response.get_data(as_text=True)
    session.refresh(user)
    assert user.handle == "an.desmet"


def test_empty_name_is_refused_at_the_field(client, session, user):
    response = client.post("/account/profile", data=_profile(user, name=""))
    assert 'id="name-error"' in response.get_data(as_text=True)
    session.refresh(user)
    assert user.name == "An De Smet"


def test_unknown_language_is_refused_at_the_field(client, session, user):
    response = client.post("/account/profile", data=_profile(user, language="de"))
    assert 'id="language-error"' in response.get_data(as_text=True)
    session.refresh(user)
    assert user.language == "nl"


def test_user_cannot_change_their_own_role_organisation_or_sectors(
    client, create_user, create_organisation, sector, login_as
):
    organisation = create_organisation()
    user = create_user("policy_owner", sectors=[sector("housing")], organisation=organisation)
    login_as(user)
    other = create_organisation()
    response = client.post(
        "/account/profile",
        data=_profile(
            user,
            role="admin",
            organisation=str(other.id),
            organisation_id=str(other.id),
            sectors=[str(sector("income").id)],
        ),
    )
    assert response.status_code == 302
    assert user.role == "policy_owner"
    assert user.organisation == organisation
    assert [s.code for s in user.sectors] == ["housing"]


def _change_password(client, current, new, confirm=None):
    return client.post(
        "/account/password",
        data={"current_password": current, "new_password": new, "confirm": confirm or new},
    )


def _can_log_in(app, email, password) -> bool:
    fresh = app.test_client()
    fresh.post("/login", data={"email": email, "password": password})
    return fresh.get("/").status_code == 200


def test_user_changes_their_password(app, client, user):
    response = _change_password(client, PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert _can_log_in(app, user.email, NEW_PASSWORD)
    assert not _can_log_in(app, user.email, PASSWORD)


def test_wrong_current_password_is_refused_at_the_field(client, user):
    response = _change_password(client, "niet mijn wachtwoord", NEW_PASSWORD)
    assert response.status_code == 200
    assert 'id="current_password-error"' in response.get_data(as_text=True)
    assert verify_password(user.password_hash, PASSWORD)


def test_weak_new_password_is_refused_at_the_field(client, user):
    response = _change_password(client, PASSWORD, "an de smet 12345")
    assert 'id="new_password-error"' in response.get_data(as_text=True)
    assert verify_password(user.password_hash, PASSWORD)


def test_differing_confirmation_is_refused_at_the_field(client, user):
    response = _change_password(client, PASSWORD, NEW_PASSWORD, confirm=NEW_PASSWORD + "!")
    assert 'id="confirm-error"' in response.get_data(as_text=True)
    assert verify_password(user.password_hash, PASSWORD)


def test_changing_the_password_ends_sessions_elsewhere(app, client, user):
    elsewhere = login(app.test_client(), user)
    _change_password(client, PASSWORD, NEW_PASSWORD)
    assert elsewhere.get("/").status_code == 302
