"""A submitted bottleneck's way, actor first: triage routes it to sectors with a first-answer
deadline, the steps of its lifecycle and who may take them, reminders of overdue answers.

The writing verbs (`services`) take their lifecycle steps through `move` and `record_step`.
"""

from datetime import date

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from mdma.accounts.models import User
from mdma.bottlenecks import notices
from mdma.bottlenecks.models import Bottleneck, Level, Step
from mdma.bottlenecks.states import LIFECYCLE, OPEN, Status
from mdma.core.errors import RuleViolation
from mdma.core.lifecycle import Transition
from mdma.core.logbook import record
from mdma.core.time import utcnow
from mdma.core.workdays import add_working_days
from mdma.directory.models import Sector
from mdma.extensions import db
from mdma.permissions import Permission, Role, has_permission
from mdma.privacy import guard


def require(actor, permission: Permission) -> None:
    """Refuse (403) an actor without the capability; the object rules come after."""
    if not has_permission(actor, permission):
        raise RuleViolation(_("You are not allowed to do this."), status=403)


def record_step(actor, bottleneck: Bottleneck, source, target, reason: str = "") -> None:
    """Keep who took a step, when and why, in the bottleneck's timeline and the logbook."""
    db.session.add(
        Step(
            bottleneck_id=bottleneck.id,
            actor_id=actor.id,
            source=source,
            target=target,
            reason=reason,
        )
    )
    record(actor, f"bottleneck:{target}", bottleneck, source=source)


def move(actor, bottleneck: Bottleneck, target: Status, reason: str = "") -> None:
    """Take a step the lifecycle allows; the calling verb has checked who may take it."""
    source = Status(bottleneck.status)
    if LIFECYCLE.transition(source, target) is None:
        raise RuleViolation(_("This step is not possible from the current status."), status=409)
    bottleneck.status = target
    db.session.flush()
    record_step(actor, bottleneck, source, target, reason)


def can_answer(actor, bottleneck: Bottleneck) -> bool:
    """The coordinator, a named policy owner, or a policy owner of a routed sector."""
    if has_permission(actor, Permission.BOTTLENECK_TRIAGE):
        return True
    if not has_permission(actor, Permission.BOTTLENECK_ANSWER):
        return False
    routed = {s.id for s in bottleneck.sectors}
    return actor in bottleneck.owners or any(s.id in routed for s in actor.sectors)


def can_take(actor, bottleneck: Bottleneck, step: Transition) -> bool:
    """Whether `actor` may take this step of the lifecycle; what buttons and the API offer."""
    if step.target == Status.SUBMITTED:
        return bottleneck.reporter_id == actor.id and has_permission(actor, step.permission)
    if step.permission == Permission.BOTTLENECK_ANSWER:
        return can_answer(actor, bottleneck)
    return has_permission(actor, step.permission)


#: Steps with a page of their own rather than a button: submitting and routing.
_OWN_PAGES = {Status.SUBMITTED, Status.TRIAGED}


def next_steps(actor, bottleneck: Bottleneck) -> list:
    """The lifecycle steps `actor` may take now, for buttons and the API."""
    if bottleneck.merged_into_id:
        return []
    return [
        step
        for step in LIFECYCLE.next_steps(Status(bottleneck.status))
        if step.target not in _OWN_PAGES and can_take(actor, bottleneck, step)
    ]


def transition(
    actor, bottleneck: Bottleneck, target: Status, reason: str = "", *, confirmed: bool = False
) -> Bottleneck:
    """Take one step of the lifecycle; refused (nothing changes) when it is not allowed."""
    step = LIFECYCLE.transition(Status(bottleneck.status), Status(target))
    if step is None or bottleneck.merged_into_id:
        raise RuleViolation(_("This step is not possible from the current status."), status=409)
    if not can_take(actor, bottleneck, step):
        raise RuleViolation(_("You are not allowed to do this."), status=403)
    if step.needs_reason and not reason.strip():
        raise RuleViolation(_("Write why: this step needs a reason."), "reason")
    guard.check(actor, reason, field="reason", confirmed=confirmed, subject=bottleneck)
    move(actor, bottleneck, target, reason.strip())
    if target == Status.IN_DISCUSSION and bottleneck.first_answer_at is None:
        bottleneck.first_answer_at = utcnow()
    bottleneck.closed_at = utcnow() if target == Status.CLOSED else None
    notices.status_changed(actor, bottleneck)
    return bottleneck


# --- Triage and the first answer -------------------------------------------------------------


def triage(
    actor,
    bottleneck: Bottleneck,
    *,
    sectors: list[Sector],
    level: str,
    owners: list[User] = (),
    tags: list[str] = (),
    today: date | None = None,
    confirmed: bool = False,
) -> Bottleneck:
    """Route to sectors (and named policy owners); they owe a first answer in working days."""
    require(actor, Permission.BOTTLENECK_TRIAGE)
    if not sectors:
        raise RuleViolation(_("Route the bottleneck to at least one sector."), "sectors")
    if level not in {lvl.value for lvl in Level}:
        raise RuleViolation(_("Choose from the list."), "level")
    if any(owner.role != Role.POLICY_OWNER for owner in owners):
        raise RuleViolation(_("Only sector policy owners can be named."), "owners")
    tags = sorted({t.strip().lower() for t in tags if t.strip()})
    guard.check(actor, ", ".join(tags), field="tags", confirmed=confirmed, subject=bottleneck)
    move(actor, bottleneck, Status.TRIAGED)
    bottleneck.sectors = list(sectors)
    bottleneck.owners = list(owners)
    bottleneck.level = level
    bottleneck.tags = tags
    bottleneck.triaged_at = utcnow()
    days = current_app.config["MDMA_ANSWER_WORKING_DAYS"]
    bottleneck.answer_due_on = add_working_days(today or date.today(), days)
    notices.routed(actor, bottleneck, sector_owners(bottleneck))
    return bottleneck


def sector_owners(bottleneck: Bottleneck) -> list[User]:
    """Who answers for the routed sectors: their policy owners and the owners named by name."""
    sector_ids = [s.id for s in bottleneck.sectors]
    owners = db.session.scalars(
        sa.select(User).where(
            User.role == Role.POLICY_OWNER,
            User.active.is_(True),
            User.sectors.any(Sector.id.in_(sector_ids)),
        )
    ).all()
    return [*owners, *(u for u in bottleneck.owners if u not in owners)]


def send_reminders(today: date | None = None) -> int:
    """Remind the routed sectors of every overdue first answer, at most once a day each."""
    today = today or date.today()
    overdue = db.session.scalars(
        sa.select(Bottleneck).where(
            Bottleneck.status.in_([s.value for s in OPEN]),
            Bottleneck.first_answer_at.is_(None),
            Bottleneck.answer_due_on < today,
            sa.or_(Bottleneck.reminded_on.is_(None), Bottleneck.reminded_on < today),
        )
    ).all()
    for bottleneck in overdue:
        notices.overdue(bottleneck, sector_owners(bottleneck))
        bottleneck.reminded_on = today
        record(None, "bottleneck:reminded", bottleneck)
    db.session.flush()
    return len(overdue)
