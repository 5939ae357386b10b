"""The read side of the structural track: a bottleneck's signal panel, its entries in the
timeline, the coordinator's candidates and overdue reports, a reporter's "my signals"."""

from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from mdma.accounts.models import User
from mdma.bottlenecks import states
from mdma.bottlenecks.models import Bottleneck, Level, Occurrence
from mdma.bottlenecks.signals.feedback import feedback_mutes, reporters
from mdma.bottlenecks.signals.models import (
    CheckState,
    CriteriaCheck,
    Feedback,
    ProgressReport,
    Signal,
)
from mdma.bottlenecks.signals.states import CHECK, CHECKABLE, assesses_for
from mdma.bottlenecks.states import FINISHED, OPEN, Status
from mdma.core.lifecycle import Step
from mdma.extensions import db
from mdma.permissions import Permission, allowed


@dataclass
class Entry:
    """A line of a bottleneck's timeline that is not one of its own lifecycle steps."""

    at: datetime
    target_label: object
    actor: User | None = None
    reason: str = ""


@dataclass
class Panel:
    """What the bottleneck page shows of the structural track, for one reader."""

    signal: Signal | None
    checks: list[CriteriaCheck]
    reports: list[ProgressReport]
    muted: bool
    #: The reader reported it or added an occurrence: they hear of its steps.
    reporter: bool = False
    #: The routed sectors the reader may assess for in the open check.
    assessable: list = field(default_factory=list)

    @property
    def open_check(self) -> CriteriaCheck | None:
        return next((c for c in self.checks if c.status == CheckState.OPEN), None)

    @property
    def report_overdue(self) -> bool:
        due = self.signal.next_report_due_on if self.signal else None
        return due is not None and due < date.today()


def panel(actor, bottleneck: Bottleneck) -> Panel:
    checks = list(
        db.session.scalars(
            sa.select(CriteriaCheck)
            .where(CriteriaCheck.bottleneck_id == bottleneck.id)
            .order_by(CriteriaCheck.opened_at.desc())
        )
    )
    reports = list(
        db.session.scalars(
            sa.select(ProgressReport)
            .where(ProgressReport.bottleneck_id == bottleneck.id)
            .order_by(ProgressReport.at.desc())
        )
    )
    link = feedback_mutes.c
    muted = db.session.scalar(
        sa.select(sa.func.count()).where(
            link.bottleneck_id == bottleneck.id, link.user_id == actor.id
        )
    )
    reporter = actor.id in {user.id for user in reporters(bottleneck)}
    result = Panel(db.session.get(Signal, bottleneck.id), checks, reports, bool(muted), reporter)
    check = result.open_check
    if check is not None:
        done = {a.sector_id for a in check.assessments}
        result.assessable = [
            s for s in bottleneck.sectors if s.id not in done and assesses_for(actor, s, bottleneck)
        ]
    return result


def timeline_entries(bottleneck: Bottleneck) -> list:
    """The criteria checks' steps, owners named and progress reports, to merge in."""
    check_ids = sa.select(CriteriaCheck.id).where(CriteriaCheck.bottleneck_id == bottleneck.id)
    steps = list(
        db.session.scalars(
            sa.select(Step).where(
                Step.subject_type == CHECK.subject_type, Step.subject_id.in_(check_ids)
            )
        )
    )
    events = db.session.execute(
        sa.select(Feedback, User)
        .outerjoin(User, User.id == Feedback.actor_id)
        .where(
            Feedback.bottleneck_id == bottleneck.id,
            Feedback.event.in_(["owner_named", "progress"]),
        )
    ).all()
    entries = []
    for event, actor in events:
        if event.event == "owner_named":
            label = _l("Owner named: %(owner)s, theme %(theme)s", **event.data)
            entries.append(Entry(event.at, label, actor, event.data.get("reason", "")))
        else:
            entries.append(Entry(event.at, _l("Progress report"), actor))
    return [*steps, *entries]


