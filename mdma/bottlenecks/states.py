"""The bottleneck lifecycle as data: its states, who may take which step and which steps need a
reason; the object rules of its permissions; the predicates pages and lists ask."""

from datetime import date
from enum import StrEnum

from flask_babel import lazy_gettext as _l

from mdma.core.lifecycle import Lifecycle, Transition
from mdma.permissions import ObjectRole, Permission, Role, allowed, grant, protect
from mdma.privacy import guard


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


class BottleneckPermission(StrEnum):
    #: Correct a submitted bottleneck's text, life domains and household context: its reporter
    #: while nobody has answered yet, the coordinator always (the object rule `may_correct`).
    CORRECT = "bottleneck:correct"


grant(
    {
        Role.CASE_MANAGER: {BottleneckPermission.CORRECT},
        Role.SOCIAL_WORKER: {BottleneckPermission.CORRECT},
        Role.COORDINATOR: {BottleneckPermission.CORRECT},
    }
)

#: States in which a routed sector still owes its first answer.
OPEN = {Status.TRIAGED, Status.IN_DISCUSSION}
#: States in which nothing more is expected of anyone (until it is reopened).
FINISHED = {Status.RESOLVED, Status.DECLINED, Status.CLOSED}


#: How far a bottleneck has come, for merging two that differ: the further one's state is kept
#: unless the coordinator chooses the other.
ADVANCEMENT = (
    Status.SUBMITTED,
    Status.TRIAGED,
    Status.IN_DISCUSSION,
    Status.SCHEDULED,
    Status.IN_PROPOSAL,
    Status.RESOLVED,
    Status.DECLINED,
    Status.CLOSED,
)


def more_advanced(first, second) -> Status:
    """The state of the two bottlenecks that has come further."""
    return max(Status(first.status), Status(second.status), key=ADVANCEMENT.index)


def is_open(bottleneck) -> bool:
    """Submitted and not finished: evidence and discussion are still welcome."""
    return bottleneck.status not in (Status.DRAFT, Status.CLOSED) and not bottleneck.merged_into_id


def awaited_sectors(bottleneck) -> list:
    """The routed sectors that still owe their first answer (each owes its own)."""
    if bottleneck.status not in OPEN or bottleneck.answer_due_on is None:
        return []
    return [routed.sector for routed in bottleneck.routed if routed.answered_at is None]


def awaits_first_answer(bottleneck) -> bool:
    """Routed, and at least one routed sector has not answered yet."""
    return bool(awaited_sectors(bottleneck))


def is_overdue(bottleneck, today: date | None = None) -> bool:
    """A routed sector's first answer is past its deadline in working days
    (`queries.overdue_condition`)."""
    return awaits_first_answer(bottleneck) and bottleneck.answer_due_on < (today or date.today())


# --- Who may do what with one bottleneck ---------------------------------------------------------


def is_reporter(actor, bottleneck) -> bool:
    return bottleneck.reporter_id == actor.id


def drafts_are_private(actor, bottleneck) -> bool:
    """A draft is its writer's alone: to read, edit and submit."""
    return bottleneck.status != Status.DRAFT or is_reporter(actor, bottleneck)


def answers_for(actor, bottleneck) -> bool:
    """The coordinator, a named policy owner, or a policy owner of a routed sector; nobody
    answers a draft."""
    if bottleneck.status == Status.DRAFT:
        return False
    if allowed(actor, Permission.BOTTLENECK_TRIAGE):
        return True
    routed = {s.id for s in bottleneck.sectors}
    return actor in bottleneck.owners or any(s.id in routed for s in actor.sectors)


def nobody_answered(bottleneck) -> bool:
    """Submitted or routed, and no routed sector has answered or decided anything yet."""
    return bottleneck.status in (Status.SUBMITTED, Status.TRIAGED) and (
        bottleneck.first_answer_at is None
    )


def may_correct(actor, bottleneck) -> bool:
    """After submit, the coordinator corrects always, the reporter while nobody answered; a
    draft is edited as a draft, a merged duplicate lives on in the one it was merged into."""
    if bottleneck.status == Status.DRAFT or bottleneck.merged_into_id:
        return False
    if allowed(actor, Permission.BOTTLENECK_TRIAGE):
        return True
    return is_reporter(actor, bottleneck) and nobody_answered(bottleneck)


def is_named_owner(actor, bottleneck) -> bool:
    return actor.role == Role.POLICY_OWNER and actor in bottleneck.owners


POLICY = protect(
    "bottlenecks",
    rules={
        Permission.BOTTLENECK_READ: drafts_are_private,
        Permission.BOTTLENECK_REPORT: drafts_are_private,
        Permission.BOTTLENECK_DISCUSS: drafts_are_private,
        Permission.BOTTLENECK_TRIAGE: drafts_are_private,
        Permission.BOTTLENECK_ANSWER: answers_for,
        BottleneckPermission.CORRECT: may_correct,
    },
    roles=(
        ObjectRole("reporter", is_reporter),
        ObjectRole("named_owner", is_named_owner),
    ),
)

S, P = Status, Permission
_steps = [
    Transition(
        S.DRAFT,
        S.SUBMITTED,
        P.BOTTLENECK_REPORT,
        label=_l("Submit"),
        rule=is_reporter,
        page="bottlenecks.edit",
    ),
    Transition(
        S.SUBMITTED, S.TRIAGED, P.BOTTLENECK_TRIAGE, label=_l("Route"), page="bottlenecks.triage"
    ),
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

LIFECYCLE = Lifecycle(
    "bottlenecks",
    Status,
    _steps,
    labels=STATUS_LABELS,
    authorize=allowed,
    # A merged duplicate lives on in the bottleneck it was merged into.
    movable=lambda bottleneck: bottleneck.merged_into_id is None,
    check_text=guard.check,
)
