"""The lifecycle table, read as the issue states it."""

import pytest

from mdma.bottlenecks.states import LIFECYCLE, Status
from mdma.permissions import Permission

S = Status


@pytest.mark.parametrize(
    "source, target, permission, needs_reason",
    [
        (S.DRAFT, S.SUBMITTED, Permission.BOTTLENECK_REPORT, False),
        (S.SUBMITTED, S.TRIAGED, Permission.BOTTLENECK_TRIAGE, False),
        (S.TRIAGED, S.IN_DISCUSSION, Permission.BOTTLENECK_ANSWER, False),
        (S.IN_DISCUSSION, S.RESOLVED, Permission.BOTTLENECK_ANSWER, True),
        (S.IN_DISCUSSION, S.SCHEDULED, Permission.BOTTLENECK_TRIAGE, False),
        (S.IN_DISCUSSION, S.IN_PROPOSAL, Permission.BOTTLENECK_TRIAGE, False),
        (S.IN_DISCUSSION, S.DECLINED, Permission.BOTTLENECK_TRIAGE, True),
        (S.RESOLVED, S.CLOSED, Permission.BOTTLENECK_TRIAGE, False),
        (S.DECLINED, S.CLOSED, Permission.BOTTLENECK_TRIAGE, False),
        (S.CLOSED, S.IN_DISCUSSION, Permission.BOTTLENECK_TRIAGE, True),
    ],
)
def test_step_is_owned_by_its_permission(source, target, permission, needs_reason):
    step = LIFECYCLE.transition(source, target)
    assert step.permission == permission
    assert step.needs_reason == needs_reason


@pytest.mark.parametrize(
    "source, target",
    [(S.DRAFT, S.RESOLVED), (S.SUBMITTED, S.CLOSED), (S.CLOSED, S.RESOLVED), (S.TRIAGED, S.DRAFT)],
)
def test_steps_outside_the_table_do_not_exist(source, target):
    assert LIFECYCLE.transition(source, target) is None


def test_every_state_but_draft_can_be_reached():
    reached = {step.target for step in LIFECYCLE.transitions}
    assert reached == set(Status) - {S.DRAFT}
