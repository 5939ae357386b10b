"""The guard on the write path: refuse, redact in one click, or log a confirmed false alarm."""

import json
import re

import pytest
import sqlalchemy as sa

from mdma.core.errors import RuleViolation
from mdma.core.logbook import LogEntry
from mdma.privacy import guard

NATIONAL_NUMBER = "85.07.30-000.61"
TEXT = f"De moeder gaf haar rijksregisternummer {NATIONAL_NUMBER} door aan het loket."


def _log(session, action="privacy:false_alarm_confirmed"):
    return session.scalars(sa.select(LogEntry).where(LogEntry.action == action)).all()


def test_guard_refuses_personal_data_with_the_findings_and_a_redaction(session, create_user):
    with pytest.raises(guard.PersonalDataFound) as refused:
        guard.check(create_user(), TEXT, field="description")
    assert refused.value.field == "description"
    assert [f["kind"] for f in refused.value.as_json()] == ["national_number"]
    assert NATIONAL_NUMBER not in refused.value.redacted
    assert isinstance(refused.value, RuleViolation)


def test_confirmed_false_alarm_is_logged_with_kind_and_place_but_not_the_text(session, create_user):
    writer = create_user()
    guard.check(writer, TEXT, field="description", confirmed=True)
    (entry,) = _log(session)
    assert entry.actor_id == writer.id
    start = TEXT.index(NATIONAL_NUMBER)
    assert entry.data["findings"] == [
        {"kind": "national_number", "start": start, "end": start + len(NATIONAL_NUMBER)}
    ]
    assert NATIONAL_NUMBER not in json.dumps(entry.data)


def test_organisations_of_the_directory_are_never_taken_for_names(
    session, create_user, create_organisation, app
):
    create_organisation("Vzw Mbote Kinshasa Yambi")
    with app.test_request_context():
        guard.check(create_user(), "Doorverwezen naar Vzw Mbote Kinshasa Yambi.", field="note")


def test_check_page_refuses_and_shows_the_finding_next_to_the_field(
    client, session, create_user, login_as
):
    login_as(create_user())
    page = client.post("/privacy/check", data={"text": TEXT}).get_data(as_text=True)
    assert 'id="text-privacy"' in page
    assert re.search(r"<mark[^>]*>85\.07\.30-000\.61", page)
    assert _log(session) == []


def test_check_page_applies_the_suggested_redaction_in_one_click(
    client, session, create_user, login_as
):
    login_as(create_user(language="en"))
    refused = client.post("/privacy/check", data={"text": TEXT}).get_data(as_text=True)
    redacted = re.search(r'name="text-redacted" value="([^"]*)"', refused).group(1)
    page = client.post(
        "/privacy/check",
        data={"text": TEXT, "text-redacted": redacted, "privacy-apply-redaction": "text"},
    ).get_data(as_text=True)
    assert "[national register number]" in page
    assert NATIONAL_NUMBER not in page.split("<textarea", 1)[1].split("</textarea>")[0]


def test_check_page_confirmation_is_logged_for_the_coordinator(
    client, session, create_user, login_as
):
    writer = create_user()
    session.commit()
    login_as(writer)
    client.post("/privacy/check", data={"text": TEXT, "text-not-personal-data": "1"})
    assert [entry.actor_id for entry in _log(session)] == [writer.id]


def test_live_scan_api_returns_findings_and_the_redacted_text(
    client, session, create_user, login_as
):
    login_as(create_user(language="en"))
    response = client.post("/api/v1/privacy/scan", json={"text": "Bel 0471 23 45 67."})
    assert response.status_code == 200
    assert response.json["findings"][0]["kind"] == "phone"
    assert response.json["redacted"] == "Bel [phone number]."


def test_live_scan_api_stores_and_logs_nothing(client, session, create_user, login_as):
    login_as(create_user())
    before = session.scalar(sa.select(sa.func.count()).select_from(LogEntry))
    client.post("/api/v1/privacy/scan", json={"text": TEXT})
    assert session.scalar(sa.select(sa.func.count()).select_from(LogEntry)) == before


def test_live_scan_api_rejects_a_missing_text_with_a_field_error(
    client, session, create_user, login_as
):
    login_as(create_user())
    response = client.post("/api/v1/privacy/scan", json={})
    assert response.status_code == 422
    assert "text" in response.json["error"]["fields"]


def test_live_scan_api_needs_the_csrf_token_from_a_page_session(
    client, session, create_user, login_as, csrf
):
    login_as(create_user())
    assert client.post("/api/v1/privacy/scan", json={"text": "x"}).status_code == 400


def test_coordinator_reviews_confirmed_false_alarms_without_their_text(
    client, session, create_user, login_as
):
    writer = create_user(name="Schrijver Een")
    guard.check(writer, TEXT, field="description", confirmed=True)
    session.commit()
    login_as(create_user("coordinator"))
    response = client.get("/privacy/false-alarms")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Schrijver Een" in page and "description" in page
    assert NATIONAL_NUMBER not in page
