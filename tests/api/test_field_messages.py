"""Input errors of the API name each field's problem in the caller's language."""

from mdma.api.messages import translate
from tests.conftest import login


def test_a_french_caller_reads_field_messages_in_french(client, session, create_user):
    session.commit()
    login(client, create_user("case_manager", language="fr"))
    response = client.post("/api/v1/bottlenecks", json={"level": "cosmic"})
    assert response.status_code == 422
    fields = response.json["error"]["fields"]
    assert fields["title"] == ["Ce champ est obligatoire."]
    assert fields["level"][0].startswith("Doit être l'une de ces valeurs : ")


def test_an_english_caller_reads_them_as_marshmallow_writes_them(client, session, create_user):
    session.commit()
    login(client, create_user("case_manager", language="en"))
    response = client.get("/api/v1/bottlenecks?sector=many")
    assert response.json["error"]["fields"]["sector"] == ["Not a valid integer."]


def test_values_in_a_message_are_kept(app):
    with app.test_request_context(headers={"Accept-Language": "nl"}):
        assert translate("Length must be between 1 and 40.") == (
            "De lengte moet tussen 1 en 40 liggen."
        )
        assert translate("Something marshmallow never said.") == (
            "Something marshmallow never said."
        )
