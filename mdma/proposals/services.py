"""The proposal's verbs, actor first: write a proposal, take its steps, follow each target
level up (submitted, answered, implementation) and remind owners of overdue answers. The only
writer of proposals; advice has its own module (`advice`)."""

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from mdma.accounts.models import User
from mdma.bottlenecks import routing as bottleneck_routing
from mdma.bottlenecks.models import Bottleneck
from mdma.bottlenecks.signals import feedback
from mdma.bottlenecks.states import LIFECYCLE as BOTTLENECK_LIFECYCLE
from mdma.bottlenecks.states import Status as BottleneckStatus
from mdma.core.dates import format_when
from mdma.core.errors import Conflict, RuleViolation
from mdma.core.logbook import record
from mdma.core.time import utcnow
from mdma.directory.models import Organisation, Sector
from mdma.extensions import db
from mdma.notifications import services as notifications
from mdma.permissions import Role, allowed, require
from mdma.privacy import guard
from mdma.proposals.models import (
    GOVERNMENT_LEVEL_LABELS,
    Answer,
    Followup,
    GovernmentLevel,
    Kind,
    Progress,
    Proposal,
)
from mdma.proposals.states import (
    FOLLOW_UP,
    LIFECYCLE,
    FollowUp,
    ProposalPermission,
    Status,
    is_overdue,
)
from mdma.sessions.models import Decision, Session
from mdma.sessions.states import SessionPermission

LANGUAGES = ("nl", "fr", "en")


@dataclass
class Draft:
    """What the proposal form and the API give: texts, kind, levels with their body, who."""

    title: str
    problem: str = ""
    proposal: str = ""
    expected_effect: str = ""
    kind: str = Kind.IMPROVEMENT
    #: level → the body it goes to at that level ("" when not yet known).
    levels: dict = field(default_factory=dict)
    sector_id: int | None = None
    organisation_id: int | None = None
    owner_id: int | None = None
    bottleneck_ids: list = field(default_factory=list)
    #: The sessions where it was discussed (None: keep them as they are).
    session_ids: list | None = None
    #: The session decision it is started from (kept on creation only).
    decision_id: int | None = None
    #: The version the writer edited; a stale edit answers 409.
    version: int | None = None


TEXTS = ("title", "problem", "proposal", "expected_effect")


def can_read(actor, proposal: Proposal) -> bool:
    return allowed(actor, ProposalPermission.READ, proposal)


def save(actor, proposal: Proposal | None, draft: Draft, *, confirmed=()) -> Proposal:
    """Create a proposal (a draft, owned by `owner_id` or its writer) or edit one; refused,
    nothing stored, without a title, a kind from the list or at least one target level."""
    if proposal is None:
        require(actor, ProposalPermission.WRITE)
    else:
        require(actor, ProposalPermission.WRITE, proposal)
        if draft.version is not None and draft.version != proposal.version:
            raise Conflict()
    if not (draft.title or "").strip():
        raise RuleViolation(_("This field is required."), "title")
    if draft.kind not in set(Kind):
        raise RuleViolation(_("Choose from the list."), "kind")
    levels = {level: (body or "").strip() for level, body in (draft.levels or {}).items()}
    if not levels:
        raise RuleViolation(_("Choose at least one target level."), "levels")
    if any(level not in set(GovernmentLevel) for level in levels):
        raise RuleViolation(_("Choose from the list."), "levels")
    for name in TEXTS:
        guard.check(
            actor, getattr(draft, name), field=name, confirmed=name in confirmed, subject=proposal
        )
    for level, body in levels.items():
        guard.check(
            actor, body, field=f"body_{level}", confirmed=f"body_{level}" in confirmed,
            subject=proposal,
        )  # fmt: skip
    owner = _owner(actor, draft.owner_id)
    sector = _get(Sector, draft.sector_id, "sector_id")
    organisation = _get(Organisation, draft.organisation_id, "organisation_id")
    bottlenecks = _bottlenecks(draft.bottleneck_ids)
    sessions = None if draft.session_ids is None else _sessions(actor, draft.session_ids)
    if proposal is None:
        decision = _decision(actor, draft.decision_id)
        proposal = Proposal(author_id=actor.id, status=Status.DRAFT)
        if decision is not None:
            proposal.decision_id = decision.id
            sessions = sessions if sessions is not None else []
            if decision.item.session not in sessions:
                sessions.append(decision.item.session)
        db.session.add(proposal)
    else:
        _keep_followed_levels(proposal, levels)
    for name in TEXTS:
        setattr(proposal, name, (getattr(draft, name) or "").strip())
    proposal.kind = draft.kind
    proposal.owner = owner
    proposal.sector = sector
    proposal.organisation = organisation
    proposal.bottlenecks = bottlenecks
    if sessions is not None:
        proposal.sessions = sessions
    for level, body in levels.items():
        followup = proposal.followup(level)
        if followup is None:
            proposal.followups.append(Followup(level=level, body=body))
        else:
            followup.body = body
    for followup in [f for f in proposal.followups if f.level not in levels]:
        proposal.followups.remove(followup)
    db.session.flush()
    record(actor, "proposal:saved", proposal)
    return proposal


