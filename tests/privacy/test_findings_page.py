"""The coordinator's page of findings in stored texts: who sees it, redact, dismiss, 409."""

import pytest
import sqlalchemy as sa

from mdma.extensions import db
from mdma.privacy.models import FindingStatus, StoredFinding
from mdma.privacy.rescan import rescan
from tests.factories import create_bottleneck

TEXT = "Gesprek met dhr. Vanderhaeghen over de huur; hij wacht op de premie."


@pytest.fixture
def finding(session):
    bottleneck = create_bottleneck()
    bottleneck.description = TEXT  # stored before the guard knew better
    db.session.flush()
    rescan()
    return db.session.scalars(sa.select(StoredFinding)).one()


def test_coordinator_sees_the_finding_in_its_text_with_a_link_to_where_it_is(
    client, create_user, login_as, finding
):
    login_as(create_user("coordinator"))
    page = client.get("/privacy/findings").get_data(as_text=True)
    assert "<mark>Vanderhaeghen</mark>" in page
    assert f"/bottlenecks/{finding.object_id}" in page


@pytest.mark.parametrize(
    "role", ["case_manager", "social_worker", "policy_owner", "researcher", "admin"]
)
def test_only_coordinators_see_the_findings_page(client, create_user, login_as, finding, role):
    login_as(create_user(role))
    assert client.get("/privacy/findings").status_code == 403
    assert client.post(f"/privacy/findings/{finding.id}/dismiss").status_code == 403


def test_redacting_from_the_page_replaces_the_text(client, create_user, login_as, finding):
    login_as(create_user("coordinator"))
    response = client.post(
        f"/privacy/findings/{finding.id}/redact", data={"text_hash": finding.text_hash}
    )
    assert response.status_code == 302
    assert finding.status == FindingStatus.REDACTED
    description = client.get(f"/bottlenecks/{finding.object_id}").get_data(as_text=True)
    assert "Vanderhaeghen" not in description


def test_a_stale_redaction_answers_409_and_changes_nothing(client, create_user, login_as, finding):
    from mdma.bottlenecks.models import Bottleneck

    login_as(create_user("coordinator"))
    bottleneck = db.session.get(Bottleneck, finding.object_id)
    bottleneck.description = TEXT + " Intussen is er nieuws."
    db.session.flush()
    response = client.post(
        f"/privacy/findings/{finding.id}/redact", data={"text_hash": finding.text_hash}
    )
    assert response.status_code == 409
    assert bottleneck.description == TEXT + " Intussen is er nieuws."
    assert finding.status == FindingStatus.OPEN


def test_a_page_shown_before_a_new_scan_is_stale_too(client, create_user, login_as, finding):
    login_as(create_user("coordinator"))
    response = client.post(f"/privacy/findings/{finding.id}/redact", data={"text_hash": "0" * 64})
    assert response.status_code == 409


def test_dismissing_from_the_page_keeps_the_false_alarm_out_of_the_next_scan(
    client, create_user, login_as, finding
):
    login_as(create_user("coordinator"))
    assert client.post(f"/privacy/findings/{finding.id}/dismiss").status_code == 302
    rescan()
    page = client.get("/privacy/findings").get_data(as_text=True)
    assert "Vanderhaeghen" not in page
    assert finding.status == FindingStatus.DISMISSED
