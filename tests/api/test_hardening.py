"""Odd input at the edge answers a 4xx in the platform's error shape and the caller's language,
stores nothing, and never a 5xx — on both databases. And the smaller points of the hardening
round: no-store for signed-in answers, 405 with Allow, date-times with an offset, archived
organisations, a merge that does not tell whose drafts exist."""

import json
import re

import pytest
import sqlalchemy as sa

from mdma.bottlenecks.models import Bottleneck, Occurrence
from mdma.core.edge import MAX_ID
from mdma.directory.models import Organisation
from mdma.extensions import db
from tests import factories
from tests.bottlenecks.conftest import count
from tests.conftest import login
from tests.factories import create_bottleneck

URL = "/api/v1/bottlenecks"
HUGE = 2**63


def body(**changes) -> dict:
    return {
        "title": "Huurwaarborg is niet op te brengen",
        "description": "Gezinnen vinden geen huurwaarborg.",
        "sector_ids": [factories.sector("housing").id],
        "submit": True,
    } | changes


@pytest.fixture
def call(client, session):
    """One request by `user`, the test's data committed first (a refusal rolls back its own)."""

    def request(method, path, user, **kwargs):
        session.commit()
        login(client, user)
        return client.open(path, method=method, **kwargs)

    return request


@pytest.fixture
def writer(create_user):
    return create_user("case_manager", language="fr")


@pytest.fixture
def submitted(writer):
    return create_bottleneck(writer, "Huurwaarborg niet betaalbaar", sector="housing")


def error_of(response) -> dict:
    assert response.is_json, response.get_data(as_text=True)[:300]
    assert set(response.json) == {"error"}
    return response.json["error"]


# --- Text -------------------------------------------------------------------------------------


def test_nul_and_control_characters_never_reach_the_database(call, session, writer):
    response = call("POST", URL, writer, json=body(title="Huur\x00waarborg\x07 te hoog"))
    assert response.status_code == 201
    stored = session.get(Bottleneck, response.json["id"])
    assert stored.title == "Huurwaarborg te hoog"


def test_a_lone_surrogate_in_json_is_removed_before_it_is_stored(call, session, writer):
    raw = json.dumps(body(description="Wacht\ud800lijst")).encode()
    response = call("POST", URL, writer, data=raw, content_type="application/json")
    assert response.status_code == 201
    assert session.get(Bottleneck, response.json["id"]).description == "Wachtlijst"


def test_a_title_of_zero_width_characters_counts_as_empty(call, session, writer):
    response = call("POST", URL, writer, json=body(title="\u200b\u200b\ufeff"))
    assert response.status_code == 422
    assert list(error_of(response)["fields"]) == ["title"]
    assert count(session, Bottleneck) == 0


def test_page_form_refuses_a_title_of_zero_width_characters(client, session, writer, login_as):
    login_as(writer)
    response = client.post(
        "/bottlenecks/new",
        data={"title": "\u200b\u2060", "families_count": "1", "level": "operational"},
    )
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.get_data(as_text=True)
    assert count(session, Bottleneck) == 0


def test_a_search_box_with_a_nul_character_answers_the_list(call, submitted, writer):
    assert call("GET", "/bottlenecks?q=huur%00waarborg", writer).status_code == 200
    assert call("GET", f"{URL}?q=huur%00waarborg", writer).status_code == 200
    assert call("GET", "/directory?q=%00", writer).status_code == 200


def test_text_is_stored_composed(call, session, writer):
    response = call("POST", URL, writer, json=body(title="Cafe\u0301 sociaal sluit"))
    assert session.get(Bottleneck, response.json["id"]).title == "Café sociaal sluit"


# --- Bodies -----------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [b"{", b'{"title": }', b"\xff\xfe", b"[1, 2"])
def test_a_body_that_is_not_json_is_refused_in_the_callers_language(call, writer, raw):
    response = call("POST", URL, writer, data=raw, content_type="application/json")
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "bad_request"
    assert error["message"] == "Ce que vous avez envoyé n’est pas du JSON valide."


def test_a_body_nested_too_deeply_is_refused(call, session, writer):
    raw = b'{"title": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"
    response = call("POST", URL, writer, data=raw, content_type="application/json")
    assert response.status_code == 400
    assert error_of(response)["code"] == "bad_request"
    assert count(session, Bottleneck) == 0


def test_a_json_body_of_another_shape_is_refused_at_the_body(call, writer):
    response = call("POST", URL, writer, json=["title"])
    assert response.status_code == 422
    assert error_of(response)["code"] == "invalid_input"


def test_an_error_in_a_nested_field_is_named_at_its_field(call, writer):
    response = call("POST", URL, writer, json=body(household={"children_band": "twee"}))
    fields = error_of(response)["fields"]
    assert list(fields) == ["household"]
    assert fields["household"][0].startswith("children_band: ")


# --- Numbers and dates ------------------------------------------------------------------------


@pytest.mark.parametrize("path", [f"{URL}/{HUGE}", f"/bottlenecks/{HUGE}", f"{URL}/{MAX_ID + 1}"])
def test_an_id_past_the_bounds_in_a_url_is_no_address(call, writer, path):
    assert call("GET", path, writer).status_code == 404


@pytest.mark.parametrize("path", [URL, f"{URL}?sector=1", "/bottlenecks", "/directory"])
def test_a_page_past_the_bounds_is_an_empty_page(call, submitted, writer, path):
    separator = "&" if "?" in path else "?"
    response = call("GET", f"{path}{separator}page={HUGE}", writer)
    assert response.status_code == 200
    if response.is_json:
        assert response.json == []


