import re

import pytest
import sqlalchemy as sa

from mdma.directory.models import Organisation


@pytest.fixture
def admin(session, create_user, login_as):
    admin = create_user("admin")
    session.commit()  # a refused change rolls back the request, not the test's accounts
    login_as(admin)
    return admin


def _organisation(name="Sociaal Huis Lendelede", **changes):
    data = {
        "name": name,
        "kind": "social_service",
        "sectors": [],
        "contact_email": "onthaal@sociaalhuis.example",
        "contact_phone": "+32 56 00 00 00",
        "website": "https://sociaalhuis.example",
    }
    data.update(changes)
    return data


def _by_name(session, name):
    return session.scalar(sa.select(Organisation).where(Organisation.name == name))


def _count(session) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(Organisation))


def _listed(client, **query) -> list[str]:
    """The organisation names on the directory page, in order."""
    page = client.get("/directory", query_string=query).get_data(as_text=True)
    return re.findall(r"<tr>\s*<td>(?:<a [^>]*>)?([^<]+)", page)


def test_admin_adds_an_organisation_with_its_sectors(client, session, admin, sector):
    response = client.post(
        "/admin/organisations/new",
        data=_organisation(sectors=[str(sector("income").id), str(sector("housing").id)]),
    )
    assert response.status_code == 302
    organisation = _by_name(session, "Sociaal Huis Lendelede")
    assert organisation.kind == "social_service"
    assert {s.code for s in organisation.sectors} == {"income", "housing"}
    assert organisation.contact_email == "onthaal@sociaalhuis.example"
    assert organisation.website == "https://sociaalhuis.example"


@pytest.mark.parametrize(
    "field, value",
    [
        ("contact_email", "geen-adres"),
        ("website", "sociaalhuis"),
        ("name", ""),
    ],
)
def test_invalid_organisation_details_are_refused_at_the_field(
    client, session, admin, field, value
):
    before = _count(session)
    response = client.post("/admin/organisations/new", data=_organisation(**{field: value}))
    assert response.status_code == 200
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert _count(session) == before


def test_organisation_name_already_in_the_directory_is_refused_at_the_field(
    client, session, admin, create_organisation
):
    create_organisation("Sociaal Huis Lendelede")
    session.commit()
    before = _count(session)
    response = client.post(
        "/admin/organisations/new", data=_organisation(name="sociaal huis lendelede")
    )
    assert 'id="name-error"' in response.get_data(as_text=True)
    assert _count(session) == before


def test_admin_edits_an_organisation(client, session, admin, create_organisation, sector):
    organisation = create_organisation("Oude Naam", sectors=[sector("health")])
    response = client.post(
        f"/admin/organisations/{organisation.id}",
        data=_organisation(name="Nieuwe Naam", sectors=[str(sector("children").id)]),
    )
    assert response.status_code == 302
    assert organisation.name == "Nieuwe Naam"
    assert [s.code for s in organisation.sectors] == ["children"]


def test_renaming_to_the_name_of_another_organisation_is_refused_at_the_field(
    client, session, admin, create_organisation
):
    create_organisation("Bestaande Naam")
    organisation = create_organisation("Eigen Naam")
    session.commit()
    response = client.post(
        f"/admin/organisations/{organisation.id}", data=_organisation(name="Bestaande Naam")
    )
    assert 'id="name-error"' in response.get_data(as_text=True)
    session.refresh(organisation)
    assert organisation.name == "Eigen Naam"


def test_editing_an_organisation_keeps_its_archived_sectors(
    client, session, admin, create_organisation, sector
):
    organisation = create_organisation(sectors=[sector("housing"), sector("income")])
    sector("housing").archived = True
    client.post(
        f"/admin/organisations/{organisation.id}",
        data=_organisation(name=organisation.name, sectors=[str(sector("income").id)]),
    )
    assert {s.code for s in organisation.sectors} == {"housing", "income"}


def test_archived_organisation_leaves_the_directory_until_restored(
    client, admin, create_organisation
):
    organisation = create_organisation("Tijdelijk Project")
    response = client.post(
        f"/admin/organisations/{organisation.id}/archive", data={"archived": "1"}
    )
    assert response.status_code == 302
    assert organisation.archived is True
    assert "Tijdelijk Project" not in _listed(client)
    client.post(f"/admin/organisations/{organisation.id}/archive", data={"archived": "0"})
    assert "Tijdelijk Project" in _listed(client)


def test_archived_organisation_is_no_longer_offered_when_inviting(
    client, admin, create_organisation
):
    archived = create_organisation("Tijdelijk Project", archived=True)
    active = create_organisation("Vaste Partner")
    page = client.get("/admin/users/invite").get_data(as_text=True)
    assert f'<option value="{archived.id}">' not in page
    assert f'<option value="{active.id}">Vaste Partner</option>' in page


def test_directory_searches_by_part_of_the_name(client, create_user, login_as, create_organisation):
    login_as(create_user())
    create_organisation("Kinderopvang De Speelboom")
    create_organisation("Kinderopvang Het Nest")
    create_organisation("Wijkgezondheidscentrum")
    assert _listed(client, q="opvang") == ["Kinderopvang De Speelboom", "Kinderopvang Het Nest"]


def test_directory_filters_by_sector(client, create_user, login_as, create_organisation, sector):
    login_as(create_user())
    create_organisation("Huurdersbond", sectors=[sector("housing")])
    create_organisation("Woonwinkel", sectors=[sector("housing"), sector("income")])
    create_organisation("Voedselbank", sectors=[sector("income")])
    assert _listed(client, sector="housing") == ["Huurdersbond", "Woonwinkel"]


def test_directory_shows_organisations_a_page_at_a_time(
    client, create_user, login_as, create_organisation
):
    login_as(create_user())
    for number in range(1, 31):
        create_organisation(f"Organisatie {number:02d}")
    assert _listed(client) == [f"Organisatie {n:02d}" for n in range(1, 26)]
    assert _listed(client, page=2) == [f"Organisatie {n:02d}" for n in range(26, 31)]


def test_organisation_administration_is_closed_to_non_admins(
    client, create_user, login_as, create_organisation
):
    login_as(create_user("policy_owner"))
    organisation = create_organisation()
    edit = client.post(f"/admin/organisations/{organisation.id}", data=_organisation())
    assert edit.status_code == 403
    assert client.get("/admin/organisations/new").status_code == 403
    assert client.get("/directory").status_code == 200