def _keep_followed_levels(proposal: Proposal, levels: dict) -> None:
    for followup in proposal.followups:
        if followup.level not in levels and followup.status != FollowUp.PLANNED:
            raise RuleViolation(
                _("A level that is already being followed up cannot be removed."), "levels"
            )


def _owner(actor, owner_id) -> User:
    if owner_id is None:
        return actor
    owner = db.session.get(User, owner_id)
    if owner is None or not owner.active or owner.role not in (Role.POLICY_OWNER, Role.COORDINATOR):
        raise RuleViolation(_("Choose a sector policy owner or a coordinator."), "owner_id")
    return owner


def _get(model, object_id, name):
    if object_id is None:
        return None
    found = db.session.get(model, object_id)
    if found is None:
        raise RuleViolation(_("Choose from the list."), name)
    return found


def _bottlenecks(ids) -> list[Bottleneck]:
    ids = sorted(set(ids or ()))
    if not ids:
        return []
    found = list(
        db.session.scalars(
            sa.select(Bottleneck)
            .where(
                Bottleneck.id.in_(ids),
                Bottleneck.status != BottleneckStatus.DRAFT,
                Bottleneck.merged_into_id.is_(None),
            )
            .order_by(Bottleneck.id)
        )
    )
    if len(found) != len(ids):
        raise RuleViolation(_("Choose submitted bottlenecks only."), "bottleneck_ids")
    return found


def _sessions(actor, ids) -> list[Session]:
    ids = sorted(set(ids or ()))
    if not ids:
        return []
    found = list(db.session.scalars(sa.select(Session).where(Session.id.in_(ids))))
    if len(found) != len(ids) or not all(
        allowed(actor, SessionPermission.READ, meeting) for meeting in found
    ):
        raise RuleViolation(_("Choose sessions you can see."), "session_ids")
    return found


def _decision(actor, decision_id) -> Decision | None:
    if decision_id is None:
        return None
    decision = db.session.get(Decision, decision_id)
    if decision is None or not allowed(actor, SessionPermission.READ, decision.item.session):
        raise RuleViolation(_("Choose a decision of a session you can see."), "decision_id")
    return decision


# --- The proposal's steps ------------------------------------------------------------------------


def transition(actor, proposal: Proposal, target, reason: str = "", *, confirmed=False):
    """Take one step of the proposal's lifecycle; its side effects follow."""
    step = LIFECYCLE.move(actor, proposal, target, reason, confirmed=confirmed)
    tell_reporters(actor, proposal, LIFECYCLE, step.target)
    return proposal


@LIFECYCLE.on_enter(Status.ADOPTED)
def _adopted(actor, proposal: Proposal, step) -> None:
    """The network adopted it: its bottlenecks are taken up in a proposal (their reporters
    hear of it through the bottlenecks' own step)."""
    proposal.adopted_at = utcnow()
    for bottleneck in proposal.bottlenecks:
        if BOTTLENECK_LIFECYCLE.transition(bottleneck.status, BottleneckStatus.IN_PROPOSAL):
            bottleneck_routing.transition(actor, bottleneck, BottleneckStatus.IN_PROPOSAL)


def tell_reporters(
    actor, proposal: Proposal, lifecycle, state, level: str | None = None, detail: str = ""
):
    """The reporters of each linked bottleneck hear of the step, in their own language;
    `detail` (a percentage) follows the step's name."""
    if not proposal.bottlenecks or state == Status.ADOPTED:
        return
    step = {}
    for language in LANGUAGES:
        with force_locale(language):
            label = str(lifecycle.label(state))
            if level is not None:
                label = f"{_level_label(level)}: {label}"
            step[language] = label + detail
    for bottleneck in proposal.bottlenecks:
        feedback.tell_reporters(
            actor, bottleneck, "proposal_step", proposal=proposal.title, step=step
        )


def _level_label(level: str) -> str:
    return str(GOVERNMENT_LEVEL_LABELS[GovernmentLevel(level)])


# --- Follow-up per level -----------------------------------------------------------------------


def followup_step(actor, followup: Followup, target, reason: str = "", *, confirmed=False):
    """A step of a level's follow-up that needs no more than a reason (a button)."""
    if target == FollowUp.IN_IMPLEMENTATION and followup.answer == Answer.REJECTED:
        raise RuleViolation(_("A rejected proposal cannot be implemented."), status=409)
    FOLLOW_UP.move(actor, followup, target, reason, confirmed=confirmed)
    if target == FollowUp.IN_IMPLEMENTATION and followup.progress_percent is None:
        followup.progress_percent = 0
    tell_reporters(actor, followup.proposal, FOLLOW_UP, target, followup.level)
    return followup


