import re

import pytest
import sqlalchemy as sa

from mdma.accounts import services
from mdma.accounts.models import User
from mdma.core.logbook import LogEntry
from tests.conftest import login, wait_for
from tests.factories import PASSWORD


@pytest.fixture
def admin(session, create_user, login_as):
    admin = create_user("admin", name="Zoë Beheerder")
    session.commit()  # a refused change rolls back the request, not the test's accounts
    login_as(admin)
    return admin


def _listed(client, **filters) -> list[str]:
    """The names on the user list, in order."""
    page = client.get("/admin/users", query_string=filters).get_data(as_text=True)
    return re.findall(r'<a href="/admin/users/\d+">([^<]+)</a>', page)


def _edit(user, **changes):
    data = {
        "name": user.name,
        "email": user.email,
        "role": user.role,
        "organisation": str(user.organisation_id or 0),
        "sectors": [str(s.id) for s in user.sectors],
    }
    data.update(changes)
    return data


def _invitation_link(message) -> str:
    return re.search(r"http://mdma\.test(/account/invitation/\S+)", message.get_content()).group(1)


def test_user_list_shows_everyone_a_page_at_a_time(client, admin, create_user):
    for number in range(1, 31):
        create_user(name=f"Lid {number:02d}")
    first, second = _listed(client), _listed(client, page=2)
    assert first == [f"Lid {number:02d}" for number in range(1, 26)]
    assert second == [f"Lid {number:02d}" for number in range(26, 31)] + ["Zoë Beheerder"]


def test_user_list_filters_by_name_or_email(client, admin, create_user):
    create_user(name="Griet Van Acker")
    create_user(name="Hannes Maes", email="griet.collega@test.example")
    create_user(name="Ilse Peeters")
    assert _listed(client, q="griet") == ["Griet Van Acker", "Hannes Maes"]


def test_user_list_filters_by_role(client, admin, create_user):
    create_user("researcher", name="Onderzoeker Een")
    create_user("case_manager", name="Casemanager Een")
    assert _listed(client, role="researcher") == ["Onderzoeker Een"]


def test_user_list_shows_active_users_unless_asked_otherwise(client, admin, create_user):
    create_user(name="Actief Lid")
    create_user(name="Gestopt Lid", active=False)
    assert _listed(client) == ["Actief Lid", "Zoë Beheerder"]
    assert _listed(client, status="inactive") == ["Gestopt Lid"]
    assert _listed(client, status="all") == ["Actief Lid", "Gestopt Lid", "Zoë Beheerder"]


def test_admin_sets_role_organisation_and_sectors(
    client, admin, create_user, create_organisation, sector
):
    user = create_user("case_manager")
    organisation = create_organisation()
    response = client.post(
        f"/admin/users/{user.id}",
        data=_edit(
            user,
            role="policy_owner",
            organisation=str(organisation.id),
            sectors=[str(sector("housing").id), str(sector("income").id)],
        ),
    )
    assert response.status_code == 302
    assert user.role == "policy_owner"
    assert user.organisation == organisation
    assert {s.code for s in user.sectors} == {"housing", "income"}


def test_admin_takes_away_an_organisation_and_sectors(
    client, admin, create_user, create_organisation, sector
):
    user = create_user(
        "coordinator", organisation=create_organisation(), sectors=[sector("health")]
    )
    client.post(f"/admin/users/{user.id}", data=_edit(user, organisation="0", sectors=[]))
    assert user.organisation is None
    assert user.sectors == []


def test_editing_a_user_keeps_their_archived_sectors(client, admin, create_user, sector):
    user = create_user("policy_owner", sectors=[sector("housing"), sector("income")])
    sector("housing").archived = True
    client.post(f"/admin/users/{user.id}", data=_edit(user, sectors=[str(sector("income").id)]))
    assert {s.code for s in user.sectors} == {"housing", "income"}


