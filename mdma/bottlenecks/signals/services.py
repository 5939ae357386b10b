"""The structural track's verbs, actor first: open a criteria check, assess it for a sector,
close it; name the owner, report progress; mark candidates by evidence; remind late checks
and reports. Each checks the permission and object rule, runs the guard, records the step
and the logbook, tells the reporters, and flushes."""

from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from mdma.accounts.models import User
from mdma.bottlenecks.models import Bottleneck, Level, Occurrence
from mdma.bottlenecks.signals import feedback, notices
from mdma.bottlenecks.signals.models import (
    CRITERIA,
    Assessment,
    CheckState,
    CriteriaCheck,
    Feedback,
    ProgressReport,
    Signal,
    feedback_mutes,
)
from mdma.bottlenecks.signals.states import CHECK, CHECKABLE, SignalPermission, assesses_for
from mdma.core.errors import AccessDenied, RuleViolation
from mdma.core.logbook import record
from mdma.core.time import utcnow
from mdma.core.workdays import add_working_days
from mdma.directory.models import Sector
from mdma.extensions import db
from mdma.permissions import Permission, Role, require
from mdma.privacy import guard


def _config(name: str):
    return current_app.config[name]


def signal_of(bottleneck: Bottleneck, *, create: bool = False) -> Signal | None:
    signal = db.session.get(Signal, bottleneck.id)
    if signal is None and create:
        signal = Signal(bottleneck_id=bottleneck.id)
        db.session.add(signal)
    return signal


def open_check(bottleneck: Bottleneck) -> CriteriaCheck | None:
    return db.session.scalar(
        sa.select(CriteriaCheck).where(
            CriteriaCheck.bottleneck_id == bottleneck.id, CriteriaCheck.status == CheckState.OPEN
        )
    )


# --- The criteria check ----------------------------------------------------------------------


def start_check(actor, bottleneck: Bottleneck, *, today: date | None = None) -> CriteriaCheck:
    """The coordinator asks the routed sectors whether the bottleneck is structural."""
    require(actor, Permission.BOTTLENECK_TRIAGE, bottleneck)
    if bottleneck.level == Level.STRUCTURAL:
        raise RuleViolation(_("This bottleneck is structural already."), status=409)
    if bottleneck.status not in CHECKABLE or bottleneck.merged_into_id or not bottleneck.sectors:
        raise RuleViolation(_("Only a routed bottleneck that is still open can be checked."))
    if open_check(bottleneck) is not None:
        raise RuleViolation(_("A criteria check of this bottleneck is open already."), status=409)
    check = CriteriaCheck(
        bottleneck_id=bottleneck.id,
        opened_by_id=actor.id,
        rule=_config("MDMA_CHECK_RULE"),
        due_on=add_working_days(today or date.today(), _config("MDMA_CHECK_WORKING_DAYS")),
    )
    db.session.add(check)
    db.session.flush()
    CHECK.record_step(actor, check, None, CheckState.OPEN)
    notices.check_opened(actor, check, assessors(bottleneck))
    return check


def assessors(bottleneck: Bottleneck) -> list[User]:
    """The active policy owners of the routed sectors."""
    sector_ids = [s.id for s in bottleneck.sectors]
    return list(
        db.session.scalars(
            sa.select(User).where(
                User.role == Role.POLICY_OWNER,
                User.active.is_(True),
                User.sectors.any(Sector.id.in_(sector_ids)),
            )
        )
    )


