import pytest

from mdma.accounts.authentication import create_api_token


@pytest.fixture
def policy_owner(create_user, create_organisation, sector):
    return create_user(
        "policy_owner",
        name="Nathalie Dewitte",
        organisation=create_organisation("Stad Kortrijk – Dienst Wonen"),
        sectors=[sector("housing")],
        language="en",
    )


def test_me_describes_the_signed_in_user(client, login_as, policy_owner, sector):
    login_as(policy_owner)
    response = client.get("/api/v1/me")
    assert response.status_code == 200
    assert response.json == {
        "id": policy_owner.id,
        "email": policy_owner.email,
        "name": "Nathalie Dewitte",
        "handle": "nathalie.dewitte",
        "role": "policy_owner",
        "language": "en",
        "organisation": {
            "id": policy_owner.organisation_id,
            "name": "Stad Kortrijk – Dienst Wonen",
        },
        "sectors": [{"id": sector("housing").id, "code": "housing", "name": "Housing"}],
        "permissions": [
            "bottleneck:answer",
            "bottleneck:discuss",
            "bottleneck:read",
            "directory:read",
            "privacy:check",
            "profile:manage",
            "proposal:read",
            "proposal:write",
            "session:propose_item",
            "session:read",
            "session:register",
        ],
    }


def test_me_answers_the_same_for_a_token_as_for_the_session(
    app, client, session, login_as, policy_owner
):
    _token, secret = create_api_token(policy_owner, "Script", None)
    session.commit()
    by_token = app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    login_as(policy_owner)
    assert by_token.status_code == 200
    assert by_token.json == client.get("/api/v1/me").json


def test_me_lists_the_permissions_of_the_role(client, create_user, login_as):
    login_as(create_user("admin"))
    permissions = client.get("/api/v1/me").json["permissions"]
    assert {"user:manage", "directory:manage", "logbook:read"} <= set(permissions)


def test_user_without_organisation_has_none(client, create_user, login_as):
    login_as(create_user("researcher"))
    me = client.get("/api/v1/me").json
    assert me["organisation"] is None
    assert me["sectors"] == []


def test_me_without_credentials_is_refused_with_401_json(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.json["error"]["status"] == 401
    assert response.json["error"]["code"] == "unauthorized"


def test_session_of_a_deactivated_user_is_refused_with_401(client, login_as, create_user):
    user = create_user()
    login_as(user)
    user.active = False
    assert client.get("/api/v1/me").status_code == 401


def test_wrong_authorization_scheme_is_refused_with_401(app, session, policy_owner):
    _token, secret = create_api_token(policy_owner, "Script", None)
    session.commit()
    response = app.test_client().get("/api/v1/me", headers={"Authorization": f"Token {secret}"})
    assert response.status_code == 401
