"""Triage and the lifecycle steps: who may take which one, and what each step keeps."""

from datetime import date

import pytest
import sqlalchemy as sa

from mdma.bottlenecks import routing
from mdma.bottlenecks.states import Status
from mdma.core.errors import RuleViolation
from mdma.core.lifecycle import Step
from tests import factories
from tests.factories import route_bottleneck


@pytest.fixture
def submitted(session):
    return factories.create_bottleneck()


def test_triage_routes_and_sets_the_answer_deadline_in_working_days(
    session, submitted, create_user
):
    coordinator = create_user("coordinator")
    routing.triage(
        coordinator, submitted, sectors=[factories.sector("housing")], level="intersectoral",
        tags=["Huur", "huur"], today=date(2026, 12, 22),
    )  # fmt: skip
    assert submitted.status == Status.TRIAGED
    assert submitted.answer_due_on == date(2027, 1, 7)
    assert submitted.tags == ["huur"]


def test_case_manager_cannot_triage(session, submitted, create_user):
    with pytest.raises(RuleViolation):
        routing.triage(
            create_user(), submitted, sectors=[factories.sector("housing")], level="intersectoral"
        )
    assert submitted.status == Status.SUBMITTED


def test_policy_owner_of_a_routed_sector_starts_the_discussion(session, submitted, create_user):
    route_bottleneck(submitted, "housing")
    owner = create_user("policy_owner", sectors=[factories.sector("housing")])
    routing.transition(owner, submitted, Status.IN_DISCUSSION)
    assert submitted.status == Status.IN_DISCUSSION
    assert submitted.first_answer_at is not None


def test_policy_owner_of_another_sector_is_refused_and_nothing_changes(
    session, submitted, create_user
):
    route_bottleneck(submitted, "housing")
    outsider = create_user("policy_owner", sectors=[factories.sector("health")])
    with pytest.raises(RuleViolation) as refused:
        routing.transition(outsider, submitted, Status.IN_DISCUSSION)
    assert refused.value.status == 403
    assert submitted.status == Status.TRIAGED


def test_case_manager_cannot_close_bottleneck(session, submitted, create_user):
    with pytest.raises(RuleViolation):
        routing.transition(submitted.reporter, submitted, Status.CLOSED)
    assert submitted.status == Status.SUBMITTED


def test_declining_needs_a_reason_which_the_timeline_keeps(session, submitted, create_user):
    coordinator = create_user("coordinator")
    with pytest.raises(RuleViolation) as refused:
        routing.transition(coordinator, submitted, Status.DECLINED)
    assert refused.value.field == "reason"
    routing.transition(coordinator, submitted, Status.DECLINED, "Valt buiten het netwerk.")
    last = session.scalars(sa.select(Step).order_by(Step.id.desc())).first()
    assert (last.actor_id, last.target, last.reason) == (
        coordinator.id,
        "declined",
        "Valt buiten het netwerk.",
    )


def test_a_step_outside_the_lifecycle_is_refused(session, submitted, create_user):
    with pytest.raises(RuleViolation) as refused:
        routing.transition(create_user("coordinator"), submitted, Status.RESOLVED, "Opgelost")
    assert refused.value.status == 409


def test_closed_bottleneck_can_be_reopened_with_a_reason(session, submitted, create_user):
    coordinator = create_user("coordinator")
    routing.transition(coordinator, submitted, Status.DECLINED, "Dubbel.")
    routing.transition(coordinator, submitted, Status.CLOSED)
    assert submitted.closed_at is not None
    routing.transition(coordinator, submitted, Status.IN_DISCUSSION, "Toch niet dubbel.")
    assert submitted.status == Status.IN_DISCUSSION and submitted.closed_at is None