def test_policy_owner_without_a_sector_is_refused_at_the_field(client, session, admin, create_user):
    user = create_user("case_manager")
    session.commit()
    response = client.post(f"/admin/users/{user.id}", data=_edit(user, role="policy_owner"))
    assert response.status_code == 200
    assert 'id="sectors-error"' in response.get_data(as_text=True)
    session.refresh(user)
    assert user.role == "case_manager"


def test_email_address_of_another_account_is_refused_at_the_field(
    client, session, admin, create_user
):
    user, other = create_user(), create_user()
    session.commit()
    original = user.email
    response = client.post(f"/admin/users/{user.id}", data=_edit(user, email=other.email))
    assert 'id="email-error"' in response.get_data(as_text=True)
    session.refresh(user)
    assert user.email == original


def test_admin_cannot_take_away_their_own_admin_role(client, session, admin):
    response = client.post(f"/admin/users/{admin.id}", data=_edit(admin, role="coordinator"))
    assert response.status_code == 200
    assert 'id="role-error"' in response.get_data(as_text=True)
    session.refresh(admin)
    assert admin.role == "admin"


def test_deactivating_keeps_the_user_and_what_they_did_attributed(
    app, client, session, admin, create_user
):
    user = create_user()
    app.test_client().post("/login", data={"email": user.email, "password": PASSWORD})
    entries = session.scalars(sa.select(LogEntry.action).where(LogEntry.actor_id == user.id)).all()
    assert "user:logged_in" in entries

    response = client.post(f"/admin/users/{user.id}/active", data={"active": "0"})
    assert response.status_code == 302
    session.expire_all()
    assert session.get(User, user.id).active is False
    assert (
        session.scalars(sa.select(LogEntry.action).where(LogEntry.actor_id == user.id)).all()
        == entries
    )


def test_deactivated_user_is_logged_out_on_their_next_request(app, client, admin, create_user):
    user = create_user()
    theirs = login(app.test_client(), user)
    assert theirs.get("/").status_code == 200
    client.post(f"/admin/users/{user.id}/active", data={"active": "0"})
    response = theirs.get("/")
    assert response.status_code == 302
    assert response.location.startswith("/login")


def test_admin_cannot_deactivate_their_own_account(client, session, admin):
    client.post(f"/admin/users/{admin.id}/active", data={"active": "0"})
    session.refresh(admin)
    assert admin.active is True
    assert client.get("/admin/users").status_code == 200


def test_reactivated_user_can_log_in_again(app, client, admin, create_user):
    user = create_user(active=False)
    response = client.post(f"/admin/users/{user.id}/active", data={"active": "1"})
    assert response.status_code == 302
    assert user.active is True
    theirs = app.test_client()
    theirs.post("/login", data={"email": user.email, "password": PASSWORD})
    assert theirs.get("/").status_code == 200


def test_resending_an_invitation_mails_a_new_link_and_kills_the_old_one(
    client, session, admin, outbox
):
    invitation = services.invite(admin, email="nieuw@test.example", name="Nieuw", role="researcher")
    session.commit()
    old_link = _invitation_link(wait_for(lambda: outbox)[0])

    response = client.post(f"/admin/invitations/{invitation.id}/resend")
    assert response.status_code == 302
    messages = wait_for(lambda: len(outbox) == 2 and outbox)
    assert messages[1]["To"] == "nieuw@test.example"
    new_link = _invitation_link(messages[1])
    assert new_link != old_link
    assert client.get(old_link).status_code == 404
    assert client.get(new_link).status_code == 200


def test_revoking_an_invitation_kills_its_link(client, session, admin, outbox):
    invitation = services.invite(admin, email="weg@test.example", name="Weg", role="researcher")
    session.commit()
    link = _invitation_link(wait_for(lambda: outbox)[0])

    response = client.post(f"/admin/invitations/{invitation.id}/revoke")
    assert response.status_code == 302
    assert client.get(link).status_code == 404
    assert "weg@test.example" not in client.get("/admin/invitations").get_data(as_text=True)


def test_user_administration_is_closed_to_non_admins(client, create_user, login_as):
    login_as(create_user("coordinator"))
    assert client.get("/admin/users").status_code == 403