def assess(
    actor,
    check: CriteriaCheck,
    sector,
    answers: dict[str, bool],
    comments: dict[str, str] | None = None,
    *,
    confirmed: bool = False,
) -> Assessment:
    """One sector's judgement; the assessment that completes the rule makes it structural."""
    bottleneck = check.bottleneck
    if check.status != CheckState.OPEN:
        raise RuleViolation(_("This criteria check is closed."), status=409)
    if sector is None or not assesses_for(actor, sector, bottleneck):
        raise AccessDenied(_("Only a policy owner of a routed sector assesses for it."))
    if any(a.sector_id == sector.id for a in check.assessments):
        raise RuleViolation(_("Your sector has assessed this check already."), status=409)
    if set(answers) != set(CRITERIA) or not all(isinstance(v, bool) for v in answers.values()):
        raise RuleViolation(_("Answer yes or no to each of the four criteria."), "criteria")
    comments = {c: (comments or {}).get(c, "").strip() for c in CRITERIA}
    for criterion, comment in comments.items():
        guard.check(
            actor, comment, field=f"{criterion}_comment", confirmed=confirmed, subject=bottleneck
        )
    assessment = Assessment(
        check_id=check.id, sector_id=sector.id, assessor_id=actor.id, comments=comments, **answers
    )
    db.session.add(assessment)
    check.assessments.append(assessment)
    db.session.flush()
    record(actor, "criteria_check:assessed", check, sector=sector.id, all_yes=assessment.all_yes)
    if CHECK.may(actor, check, CHECK.transition(CheckState.OPEN, CheckState.PASSED)):
        _pass(actor, check)
    elif not assessment.all_yes:
        notices.check_refused(actor, check, sector)
    return assessment


def _pass(actor, check: CriteriaCheck) -> None:
    CHECK.move(actor, check, CheckState.PASSED)
    check.closed_at = utcnow()
    bottleneck = check.bottleneck
    bottleneck.level = Level.STRUCTURAL
    signal_of(bottleneck, create=True)
    feedback.tell_reporters(actor, bottleneck, "check_passed")
    notices.check_passed(actor, check)


def close_check(actor, check: CriteriaCheck, outcome: str, *, confirmed: bool = False) -> None:
    """The coordinator closes a check that did not pass; the assessments are kept."""
    CHECK.move(actor, check, CheckState.CLOSED, outcome, confirmed=confirmed, field="outcome")
    check.outcome = outcome.strip()
    check.closed_at = utcnow()
    feedback.tell_reporters(actor, check.bottleneck, "check_closed", reason=check.outcome)


# --- The owner and the progress reports ------------------------------------------------------


def name_owner(
    actor, bottleneck: Bottleneck, owner: User | None, theme: str, reason: str = "",
    *, confirmed: bool = False, today: date | None = None,
) -> Signal:  # fmt: skip
    """The coordinator names the owner (trekker) of a structural signal and its policy theme;
    a change of owner is a step with a reason."""
    require(actor, Permission.BOTTLENECK_TRIAGE, bottleneck)
    if bottleneck.level != Level.STRUCTURAL:
        raise RuleViolation(_("Only a structural bottleneck has an owner."), status=409)
    if owner is None or owner.role != Role.POLICY_OWNER or not owner.active:
        raise RuleViolation(_("Choose an active sector policy owner."), "owner")
    theme, reason = theme.strip(), reason.strip()
    if not theme:
        raise RuleViolation(_("This field is required."), "theme")
    signal = signal_of(bottleneck, create=True)
    changed = signal.owner_id is not None and signal.owner_id != owner.id
    if changed and not reason:
        raise RuleViolation(_("Write why: a change of owner needs a reason."), "reason")
    guard.check(actor, theme, field="theme", confirmed=confirmed, subject=bottleneck)
    guard.check(actor, reason, field="reason", confirmed=confirmed, subject=bottleneck)
    weeks = _config("MDMA_PROGRESS_REPORT_WEEKS")
    signal.owner, signal.theme = owner, theme
    signal.next_report_due_on = (today or date.today()) + timedelta(weeks=weeks)
    signal.report_reminded_on = None
    db.session.flush()
    record(actor, "signal:owner_changed" if changed else "signal:owner_named", bottleneck,
           owner=owner.id)  # fmt: skip
    feedback.tell_reporters(
        actor, bottleneck, "owner_named", owner=owner.name, theme=theme, weeks=str(weeks),
        reason=reason,
    )  # fmt: skip
    notices.owner_named(actor, bottleneck, owner)
    return signal