def submit(actor, followup: Followup, *, on: date | None, to: str, confirmed=False):
    """The level received it: when, and to whom."""
    if on is None:
        raise RuleViolation(_("Give the date."), "submitted_on")
    if not (to or "").strip():
        raise RuleViolation(_("This field is required."), "submitted_to")
    guard.check(actor, to, field="submitted_to", confirmed=confirmed, subject=followup)
    FOLLOW_UP.move(actor, followup, FollowUp.SUBMITTED)
    followup.submitted_on = on
    followup.submitted_to = to.strip()
    tell_reporters(actor, followup.proposal, FOLLOW_UP, FollowUp.SUBMITTED, followup.level)
    return followup


def answer(actor, followup: Followup, *, outcome: str, text: str, on: date | None, confirmed=False):
    """The level's answer: accepted, partly accepted or rejected, what it said and when."""
    if outcome not in set(Answer):
        raise RuleViolation(_("Choose from the list."), "answer")
    if on is None:
        raise RuleViolation(_("Give the date."), "answered_on")
    if followup.submitted_on and on < followup.submitted_on:
        raise RuleViolation(_("The answer cannot come before the submission."), "answered_on")
    guard.check(actor, text, field="answer_text", confirmed=confirmed, subject=followup)
    FOLLOW_UP.move(actor, followup, FollowUp.ANSWERED)
    followup.answer = outcome
    followup.answer_text = (text or "").strip()
    followup.answered_on = on
    tell_reporters(actor, followup.proposal, FOLLOW_UP, FollowUp.ANSWERED, followup.level)
    return followup


def report_progress(
    actor, followup: Followup, *, percent, text: str, reason: str = "", milestone=False,
    confirmed=(),
) -> Progress:  # fmt: skip
    """An implementation update; a percentage that goes down needs a reason."""
    require(actor, ProposalPermission.FOLLOW_UP, followup)
    if followup.status != FollowUp.IN_IMPLEMENTATION:
        raise RuleViolation(_("Progress is reported while it is being implemented."), status=409)
    if percent is None or not 0 <= percent <= 100:
        raise RuleViolation(_("Give a percentage from 0 to 100."), "percent")
    if not (text or "").strip():
        raise RuleViolation(_("This field is required."), "text")
    reason = (reason or "").strip()
    if percent < (followup.progress_percent or 0) and not reason:
        raise RuleViolation(_("The percentage goes down: write why."), "reason")
    guard.check(actor, text, field="text", confirmed="text" in confirmed, subject=followup)
    guard.check(actor, reason, field="reason", confirmed="reason" in confirmed, subject=followup)
    progress = Progress(
        followup=followup, author_id=actor.id, percent=percent, text=text.strip(),
        reason=reason, milestone=bool(milestone),
    )  # fmt: skip
    db.session.add(progress)
    followup.progress_percent = percent
    db.session.flush()
    record(actor, "proposal:progress", followup.proposal, level=followup.level, percent=percent)
    tell_reporters(
        actor, followup.proposal, FOLLOW_UP, FollowUp.IN_IMPLEMENTATION, followup.level,
        detail=f" ({percent} %)",
    )  # fmt: skip
    return progress


# --- Reminders -----------------------------------------------------------------------------------

notifications.register(
    "proposal.answer_overdue",
    lambda d: _(
        '"%(title)s" was submitted to the %(level)s level on %(on)s and has had no answer yet.',
        **_localised(d),
    ),
)


def _localised(d: dict) -> dict:
    return {
        **d,
        "level": _level_label(d["level"]).lower(),
        "on": format_when(date.fromisoformat(d["on"]), "date"),
    }


def send_reminders(today: date | None = None) -> int:
    """Remind the owner of each follow-up overdue for an answer, at most once a week."""
    today = today or date.today()
    weeks = current_app.config["MDMA_PROPOSAL_ANSWER_WEEKS"]
    waiting = db.session.scalars(
        sa.select(Followup).where(Followup.status == FollowUp.SUBMITTED)
    ).all()
    sent = 0
    for followup in waiting:
        if not is_overdue(followup, weeks, today):
            continue
        if followup.reminded_on and (today - followup.reminded_on).days < 7:
            continue
        proposal = followup.proposal
        notifications.notify(
            [proposal.owner], "proposal.answer_overdue", url=f"/proposals/{proposal.id}",
            title=proposal.title, level=followup.level, on=followup.submitted_on.isoformat(),
        )  # fmt: skip
        followup.reminded_on = today
        record(None, "proposal:reminded", proposal, level=followup.level)
        sent += 1
    db.session.flush()
    return sent
