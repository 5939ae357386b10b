"""The re-scan of stored texts: one registry, findings kept, dismissals remembered, redaction
in place, a stale redaction refused."""

import pytest
import sqlalchemy as sa

from mdma.core.errors import RuleViolation
from mdma.extensions import db
from mdma.privacy import review
from mdma.privacy.models import FindingStatus, StoredFinding
from mdma.privacy.registry import FIELDS
from mdma.privacy.rescan import rescan
from tests.factories import create_bottleneck

NAME = "Mevrouw Ferhat"
OLD_TEXT = f"{NAME} wacht al maanden op een antwoord van de dienst."


def stored_earlier(text=OLD_TEXT):
    """A bottleneck whose description was stored before the guard knew better."""
    bottleneck = create_bottleneck()
    bottleneck.description = text
    db.session.flush()
    return bottleneck


def findings(status=None):
    query = sa.select(StoredFinding).order_by(StoredFinding.id)
    if status:
        query = query.where(StoredFinding.status == status)
    return db.session.scalars(query).all()


def test_every_domain_registers_its_free_texts_in_one_registry(session):
    assert {"bottleneck.title", "bottleneck.description", "occurrence.note", "post.body"} <= set(
        FIELDS
    )


def test_rescan_finds_personal_data_stored_earlier_without_keeping_the_text(session):
    bottleneck = stored_earlier()
    result = rescan()
    (finding,) = findings()
    assert (finding.field, finding.object_id, finding.kind) == (
        "bottleneck.description",
        bottleneck.id,
        "person_name",
    )
    assert OLD_TEXT[finding.start : finding.end] == "Ferhat"
    assert "Ferhat" not in (finding.value_hash + finding.text_hash)
    assert result.new == 1 and result.texts >= 2


def test_a_second_rescan_raises_nothing_new(session):
    stored_earlier()
    rescan()
    assert rescan().new == 0
    assert len(findings()) == 1


def test_a_dismissed_false_alarm_stays_dismissed_after_the_next_rescan(session, create_user):
    stored_earlier()
    rescan()
    review.dismiss(create_user("coordinator"), findings()[0])
    rescan()
    assert [f.status for f in findings()] == [FindingStatus.DISMISSED]


def test_an_open_finding_goes_when_the_text_no_longer_holds_it(session):
    bottleneck = stored_earlier()
    rescan()
    bottleneck.description = "Een moeder wacht al maanden op een antwoord van de dienst."
    db.session.flush()
    rescan()
    assert findings() == []


def test_redaction_replaces_the_finding_in_the_stored_text(session, create_user):
    bottleneck = stored_earlier()
    rescan()
    finding = findings()[0]
    review.redact(create_user("coordinator"), finding, finding.text_hash)
    assert bottleneck.description.startswith("Mevrouw [")
    assert "Ferhat" not in bottleneck.description
    assert bottleneck.description.endswith("] wacht al maanden op een antwoord van de dienst.")
    assert finding.status == FindingStatus.REDACTED


def test_redacting_a_text_changed_since_the_scan_answers_409_and_changes_nothing(
    session, create_user
):
    bottleneck = stored_earlier()
    rescan()
    finding = findings()[0]
    changed = OLD_TEXT + " Intussen belde ze opnieuw."
    bottleneck.description = changed
    db.session.flush()
    with pytest.raises(RuleViolation) as refused:
        review.redact(create_user("coordinator"), finding, finding.text_hash)
    assert refused.value.status == 409
    assert bottleneck.description == changed
    assert finding.status == FindingStatus.OPEN


def test_only_a_coordinator_redacts_or_dismisses(session, create_user):
    stored_earlier()
    rescan()
    finding = findings()[0]
    with pytest.raises(RuleViolation) as refused:
        review.dismiss(create_user("case_manager"), finding)
    assert refused.value.status == 403