@pytest.mark.parametrize("query", [f"sector={HUGE}", f"organisation={-HUGE}", "sector=0"])
def test_a_filter_past_the_bounds_is_refused_at_its_field(call, writer, query):
    response = call("GET", f"{URL}?{query}", writer)
    assert response.status_code == 422
    assert list(error_of(response)["fields"]) == [query.split("=")[0]]


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"sector_ids": [HUGE]}, "sector_ids"),
        ({"organisation_ids": [MAX_ID + 1]}, "organisation_ids"),
        ({"families_count": 2**31}, "families_count"),
        ({"families_count": HUGE}, "families_count"),
        ({"sector_ids": list(range(1, 1000))}, "sector_ids"),
    ],
)
def test_ids_and_counts_past_the_bounds_are_refused_at_their_field(
    call, session, writer, changes, field
):
    response = call("POST", URL, writer, json=body(**changes))
    assert response.status_code == 422
    assert list(error_of(response)["fields"]) == [field]
    assert count(session, Bottleneck) == 0


def test_an_edit_on_a_version_past_the_bounds_is_refused(call, writer):
    draft = create_bottleneck(writer, draft=True)
    response = call("PATCH", f"{URL}/{draft.id}", writer, json={"version": HUGE})
    assert response.status_code == 422
    assert list(error_of(response)["fields"]) == ["version"]


def test_page_form_refuses_a_duplicate_number_past_the_bounds(
    client, session, submitted, create_user, login_as
):
    login_as(create_user("coordinator"))
    session.commit()
    response = client.post(f"/bottlenecks/{submitted.id}/merge", data={"duplicate_id": HUGE})
    assert response.status_code == 200
    assert session.get(Bottleneck, submitted.id).merged_into_id is None


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31"])
def test_an_occurrence_before_2000_is_refused_at_its_field(call, session, submitted, writer, day):
    response = call("POST", f"{URL}/{submitted.id}/occurrences", writer, json={"occurred_on": day})
    assert response.status_code == 422
    assert list(error_of(response)["fields"]) == ["occurred_on"]
    assert count(session, Occurrence) == 0


def test_page_form_refuses_an_occurrence_dated_year_one(client, session, submitted, login_as):
    login_as(submitted.reporter)
    session.commit()
    response = client.post(
        f"/bottlenecks/{submitted.id}/occurrences/new", data={"occurred_on": "0001-01-01"}
    )
    assert response.status_code == 200
    assert count(session, Occurrence) == 0


# --- Errors the database raises -----------------------------------------------------------------


@pytest.fixture
def broken_flush(monkeypatch):
    """The directory page fails as a refused write leaves the session: flushed, then refused by
    the database (a NOT NULL here; a NUL on PostgreSQL before the edge removed them)."""
    from mdma.directory import queries

    def fail(*_args, **_kwargs):
        db.session.add(Organisation(name=None))
        db.session.flush()

    monkeypatch.setattr(queries, "organisations_query", fail)


def test_a_refused_write_still_shows_the_error_page_in_the_users_language(
    client, session, writer, login_as, broken_flush
):
    login_as(writer)
    session.commit()
    response = client.get("/directory")
    assert response.status_code == 500
    assert response.mimetype == "text/html"
    assert re.search(r'<html lang="fr"', response.get_data(as_text=True))


def test_a_refused_write_answers_the_api_error_shape(call, writer, broken_flush):
    response = call("GET", "/api/v1/organisations", writer)
    assert response.status_code == 500
    assert error_of(response)["code"] == "server_error"


def test_a_value_out_of_the_databases_range_is_the_callers_error(
    call, session, writer, monkeypatch
):
    from mdma.directory import queries

    monkeypatch.setattr(
        queries, "organisations_query", lambda *a: sa.select(Organisation).offset(HUGE)
    )
    response = call("GET", "/api/v1/organisations", writer)
    assert response.status_code == 400
    assert error_of(response)["message"] == "La demande n'a pas pu être comprise."


# --- The smaller points ---------------------------------------------------------------------------


def test_signed_in_pages_and_api_answers_are_not_stored_by_caches(call, client, writer):
    assert call("GET", "/bottlenecks", writer).headers["Cache-Control"] == "no-store"
    assert call("GET", URL, writer).headers["Cache-Control"] == "no-store"
    assert call("GET", "/api/v1/nothing-here", writer).headers["Cache-Control"] == "no-store"


def test_anonymous_api_refusals_are_not_stored_by_caches(app, session):
    assert app.test_client().get(URL).headers["Cache-Control"] == "no-store"


def test_static_files_stay_cacheable(app, session, writer):
    response = app.test_client().get("/static/css/mdma.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_a_method_not_allowed_says_which_are(call, submitted, writer):
    response = call("DELETE", f"{URL}/{submitted.id}/occurrences", writer)
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"GET", "POST"}
    assert error_of(response)["code"] == "method_not_allowed"
    page = call("PUT", "/bottlenecks", writer)
    assert page.status_code == 405
    assert "GET" in page.headers["Allow"]


def test_api_date_times_carry_their_offset(call, submitted, writer):
    shown = call("GET", f"{URL}/{submitted.id}", writer).json
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00", shown["submitted_at"])
    assert shown["timeline"][0]["at"].endswith("+00:00")


def test_merge_tells_nobody_whether_someone_elses_draft_exists(
    call, session, submitted, create_user
):
    coordinator = create_user("coordinator")
    draft = create_bottleneck(create_user(), draft=True)
    session.commit()
    never = db.session.scalar(sa.select(sa.func.max(Bottleneck.id))) + 1000
    answers = [
        call("POST", f"{URL}/{submitted.id}/merge", coordinator, json={"duplicate_id": number})
        for number in (draft.id, never)
    ]
    assert [a.status_code for a in answers] == [422, 422]
    assert answers[0].json == answers[1].json
