"""Who may do what on the structural track, and the criteria check's lifecycle as data."""

from enum import StrEnum

from flask_babel import lazy_gettext as _l

from mdma.bottlenecks.signals.models import CHECK_LABELS, CheckState
from mdma.bottlenecks.states import OPEN, Status, answers_for
from mdma.core.lifecycle import Lifecycle, Transition
from mdma.permissions import ObjectRole, Permission, Role, allowed, protect
from mdma.privacy import guard

#: States in which a routed bottleneck can be checked: routed, discussed or on an agenda.
CHECKABLE = OPEN | {Status.SCHEDULED}


class SignalPermission(StrEnum):
    #: Write the progress reports of a structural signal: its owner's, by the object role.
    REPORT_PROGRESS = "signal:report_progress"


def assesses_for(actor, sector, bottleneck) -> bool:
    """A policy owner of this sector, and the sector is one the bottleneck is routed to."""
    return (
        actor.role == Role.POLICY_OWNER and sector in actor.sectors and sector in bottleneck.sectors
    )


def criteria_met(actor, check) -> bool:
    """The check's rule holds: every routed sector (or the quorum) said yes to all four, and
    no sector that assessed said no."""
    assessments = check.assessments
    if not assessments or not all(a.all_yes for a in assessments):
        return False
    routed = len(check.bottleneck.sectors)
    needed = routed if check.rule == "all" else min(int(check.rule), routed)
    return len(assessments) >= needed


protect(
    "criteria_checks",
    rules={
        Permission.BOTTLENECK_ANSWER: lambda actor, check: answers_for(actor, check.bottleneck),
    },
)
protect(
    "structural_signals",
    roles=[
        ObjectRole(
            "owner",
            lambda actor, signal: signal.owner_id == actor.id,
            grants=frozenset({SignalPermission.REPORT_PROGRESS}),
        )
    ],
)

S = CheckState
CHECK = Lifecycle(
    "criteria_checks",
    CheckState,
    [
        # Taken by the assessment that completes the rule, whoever gives it.
        Transition(
            S.OPEN, S.PASSED, Permission.BOTTLENECK_ANSWER, label=_l("Passed"), rule=criteria_met
        ),
        Transition(
            S.OPEN, S.CLOSED, Permission.BOTTLENECK_TRIAGE, True, _l("Close without passing")
        ),
    ],
    labels=CHECK_LABELS,
    authorize=allowed,
    check_text=guard.check,
)
