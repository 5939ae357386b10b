"""The proposal's lifecycle and the follow-up lifecycle of each target level, as data; the
vocabulary of proposals and advice, their object rules and the proposal owner's role.

A later floor-6 package (sessions) adds nothing here: a proposal started from a session's
decision is still a draft of this lifecycle (see `models.Proposal`)."""

from datetime import date, timedelta
from enum import StrEnum

from flask_babel import lazy_gettext as _l

from mdma.core.lifecycle import Lifecycle, Transition
from mdma.permissions import ObjectRole, Role, allowed, grant, protect
from mdma.privacy import guard


class ProposalPermission(StrEnum):
    READ = "proposal:read"
    #: Write a proposal (and edit it while it is not yet adopted): coordinator, policy owners.
    WRITE = "proposal:write"
    #: Steer the network's decision: put to discussion, adopt, close, abandon.
    STEER = "proposal:steer"
    #: Record a level's follow-up: submission, answer, implementation. The coordinator, and
    #: a proposal's owner on their own proposal (the object role `owner`).
    FOLLOW_UP = "proposal:follow_up"
    #: Compile, version, publish and export policy advice.
    COMPILE = "advice:compile"


P = ProposalPermission
_READERS = {P.READ}
grant(
    {
        Role.CASE_MANAGER: _READERS,
        Role.SOCIAL_WORKER: _READERS,
        Role.RESEARCHER: _READERS,
        Role.ADMIN: _READERS,
        Role.POLICY_OWNER: {P.READ, P.WRITE},
        Role.COORDINATOR: {P.READ, P.WRITE, P.STEER, P.FOLLOW_UP, P.COMPILE},
    }
)


class Status(StrEnum):
    DRAFT = "draft"
    UNDER_DISCUSSION = "under_discussion"
    ADOPTED = "adopted"
    CLOSED = "closed"
    ABANDONED = "abandoned"


STATUS_LABELS = {
    Status.DRAFT: _l("Draft"),
    Status.UNDER_DISCUSSION: _l("Under discussion"),
    Status.ADOPTED: _l("Adopted by the network"),
    Status.CLOSED: _l("Closed"),
    Status.ABANDONED: _l("Abandoned"),
}


class FollowUp(StrEnum):
    PLANNED = "planned"
    IN_ADVICE = "in_advice"
    SUBMITTED = "submitted"
    ANSWERED = "answered"
    IN_IMPLEMENTATION = "in_implementation"
    REALISED = "realised"
    NOT_REALISED = "not_realised"


FOLLOW_UP_LABELS = {
    FollowUp.PLANNED: _l("Awaiting an advice"),
    FollowUp.IN_ADVICE: _l("Included in an advice"),
    FollowUp.SUBMITTED: _l("Submitted"),
    FollowUp.ANSWERED: _l("Answered"),
    FollowUp.IN_IMPLEMENTATION: _l("In implementation"),
    FollowUp.REALISED: _l("Realised"),
    FollowUp.NOT_REALISED: _l("Not realised"),
}
#: Follow-ups that wait for the level's answer (the board marks them when overdue).
AWAITING_ANSWER = {FollowUp.SUBMITTED}
FINISHED_FOLLOW_UPS = {FollowUp.REALISED, FollowUp.NOT_REALISED}


# --- Who may do what with one proposal ---------------------------------------------------------


def is_owner(actor, proposal) -> bool:
    return proposal.owner_id == actor.id


def _drafts_are_private(actor, proposal) -> bool:
    return proposal.status != Status.DRAFT or is_owner(actor, proposal) or allowed(actor, P.STEER)


def may_edit(actor, proposal) -> bool:
    """Its text and links change until the network adopts it; then only by a new proposal."""
    if proposal.status not in (Status.DRAFT, Status.UNDER_DISCUSSION):
        return False
    return is_owner(actor, proposal) or allowed(actor, P.STEER)


POLICY = protect(
    "proposals",
    rules={P.READ: _drafts_are_private, P.WRITE: may_edit},
    roles=[ObjectRole("owner", is_owner, grants=frozenset({P.FOLLOW_UP}))],
)


def _owns_proposal(actor, followup) -> bool:
    return followup.proposal.owner_id == actor.id


protect(
    "proposal_followups",
    roles=[ObjectRole("owner", _owns_proposal, grants=frozenset({P.FOLLOW_UP}))],
)

S = Status
LIFECYCLE = Lifecycle(
    "proposals",
    Status,
    [
        Transition(S.DRAFT, S.UNDER_DISCUSSION, P.WRITE, label=_l("Put up for discussion")),
        Transition(S.UNDER_DISCUSSION, S.DRAFT, P.WRITE, label=_l("Back to draft")),
        Transition(S.UNDER_DISCUSSION, S.ADOPTED, P.STEER, label=_l("Adopt")),
        Transition(S.ADOPTED, S.CLOSED, P.STEER, label=_l("Close")),
        *(
            Transition(source, S.ABANDONED, P.STEER, True, _l("Abandon"))
            for source in (S.DRAFT, S.UNDER_DISCUSSION, S.ADOPTED)
        ),
    ],
    labels=STATUS_LABELS,
    authorize=allowed,
    check_text=guard.check,
)

F = FollowUp
FOLLOW_UP = Lifecycle(
    "proposal_followups",
    FollowUp,
    [
        # Publishing an advice takes this step for every follow-up it includes.
        Transition(F.PLANNED, F.IN_ADVICE, P.COMPILE, label=_l("Include in an advice")),
        Transition(
            F.IN_ADVICE,
            F.SUBMITTED,
            P.FOLLOW_UP,
            label=_l("Submitted"),
            page="proposals.submit_followup",
        ),
        Transition(
            F.SUBMITTED,
            F.ANSWERED,
            P.FOLLOW_UP,
            label=_l("Record the answer"),
            page="proposals.answer_followup",
        ),
        Transition(F.ANSWERED, F.IN_IMPLEMENTATION, P.FOLLOW_UP, label=_l("Start implementation")),
        Transition(F.ANSWERED, F.NOT_REALISED, P.FOLLOW_UP, True, _l("Not realised")),
        Transition(F.IN_IMPLEMENTATION, F.REALISED, P.FOLLOW_UP, label=_l("Realised")),
        Transition(F.IN_IMPLEMENTATION, F.NOT_REALISED, P.FOLLOW_UP, True, _l("Not realised")),
    ],  # fmt: skip
    labels=FOLLOW_UP_LABELS,
    authorize=allowed,
    # A level is followed up once the network adopted the proposal, and no longer once it
    # was abandoned.
    movable=lambda followup: followup.proposal.status in (S.ADOPTED, S.CLOSED),
    check_text=guard.check,
)


def is_overdue(followup, weeks: int, today: date | None = None) -> bool:
    """Submitted to its level and no answer after `weeks` weeks."""
    if followup.status not in AWAITING_ANSWER or followup.submitted_on is None:
        return False
    return (today or date.today()) - followup.submitted_on > timedelta(weeks=weeks)
