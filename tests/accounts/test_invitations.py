import re

import sqlalchemy as sa

from mdma.accounts import services
from mdma.accounts.models import Invitation, User
from mdma.core.errors import RuleViolation
from mdma.core.time import utcnow
from tests.conftest import wait_for


def _link(message) -> str:
    return re.search(r"http://mdma\.test(/account/invitation/\S+)", message.get_content()).group(1)


def test_admin_invites_by_email_and_invitee_sets_password(
    client, session, create_user, login_as, outbox
):
    admin = create_user("admin")
    login_as(admin)
    response = client.post(
        "/admin/users/invite",
        data={
            "name": "Griet Van Acker",
            "email": "Griet@Test.example",
            "role": "case_manager",
            "organisation": "0",
        },
    )
    assert response.status_code == 302
    assert wait_for(lambda: outbox)
    assert outbox[0]["To"] == "griet@test.example"
    link = _link(outbox[0])

    client.post("/logout")
    response = client.post(
        link,
        data={
            "password": "een lange zin als wachtwoord",
            "confirm": "een lange zin als wachtwoord",
            "language": "fr",
        },
    )
    assert response.status_code == 302
    user = session.scalar(sa.select(User).where(User.email == "griet@test.example"))
    assert user.role == "case_manager" and user.language == "fr"
    assert client.get("/").status_code == 200


def test_invitation_link_works_only_once(client, session, create_user, outbox):
    admin = create_user("admin")
    services.invite(admin, email="eenmalig@test.example", name="Eenmalig", role="researcher")
    session.commit()
    link = _link(wait_for(lambda: outbox)[0])
    data = {
        "password": "een lange zin als wachtwoord",
        "confirm": "een lange zin als wachtwoord",
        "language": "nl",
    }
    assert client.post(link, data=data).status_code == 302
    client.post("/logout")
    assert client.get(link).status_code == 404
    assert (
        session.scalar(
            sa.select(sa.func.count())
            .select_from(User)
            .where(User.email == "eenmalig@test.example")
        )
        == 1
    )


def test_expired_invitation_is_refused(client, session, create_user, outbox):
    admin = create_user("admin")
    invitation = services.invite(
        admin, email="laat@test.example", name="Te Laat", role="researcher"
    )
    session.commit()
    link = _link(wait_for(lambda: outbox)[0])
    invitation.expires_at = utcnow().replace(year=2000)
    session.commit()
    response = client.get(link)
    assert response.status_code == 404
    assert "verlopen" in response.get_data(as_text=True) or "expired" in response.get_data(
        as_text=True
    )


def test_weak_password_is_refused_at_the_field_and_nothing_is_stored(
    client, session, create_user, outbox
):
    admin = create_user("admin")
    services.invite(admin, email="zwak@test.example", name="Zwak Wachtwoord", role="researcher")
    session.commit()
    link = _link(wait_for(lambda: outbox)[0])
    response = client.post(link, data={"password": "kort", "confirm": "kort", "language": "nl"})
    assert response.status_code == 200
    assert 'id="password-error"' in response.get_data(as_text=True)
    assert session.scalar(sa.select(User).where(User.email == "zwak@test.example")) is None


def test_inviting_an_existing_address_is_refused(session, create_user):
    admin = create_user("admin")
    existing = create_user()
    try:
        services.invite(admin, email=existing.email.upper(), name="Dubbel", role="researcher")
    except RuleViolation as violation:
        assert violation.field == "email"
    else:
        raise AssertionError("an invitation for an existing account was accepted")
    assert session.scalar(sa.select(sa.func.count()).select_from(Invitation)) == 0


def test_policy_owner_invitation_needs_a_sector(session, create_user):
    admin = create_user("admin")
    try:
        services.invite(
            admin, email="zonder@test.example", name="Zonder Sector", role="policy_owner"
        )
    except RuleViolation as violation:
        assert violation.field == "sectors"
    else:
        raise AssertionError("a policy owner without sector was invited")


def test_the_invitation_mail_is_in_the_language_the_admin_chose(
    client, session, create_user, login_as, outbox
):
    login_as(create_user("admin", language="nl"))
    response = client.post(
        "/admin/users/invite",
        data={
            "name": "Jeanne Dumont",
            "email": "jeanne@test.example",
            "role": "social_worker",
            "organisation": "0",
            "language": "fr",
        },
    )
    assert response.status_code == 302
    assert wait_for(lambda: outbox)
    assert outbox[0]["Subject"] == "Votre invitation à la plateforme MDMA"
    assert "Bonjour Jeanne Dumont" in outbox[0].get_content()
    client.post("/logout")
    page = client.get(_link(outbox[0])).get_data(as_text=True)
    assert '<option selected value="fr">' in page or 'value="fr" selected' in page