def report_progress(
    actor, bottleneck: Bottleneck, body: str, *, confirmed: bool = False, today=None
) -> ProgressReport:
    """The owner reports where the structural signal stands; the next report is due later."""
    signal = signal_of(bottleneck)
    if signal is None or signal.owner_id is None:
        raise RuleViolation(_("This bottleneck has no owner yet."), status=409)
    require(actor, SignalPermission.REPORT_PROGRESS, signal,
            _("Only the owner of a structural signal reports its progress."))  # fmt: skip
    body = (body or "").strip()
    if not body:
        raise RuleViolation(_("This field is required."), "body")
    guard.check(actor, body, field="body", confirmed=confirmed, subject=bottleneck)
    report = ProgressReport(bottleneck_id=bottleneck.id, author_id=actor.id, body=body)
    db.session.add(report)
    due = (today or date.today()) + timedelta(weeks=_config("MDMA_PROGRESS_REPORT_WEEKS"))
    signal.next_report_due_on, signal.report_reminded_on = due, None
    db.session.flush()
    record(actor, "signal:progress_reported", bottleneck, report=report.id)
    feedback.tell_reporters(actor, bottleneck, "progress", owner=actor.name, due=due.isoformat())
    return report


# --- Merging ---------------------------------------------------------------------------------


def merge(actor, keep: Bottleneck, duplicate: Bottleneck) -> None:
    """The duplicate's structural track continues on the bottleneck kept: its criteria checks
    with their assessments, progress reports, the feedback its reporters had and their mutes,
    candidacy and owner where the kept one has none. A second open check is closed."""
    for model in (CriteriaCheck, ProgressReport, Feedback):
        db.session.execute(
            sa.update(model)
            .where(model.bottleneck_id == duplicate.id)
            .values(bottleneck_id=keep.id)
            .execution_options(synchronize_session="fetch")
        )
    _merge_mutes(keep, duplicate)
    checks = db.session.scalars(
        sa.select(CriteriaCheck)
        .where(CriteriaCheck.bottleneck_id == keep.id, CriteriaCheck.status == CheckState.OPEN)
        .order_by(CriteriaCheck.opened_at, CriteriaCheck.id)
    ).all()
    for check in checks[1:]:
        outcome = _("Closed: its bottleneck was merged into #%(id)s.", id=keep.id)
        CHECK.record_step(actor, check, CheckState.OPEN, CheckState.CLOSED, outcome)
        check.status, check.outcome, check.closed_at = CheckState.CLOSED, outcome, utcnow()
    _merge_signal(keep, duplicate)


def _merge_mutes(keep: Bottleneck, duplicate: Bottleneck) -> None:
    link = feedback_mutes.c
    muted = set(db.session.scalars(sa.select(link.user_id).where(link.bottleneck_id == keep.id)))
    moved = set(
        db.session.scalars(sa.select(link.user_id).where(link.bottleneck_id == duplicate.id))
    )
    for user_id in sorted(moved - muted):
        db.session.execute(feedback_mutes.insert().values(bottleneck_id=keep.id, user_id=user_id))
    db.session.execute(feedback_mutes.delete().where(link.bottleneck_id == duplicate.id))


def _merge_signal(keep: Bottleneck, duplicate: Bottleneck) -> None:
    """Candidacy since the earlier of the two; the owner, theme and report rhythm of the kept
    one, else the duplicate's. A structural duplicate (its passed check moved along) makes
    the kept one structural."""
    moved = signal_of(duplicate)
    if duplicate.level == Level.STRUCTURAL:
        keep.level = Level.STRUCTURAL
    if moved is None:
        return
    signal = signal_of(keep, create=True)
    if moved.candidate_since and (
        signal.candidate_since is None or moved.candidate_since < signal.candidate_since
    ):
        signal.candidate_since, signal.candidate_figures = (
            moved.candidate_since,
            moved.candidate_figures,
        )
    if signal.owner_id is None and moved.owner_id is not None:
        for name in ("owner_id", "theme", "next_report_due_on", "report_reminded_on"):
            setattr(signal, name, getattr(moved, name))
    db.session.delete(moved)
    db.session.flush()


