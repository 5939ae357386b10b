import re

import pytest

from mdma import config
from mdma.api.base import api

HTTP_METHODS = {"get", "put", "post", "patch", "delete", "head", "options", "trace"}


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.json


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def test_openapi_document_is_open_to_everyone(client):
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_openapi_document_is_openapi_3(document):
    assert re.fullmatch(r"3\.\d+\.\d+", document["openapi"])
    assert document["info"]["title"] and document["info"]["version"] == "v1"


def test_openapi_document_describes_the_api(document):
    assert {
        "/api/v1/me",
        "/api/v1/sectors",
        "/api/v1/organisations",
        "/api/v1/organisations/{organisation_id}",
        "/api/v1/life-domains",
    } <= set(document["paths"])


def test_every_api_route_is_in_the_openapi_document(app, document):
    routes = {
        re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/") and rule.endpoint != "api-docs.openapi_json"
    }
    assert routes == set(document["paths"])


def test_every_operation_has_a_summary_and_responses(document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method in HTTP_METHODS:
                assert operation.get("summary"), f"{method} {path} has no summary"
                assert operation.get("responses"), f"{method} {path} has no responses"


def test_every_reference_in_the_document_resolves(document):
    for ref in _refs(document):
        assert ref.startswith("#/"), ref
        node = document
        for part in ref[2:].split("/"):
            assert part in node, f"{ref} does not resolve"
            node = node[part]


def test_api_is_secured_with_bearer_tokens(document):
    scheme = document["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert {"bearerAuth": []} in document["security"]


def test_openapi_document_is_generated_from_the_code(app, document):
    with app.test_request_context():
        assert document == api.spec.to_dict()
    folders = (config.ROOT, config.ROOT / "static", config.ROOT / "mdma")
    assert [path for folder in folders for path in folder.glob("openapi*")] == []
