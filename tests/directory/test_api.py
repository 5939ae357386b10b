import json

import pytest

from mdma.directory.services import create_sector


@pytest.fixture
def reader(client, create_user, login_as):
    login_as(create_user())
    return client


def _names(response) -> list[str]:
    return [organisation["name"] for organisation in response.json]


def _pagination(response) -> dict:
    return json.loads(response.headers["X-Pagination"])


@pytest.mark.parametrize(
    "language, name", [("nl", "Huisvesting"), ("fr", "Logement"), ("en", "Housing")]
)
def test_sector_names_follow_the_language_of_the_caller(
    client, create_user, login_as, language, name
):
    login_as(create_user(language=language))
    housing = next(s for s in client.get("/api/v1/sectors").json if s["code"] == "housing")
    assert housing["name"] == name
    assert (housing["name_nl"], housing["name_fr"]) == ("Huisvesting", "Logement")


def test_sector_without_a_french_name_is_named_in_dutch(client, create_user, login_as):
    create_sector(None, name_nl="Mobiliteit")
    login_as(create_user(language="fr"))
    mobility = next(s for s in client.get("/api/v1/sectors").json if s["code"] == "mobiliteit")
    assert mobility["name"] == "Mobiliteit"


def test_sectors_come_in_their_set_order(reader):
    codes = [s["code"] for s in reader.get("/api/v1/sectors").json]
    assert codes == ["employment", "education", "income", "housing", "children", "health"]


def test_organisations_are_filtered_by_part_of_the_name(reader, create_organisation):
    create_organisation("Kinderopvang De Speelboom")
    create_organisation("Kinderopvang Het Nest")
    create_organisation("Wijkgezondheidscentrum")
    response = reader.get("/api/v1/organisations", query_string={"q": "OPVANG"})
    assert _names(response) == ["Kinderopvang De Speelboom", "Kinderopvang Het Nest"]


def test_organisations_are_filtered_by_sector(reader, create_organisation, sector):
    create_organisation("Huurdersbond", sectors=[sector("housing")])
    create_organisation("Voedselbank", sectors=[sector("income")])
    response = reader.get("/api/v1/organisations", query_string={"sector": "housing"})
    assert _names(response) == ["Huurdersbond"]
    assert response.json[0]["sectors"][0]["code"] == "housing"


def test_archived_organisations_are_left_out_unless_an_administrator_asks(
    client, create_user, login_as, create_organisation
):
    create_organisation("Actief")
    create_organisation("Gearchiveerd", archived=True)
    login_as(create_user("admin"))
    assert _names(client.get("/api/v1/organisations")) == ["Actief"]
    everything = client.get("/api/v1/organisations", query_string={"include_archived": "true"})
    assert _names(everything) == ["Actief", "Gearchiveerd"]


@pytest.mark.parametrize(
    "role", ["case_manager", "social_worker", "policy_owner", "coordinator", "researcher"]
)
def test_archived_organisations_stay_hidden_from_everyone_but_administrators(
    client, create_user, login_as, create_organisation, role
):
    create_organisation("Actief")
    archived = create_organisation("Gearchiveerd", archived=True)
    login_as(create_user(role))
    asked = client.get("/api/v1/organisations", query_string={"include_archived": "true"})
    assert _names(asked) == ["Actief"]
    assert client.get(f"/api/v1/organisations/{archived.id}").status_code == 404


def test_organisations_come_a_page_at_a_time(reader, create_organisation):
    for number in range(1, 13):
        create_organisation(f"Organisatie {number:02d}")
    response = reader.get("/api/v1/organisations", query_string={"page": 2, "page_size": 5})
    assert _names(response) == [f"Organisatie {n:02d}" for n in range(6, 11)]
    assert _pagination(response) == {
        "total": 12,
        "total_pages": 3,
        "first_page": 1,
        "last_page": 3,
        "page": 2,
        "previous_page": 1,
        "next_page": 3,
    }


def test_page_size_above_one_hundred_is_refused(reader):
    response = reader.get("/api/v1/organisations", query_string={"page_size": 101})
    assert response.status_code == 422
    assert response.json["error"]["code"] == "invalid_input"
    assert "page_size" in response.json["error"]["fields"]


def test_page_size_of_one_hundred_is_accepted(reader):
    assert reader.get("/api/v1/organisations", query_string={"page_size": 100}).status_code == 200


def test_one_organisation_by_its_id(reader, create_organisation, sector):
    organisation = create_organisation(
        "Huurdersbond", sectors=[sector("housing")], contact_email="info@huurdersbond.example"
    )
    response = reader.get(f"/api/v1/organisations/{organisation.id}")
    assert response.status_code == 200
    assert response.json["name"] == "Huurdersbond"
    assert response.json["contact_email"] == "info@huurdersbond.example"
    assert [s["code"] for s in response.json["sectors"]] == ["housing"]


def test_unknown_organisation_is_a_404_in_the_error_shape(reader):
    response = reader.get("/api/v1/organisations/999999")
    assert response.status_code == 404
    assert list(response.json) == ["error"]
    error = response.json["error"]
    assert sorted(error) == ["code", "message", "status"]
    assert (error["status"], error["code"]) == (404, "not_found")
    assert error["message"]


def test_the_six_life_domains_are_listed(reader):
    response = reader.get("/api/v1/life-domains")
    assert [domain["code"] for domain in response.json] == [
        "income",
        "parents_education",
        "children_stimulation",
        "parents_work",
        "housing",
        "health",
    ]
    assert all(domain["name"] for domain in response.json)


@pytest.mark.parametrize(
    "path", ["/api/v1/sectors", "/api/v1/organisations", "/api/v1/life-domains"]
)
def test_directory_api_needs_a_signed_in_caller(client, path):
    response = client.get(path)
    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthorized"
