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
from mdma.bottlenecks.links import bottleneck_sectors
from mdma.bottlenecks.models import Bottleneck, Level
from mdma.bottlenecks.queries import overdue_condition
from mdma.bottlenecks.signals import feedback
from mdma.bottlenecks.states import LIFECYCLE, OPEN, Status, answers_for
from mdma.core.errors import RuleViolation
from mdma.core.logbook import record
from mdma.core.time import utcnow
from mdma.core.workdays import add_working_days
from mdma.directory.models import Sector
from mdma.extensions import db
from mdma.permissions import Permission, Role, allowed, require
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
    db.session.flush()
    db.session.expire(bottleneck, ["routed"])
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


def may_answer(actor, bottleneck: Bottleneck) -> bool:
    """A policy owner of a routed sector, or one named by name, answers for their sector;
    the coordinator steers the discussion and answers for none."""
    return (
        actor.role == Role.POLICY_OWNER
        and bottleneck.status in OPEN
        and not bottleneck.merged_into_id
        and answers_for(actor, bottleneck)
    )


def answering_sectors(actor, bottleneck: Bottleneck) -> list[Sector]:
    """The routed sectors the actor answers for (their own first sector when named by name)."""
    routed = [s for s in actor.sectors if s in bottleneck.sectors]
    return routed or list(actor.sectors)[:1]


def owes_answer(actor, bottleneck: Bottleneck) -> bool:
    """One of the actor's routed sectors has not answered yet."""
    own = {s.id for s in actor.sectors}
    return may_answer(actor, bottleneck) and any(
        r.sector_id in own and r.answered_at is None for r in bottleneck.routed
    )


def record_answer(actor, bottleneck: Bottleneck, post, sectors) -> tuple[list[Sector], bool]:
    """The post answers for `sectors` (`answering_sectors`): the first such answer of each
    meets that sector's deadline (and stops its reminders). A post is not an edit of the
    bottleneck: every claim is one conditional UPDATE without the version check, so of two
    answers at once one is first and neither conflicts. Returns the sectors it answered first
    and whether it was the bottleneck's very first answer (which opens the discussion)."""
    link = bottleneck_sectors.c
    now = utcnow()
    first = [
        r.sector
        for r in bottleneck.routed
        if r.answered_at is None and r.sector_id in {s.id for s in sectors}
    ]
    if first:
        db.session.execute(
            sa.update(bottleneck_sectors)
            .where(
                link.bottleneck_id == bottleneck.id,
                link.sector_id.in_([s.id for s in first]),
                link.answered_at.is_(None),
            )
            .values(answered_at=now, answer_post_id=post.id)
        )
        db.session.expire(bottleneck, ["routed"])
    opened = (
        not allowed(actor, Permission.BOTTLENECK_TRIAGE)
        and db.session.execute(
            sa.update(Bottleneck)
            .where(Bottleneck.id == bottleneck.id, Bottleneck.first_answer_at.is_(None))
            .values(first_answer_at=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        == 1
    )
    db.session.expire(bottleneck, ["first_answer_at"])
    if opened and bottleneck.status == Status.TRIAGED:
        LIFECYCLE.move(actor, bottleneck, Status.IN_DISCUSSION)
    record(actor, "bottleneck:answered", bottleneck, post=post.id, sectors=[s.id for s in first])
    return first, opened


def sector_owners(bottleneck: Bottleneck, sectors=None) -> list[User]:
    """Who answers for the routed sectors (or `sectors`): their policy owners, and the owners
    named by name."""
    sector_ids = [s.id for s in (bottleneck.sectors if sectors is None else sectors)]
    owners = db.session.scalars(
        sa.select(User).where(
            User.role == Role.POLICY_OWNER,
            User.active.is_(True),
            User.sectors.any(Sector.id.in_(sector_ids)),
        )
    ).all()
    return [*owners, *(u for u in bottleneck.owners if u not in owners)]


def send_reminders(today: date | None = None) -> int:
    """Remind each routed sector of its overdue first answer, at most once a day; a sector
    that answered is not reminded, whatever the others did."""
    today = today or date.today()
    link = bottleneck_sectors.c
    overdue = db.session.scalars(
        sa.select(Bottleneck).where(
            overdue_condition(today),
            sa.exists().where(
                link.bottleneck_id == Bottleneck.id,
                link.answered_at.is_(None),
                sa.or_(link.reminded_on.is_(None), link.reminded_on < today),
            ),
        )
    ).all()
    for bottleneck in overdue:
        due = [
            r.sector
            for r in bottleneck.routed
            if r.answered_at is None and (r.reminded_on is None or r.reminded_on < today)
        ]
        notices.overdue(bottleneck, sector_owners(bottleneck, due))
        db.session.execute(
            sa.update(bottleneck_sectors)
            .where(link.bottleneck_id == bottleneck.id, link.sector_id.in_([s.id for s in due]))
            .values(reminded_on=today)
        )
        bottleneck.reminded_on = today
        record(None, "bottleneck:reminded", bottleneck, sectors=[s.id for s in due])
    db.session.flush()
    return len(overdue)