# --- Evidence threshold ----------------------------------------------------------------------


def evidence_figures(bottleneck: Bottleneck, today: date | None = None) -> dict:
    """Occurrences, distinct reporters and organisations within the period, the original
    report counted as the first occurrence: one query, whatever the count."""
    since = (today or date.today()) - timedelta(days=_config("MDMA_CANDIDATE_DAYS"))
    reported_on = sa.func.coalesce(Bottleneck.submitted_at, Bottleneck.created_at)
    original = sa.select(
        Bottleneck.reporter_id.label("reporter_id"),
        sa.func.date(reported_on, type_=sa.Date).label("day"),
    ).where(Bottleneck.id == bottleneck.id)
    later = sa.select(Occurrence.reporter_id, Occurrence.occurred_on).where(
        Occurrence.bottleneck_id == bottleneck.id
    )
    every = sa.union_all(original, later).subquery()
    row = db.session.execute(
        sa.select(
            sa.func.count(),
            sa.func.count(sa.distinct(every.c.reporter_id)),
            sa.func.count(sa.distinct(User.organisation_id)),
        )
        .select_from(every)
        .join(User, User.id == every.c.reporter_id)
        .where(every.c.day >= since)
    ).one()
    return {"occurrences": row[0], "reporters": row[1], "organisations": row[2]}


def crosses_threshold(figures: dict) -> bool:
    return (
        figures["occurrences"] >= _config("MDMA_CANDIDATE_OCCURRENCES")
        and figures["reporters"] >= _config("MDMA_CANDIDATE_REPORTERS")
        and figures["organisations"] >= _config("MDMA_CANDIDATE_ORGANISATIONS")
    )


def weigh_evidence(bottleneck: Bottleneck, today: date | None = None) -> bool:
    """After new evidence: mark a candidate for a structural check the first time the
    threshold is crossed, and tell the coordinators once."""
    if bottleneck.level == Level.STRUCTURAL:
        return False
    signal = signal_of(bottleneck)
    if signal is not None and signal.candidate_since is not None:
        return False
    figures = evidence_figures(bottleneck, today)
    if not crosses_threshold(figures):
        return False
    signal = signal or signal_of(bottleneck, create=True)
    signal.candidate_since, signal.candidate_figures = utcnow(), figures
    db.session.flush()
    record(None, "signal:candidate", bottleneck, **figures)
    notices.candidate(bottleneck, figures)
    return True


# --- Reminders -------------------------------------------------------------------------------


def _coordinators_turn(check: CriteriaCheck, today: date) -> bool:
    """Five working days after the sectors were reminded, the coordinator hears of it."""
    return add_working_days(check.reminded_on, 5) <= today


def send_reminders(today: date | None = None) -> int:
    """Late checks (the sectors, then the coordinator) and due progress reports (the owner),
    each reminded once."""
    today = today or date.today()
    sent = 0
    unanswered = db.session.scalars(
        sa.select(CriteriaCheck).where(
            CriteriaCheck.status == CheckState.OPEN,
            CriteriaCheck.due_on < today,
            ~CriteriaCheck.assessments.any(),
        )
    ).all()
    for check in unanswered:
        if check.reminded_on is None:
            notices.check_late(check, assessors(check.bottleneck))
            check.reminded_on = today
            sent += 1
        elif check.coordinator_reminded_on is None and _coordinators_turn(check, today):
            notices.check_late_to_coordinators(check)
            check.coordinator_reminded_on = today
            sent += 1
    due = db.session.scalars(
        sa.select(Signal).where(
            Signal.owner_id.is_not(None),
            Signal.next_report_due_on <= today,
            Signal.report_reminded_on.is_(None),
        )
    ).all()
    for signal in due:
        notices.report_due(signal)
        signal.report_reminded_on = today
        sent += 1
    db.session.flush()
    return sent