def candidates_query() -> sa.Select:
    """Bottlenecks the evidence made candidates for a structural check, not yet checked:
    (bottleneck, signal), the oldest candidate first."""
    checked = sa.select(CriteriaCheck.bottleneck_id)
    return (
        sa.select(Bottleneck, Signal)
        .join(Signal, Signal.bottleneck_id == Bottleneck.id)
        .where(
            Signal.candidate_since.is_not(None),
            Bottleneck.level != Level.STRUCTURAL,
            Bottleneck.merged_into_id.is_(None),
            Bottleneck.status.not_in(list(FINISHED)),
            Bottleneck.id.not_in(checked),
        )
        .order_by(Signal.candidate_since, Bottleneck.id)
    )


def candidates() -> list[tuple[Bottleneck, Signal]]:
    return list(db.session.execute(candidates_query()).all())


def overdue_reports_query(today: date) -> sa.Select:
    """Structural signals whose owner's progress report is late: (bottleneck, signal)."""
    return (
        sa.select(Bottleneck, Signal)
        .join(Signal, Signal.bottleneck_id == Bottleneck.id)
        .where(Signal.owner_id.is_not(None), Signal.next_report_due_on < today)
        .order_by(Signal.next_report_due_on, Bottleneck.id)
    )


def overdue_reports(today: date | None = None) -> list[tuple[Bottleneck, Signal]]:
    return list(db.session.execute(overdue_reports_query(today or date.today())).all())


def open_checks(ids: list[int]) -> set[int]:
    """Which of these bottlenecks have a criteria check open."""
    if not ids:
        return set()
    return set(
        db.session.scalars(
            sa.select(CriteriaCheck.bottleneck_id).where(
                CriteriaCheck.bottleneck_id.in_(ids), CriteriaCheck.status == CheckState.OPEN
            )
        )
    )


@dataclass
class MySignal:
    bottleneck: Bottleneck
    last_feedback: Feedback | None
    awaited: object


def my_signals(actor) -> list[MySignal]:
    """Each bottleneck the actor reported or added evidence to, newest first, with its last
    feedback and what is awaited from whom: three queries, whatever the number."""
    mine = sa.or_(
        Bottleneck.reporter_id == actor.id,
        Bottleneck.id.in_(
            sa.select(Occurrence.bottleneck_id).where(Occurrence.reporter_id == actor.id)
        ),
    )
    bottlenecks = list(
        db.session.scalars(
            sa.select(Bottleneck)
            .where(mine, Bottleneck.status != Status.DRAFT, Bottleneck.merged_into_id.is_(None))
            .order_by(Bottleneck.submitted_at.desc())
        )
    )
    ids = [b.id for b in bottlenecks]
    latest = (
        sa.select(sa.func.max(Feedback.id))
        .where(Feedback.bottleneck_id.in_(ids))
        .group_by(Feedback.bottleneck_id)
    )
    last = {
        f.bottleneck_id: f
        for f in db.session.scalars(sa.select(Feedback).where(Feedback.id.in_(latest)))
    }
    checking = open_checks(ids)
    return [MySignal(b, last.get(b.id), awaited(b, b.id in checking)) for b in bottlenecks]


def awaited(bottleneck: Bottleneck, checking: bool = False):
    """What is awaited next, and from whom, in words."""
    if checking:
        return _l("The routed sectors: their criteria assessment")
    if bottleneck.status == Status.SUBMITTED:
        return _l("The coordinator: to route it")
    if bottleneck.awaits_first_answer:
        names = ", ".join(s.name for s in states.awaited_sectors(bottleneck))
        return _l("%(sectors)s: a first answer", sectors=names)
    if bottleneck.level == Level.STRUCTURAL and bottleneck.status not in FINISHED:
        return _l("The owner: the next progress report")
    if bottleneck.status in OPEN:
        return _l("The routed sectors and the coordinator: the discussion's outcome")
    if bottleneck.status == Status.SCHEDULED:
        return _l("The session: its decision")
    return _l("Nothing more")


def may_check(actor, bottleneck: Bottleneck, panel: Panel) -> bool:
    return (
        allowed(actor, Permission.BOTTLENECK_TRIAGE, bottleneck)
        and bottleneck.level != Level.STRUCTURAL
        and bottleneck.status in CHECKABLE
        and not bottleneck.merged_into_id
        and panel.open_check is None
    )
