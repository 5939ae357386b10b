"""The bottleneck lifecycle as data: who may take which step, and which steps need a reason."""

from enum import StrEnum

from flask_babel import lazy_gettext as _l

from mdma.core.lifecycle import Lifecycle, Transition
from mdma.permissions import Permission


class Status(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    TRIAGED = "triaged"
    IN_DISCUSSION = "in_discussion"
    RESOLVED = "resolved"
    SCHEDULED = "scheduled"
    IN_PROPOSAL = "in_proposal"
    DECLINED = "declined"
    CLOSED = "closed"


STATUS_LABELS = {
    Status.DRAFT: _l("Draft"),
    Status.SUBMITTED: _l("Submitted"),
    Status.TRIAGED: _l("Routed"),
    Status.IN_DISCUSSION: _l("In discussion"),
    Status.RESOLVED: _l("Resolved"),
    Status.SCHEDULED: _l("On a session's agenda"),
    Status.IN_PROPOSAL: _l("Taken up in a proposal"),
    Status.DECLINED: _l("Declined"),
    Status.CLOSED: _l("Closed"),
}

#: States in which a routed sector still owes its first answer.
OPEN = {Status.TRIAGED, Status.IN_DISCUSSION}
#: States in which nothing more is expected of anyone (until it is reopened).
FINISHED = {Status.RESOLVED, Status.DECLINED, Status.CLOSED}

S, P = Status, Permission
_steps = [
    Transition(S.DRAFT, S.SUBMITTED, P.BOTTLENECK_REPORT, label=_l("Submit")),
    Transition(S.SUBMITTED, S.TRIAGED, P.BOTTLENECK_TRIAGE, label=_l("Route")),
    Transition(S.SUBMITTED, S.DECLINED, P.BOTTLENECK_TRIAGE, True, _l("Decline")),
    Transition(S.TRIAGED, S.IN_DISCUSSION, P.BOTTLENECK_ANSWER, label=_l("Start the discussion")),
]
for source in (S.TRIAGED, S.IN_DISCUSSION):
    _steps += [
        Transition(source, S.RESOLVED, P.BOTTLENECK_ANSWER, True, _l("Resolve")),
        Transition(source, S.SCHEDULED, P.BOTTLENECK_TRIAGE, label=_l("Put on a session's agenda")),
        Transition(source, S.IN_PROPOSAL, P.BOTTLENECK_TRIAGE, label=_l("Take up in a proposal")),
        Transition(source, S.DECLINED, P.BOTTLENECK_TRIAGE, True, _l("Decline")),
    ]
_steps += [
    Transition(S.SCHEDULED, S.IN_DISCUSSION, P.BOTTLENECK_TRIAGE, label=_l("Back to discussion")),
    Transition(S.SCHEDULED, S.IN_PROPOSAL, P.BOTTLENECK_TRIAGE, label=_l("Take up in a proposal")),
    Transition(S.SCHEDULED, S.RESOLVED, P.BOTTLENECK_TRIAGE, True, _l("Resolve")),
]
for source in (S.RESOLVED, S.IN_PROPOSAL, S.DECLINED):
    _steps.append(Transition(source, S.CLOSED, P.BOTTLENECK_TRIAGE, label=_l("Close")))
for source in (S.RESOLVED, S.DECLINED, S.CLOSED):
    _steps.append(Transition(source, S.IN_DISCUSSION, P.BOTTLENECK_TRIAGE, True, _l("Reopen")))

LIFECYCLE = Lifecycle(Status, tuple(_steps))
