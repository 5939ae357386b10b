import re

import pytest
import sqlalchemy as sa

from mdma.directory.models import Sector


@pytest.fixture
def admin(session, create_user, login_as):
    admin = create_user("admin")
    session.commit()  # a refused change rolls back the request, not the test's accounts
    login_as(admin)
    return admin


def _sector_count(session) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(Sector))


def _offered_when_inviting(client) -> set[int]:
    """The sectors the invitation form offers as checkboxes."""
    page = client.get("/admin/users/invite").get_data(as_text=True)
    return {
        int(value) for value in re.findall(r'name="sectors" type="checkbox" value="(\d+)"', page)
    }


def _archive(client, sector, archived=True):
    return client.post(
        f"/admin/sectors/{sector.id}/archive", data={"archived": "1" if archived else "0"}
    )


def test_admin_adds_a_sector_with_its_names_in_three_languages(client, session, admin):
    response = client.post(
        "/admin/sectors",
        data={"name_nl": "Mobiliteit", "name_fr": "Mobilité", "name_en": "Mobility"},
    )
    assert response.status_code == 302
    sector = session.scalar(sa.select(Sector).where(Sector.name_nl == "Mobiliteit"))
    assert (sector.code, sector.name_fr, sector.name_en) == ("mobiliteit", "Mobilité", "Mobility")
    assert sector.archived is False


def test_sector_name_already_in_use_is_refused_at_the_field(client, session, admin):
    before = _sector_count(session)
    response = client.post("/admin/sectors", data={"name_nl": "huisvesting"})
    assert response.status_code == 200
    assert 'id="name_nl-error"' in response.get_data(as_text=True)
    assert _sector_count(session) == before


def test_sector_without_a_dutch_name_is_refused_at_the_field(client, session, admin):
    before = _sector_count(session)
    response = client.post("/admin/sectors", data={"name_nl": "", "name_en": "Debt"})
    assert 'id="name_nl-error"' in response.get_data(as_text=True)
    assert _sector_count(session) == before


def test_admin_renames_a_sector_and_its_code_stays(client, session, admin, sector):
    housing = sector("housing")
    response = client.post(
        f"/admin/sectors/{housing.id}",
        data={"name_nl": "Wonen", "name_fr": "Logement", "name_en": "Housing"},
    )
    assert response.status_code == 302
    session.refresh(housing)
    assert (housing.code, housing.name_nl) == ("housing", "Wonen")


def test_renaming_to_the_name_of_another_sector_is_refused_at_the_field(
    client, session, admin, sector
):
    housing = sector("housing")
    response = client.post(f"/admin/sectors/{housing.id}", data={"name_nl": "Inkomen"})
    assert 'id="name_nl-error"' in response.get_data(as_text=True)
    session.refresh(housing)
    assert housing.name_nl == "Huisvesting"


def test_archived_sector_is_no_longer_offered_when_inviting(client, admin, sector):
    housing = sector("housing")
    assert housing.id in _offered_when_inviting(client)
    assert _archive(client, housing).status_code == 302
    offered = _offered_when_inviting(client)
    assert housing.id not in offered
    assert sector("income").id in offered


def test_archived_sector_is_no_longer_listed_by_the_api(client, admin, sector):
    _archive(client, sector("housing"))
    codes = [s["code"] for s in client.get("/api/v1/sectors").json]
    assert "housing" not in codes
    assert "income" in codes


def test_archived_sector_stays_on_the_admin_list(client, admin, sector):
    housing = sector("housing")
    _archive(client, housing)
    assert housing.archived is True
    assert f'href="/admin/sectors/{housing.id}">Huisvesting<' in client.get(
        "/admin/sectors"
    ).get_data(as_text=True)


def test_restored_sector_is_offered_again(client, admin, sector):
    housing = sector("housing")
    _archive(client, housing)
    _archive(client, housing, archived=False)
    assert housing.archived is False
    assert housing.id in _offered_when_inviting(client)


def test_sector_administration_is_closed_to_non_admins(client, create_user, login_as, sector):
    login_as(create_user("coordinator"))
    assert client.get("/admin/sectors").status_code == 403
    assert _archive(client, sector("housing")).status_code == 403
    assert sector("housing").archived is False
