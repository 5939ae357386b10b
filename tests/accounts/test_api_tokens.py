import hashlib
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from mdma.accounts.authentication import create_api_token
from mdma.accounts.models import ApiToken
from mdma.core.time import utcnow


@pytest.fixture
def owner(create_user, login_as):
    owner = create_user()
    login_as(owner)
    return owner


def _me(app, secret):
    """/api/v1/me from a client without a session cookie: only the token counts."""
    return app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})


def _shown_secret(response) -> str | None:
    match = re.search(r'<code class="secret">([^<]+)</code>', response.get_data(as_text=True))
    return match.group(1) if match else None


def test_new_token_is_shown_once_and_only_its_hash_is_stored(client, session, owner):
    response = client.post("/account/tokens", data={"name": "Rapportscript"})
    assert response.status_code == 200
    secret = _shown_secret(response)
    assert secret.startswith("mdma_")

    token = session.scalar(sa.select(ApiToken).where(ApiToken.user_id == owner.id))
    assert token.name == "Rapportscript"
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.name, token.prefix, token.token_hash}
    assert secret.startswith(token.prefix)

    again = client.get("/account/tokens")
    assert _shown_secret(again) is None
    assert f"<code>{token.prefix}…</code>" in again.get_data(as_text=True)


def test_token_without_a_name_is_refused_at_the_field(client, session, owner):
    response = client.post("/account/tokens", data={"name": ""})
    assert 'id="name-error"' in response.get_data(as_text=True)
    assert _shown_secret(response) is None
    assert session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0


def test_validity_beyond_a_year_is_refused_at_the_field(client, session, owner):
    response = client.post("/account/tokens", data={"name": "Te lang", "days": "366"})
    assert 'id="days-error"' in response.get_data(as_text=True)
    assert session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0


def test_token_with_a_validity_expires_after_those_days(client, session, owner):
    client.post("/account/tokens", data={"name": "Maand", "days": "30"})
    token = session.scalar(sa.select(ApiToken).where(ApiToken.user_id == owner.id))
    assert abs(token.expires_at - (utcnow() + timedelta(days=30))) < timedelta(minutes=1)


def test_token_acts_as_its_owner_on_the_api(app, client, owner):
    secret = _shown_secret(client.post("/account/tokens", data={"name": "Script"}))
    response = _me(app, secret)
    assert response.status_code == 200
    assert response.json["email"] == owner.email


def test_first_use_of_a_token_is_noted(app, session, owner):
    token, secret = create_api_token(owner, "Script", None)
    session.commit()
    assert token.last_used_at is None
    _me(app, secret)
    session.refresh(token)
    assert utcnow() - token.last_used_at < timedelta(minutes=1)


def test_revoked_token_is_refused_with_401(app, client, session, owner):
    token, secret = create_api_token(owner, "Script", None)
    session.commit()
    response = client.post(f"/account/tokens/{token.id}/revoke")
    assert response.status_code == 302
    assert token.revoked_at is not None
    refused = _me(app, secret)
    assert refused.status_code == 401
    assert refused.json["error"]["code"] == "unauthorized"


def test_expired_token_is_refused_with_401(app, session, owner):
    token, secret = create_api_token(owner, "Script", 1)
    token.expires_at = utcnow() - timedelta(seconds=1)
    session.commit()
    assert _me(app, secret).status_code == 401


def test_token_of_a_deactivated_user_is_refused_with_401(app, session, owner):
    _token, secret = create_api_token(owner, "Script", None)
    owner.active = False
    session.commit()
    assert _me(app, secret).status_code == 401


def test_unknown_token_is_refused_with_401(app, owner):
    assert _me(app, "mdma_" + "x" * 43).status_code == 401


def test_token_cannot_be_revoked_by_another_user(
    app, client, session, create_user, login_as, owner
):
    token, secret = create_api_token(owner, "Script", None)
    session.commit()
    login_as(create_user())
    assert client.post(f"/account/tokens/{token.id}/revoke").status_code == 404
    assert token.revoked_at is None
    assert _me(app, secret).status_code == 200


def test_tokens_of_others_are_not_listed(client, session, create_user, owner):
    create_api_token(create_user(), "Van iemand anders", None)
    create_api_token(owner, "Van mij", None)
    page = client.get("/account/tokens").get_data(as_text=True)
    assert "Van mij" in page
    assert "Van iemand anders" not in page


def test_token_does_not_open_the_pages(app, session, owner):
    _token, secret = create_api_token(owner, "Script", None)
    session.commit()
    response = app.test_client().get("/", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 302
