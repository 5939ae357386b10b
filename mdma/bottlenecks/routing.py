"""A submitted bottleneck's way, actor first: triage routes it to sectors with a first-answer
deadline, the steps of its lifecycle (`states.LIFECYCLE`, with their side effects here),
reminders of overdue answers.
"""

from datetime import date

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from mdma.accounts.models import User
from mdma.bottlenecks import notices
from mdma.bottlenecks.models import Bottleneck, Level
from mdma.bottlenecks.queries import overdue_condition
from mdma.bottlenecks.signals import feedback
from mdma.bottlenecks.states import LIFECYCLE, Status
from mdma.core.errors import RuleViolation
from mdma.core.logbook import record
from mdma.core.time import utcnow
from mdma.core.workdays import add_working_days
from mdma.directory.models import Sector
from mdma.extensions import db
from mdma.permissions import Permission, Role, require
from mdma.privacy import guard


@LIFECYCLE.on_enter()
def _closed_at(actor, bottleneck: Bottleneck, step) -> None:
    bottleneck.closed_at = utcnow() if step.target == Status.CLOSED else None


@LIFECYCLE.on_enter(Status.IN_DISCUSSION)
def _answered(actor, bottleneck: Bottleneck, step) -> None:
    if bottleneck.first_answer_at is None:
        bottleneck.first_answer_at = utcnow()


def transition(
    actor, bottleneck: Bottleneck, target: Status, reason: str = "", *, confirmed: bool = False
) -> Bottleneck:
    """Take one step of the lifecycle (a button); refused, nothing changed, when not allowed."""
    step = LIFECYCLE.move(actor, bottleneck, target, reason, confirmed=confirmed)
    told = feedback.after_step(actor, bottleneck, step)
    notices.status_changed(actor, bottleneck, exclude=told)
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
    require(actor, Permission.BOTTLENECK_TRIAGE, bottleneck)
    if not sectors:
        raise RuleViolation(_("Route the bottleneck to at least one sector."), "sectors")
    require_level(level, bottleneck)
    if any(owner.role != Role.POLICY_OWNER for owner in owners):
        raise RuleViolation(_("Only sector policy owners can be named."), "owners")
    tags = sorted({t.strip().lower() for t in tags if t.strip()})
    guard.check(actor, ", ".join(tags), field="tags", confirmed=confirmed, subject=bottleneck)
    LIFECYCLE.move(actor, bottleneck, Status.TRIAGED)
    bottleneck.sectors = list(sectors)
    bottleneck.owners = list(owners)
    bottleneck.level = level
    bottleneck.tags = tags
    bottleneck.triaged_at = utcnow()
    days = current_app.config["MDMA_ANSWER_WORKING_DAYS"]
    bottleneck.answer_due_on = add_working_days(today or date.today(), days)
    notices.routed(actor, bottleneck, sector_owners(bottleneck))
    feedback.tell_reporters(
        actor, bottleneck, "routed", sectors=feedback.names(bottleneck.sectors),
        due=bottleneck.answer_due_on.isoformat(),
    )  # fmt: skip
    return bottleneck


def require_level(level: str, bottleneck: Bottleneck | None = None) -> None:
    """A level from the list; structural only through a criteria check, never by an edit."""
    if level not in {lvl.value for lvl in Level}:
        raise RuleViolation(_("Choose from the list."), "level")
    if level == Level.STRUCTURAL and (bottleneck is None or bottleneck.level != Level.STRUCTURAL):
        raise RuleViolation(
            _("A bottleneck becomes structural only through a criteria check."), "level"
        )


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
            overdue_condition(today),
            sa.or_(Bottleneck.reminded_on.is_(None), Bottleneck.reminded_on < today),
        )
    ).all()
    for bottleneck in overdue:
        notices.overdue(bottleneck, sector_owners(bottleneck))
        bottleneck.reminded_on = today
        record(None, "bottleneck:reminded", bottleneck)
    db.session.flush()
    return len(overdue)
