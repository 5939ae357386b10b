"""Structural signals: the criteria check as a table, the owner and their reminders across
working days, feedback to every reporter once, and the evidence threshold crossed once."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from mdma.bottlenecks import routing, services
from mdma.bottlenecks.models import Level
from mdma.bottlenecks.signals import feedback, queries
from mdma.bottlenecks.signals import services as signals
from mdma.bottlenecks.signals.models import Assessment, CheckState, ProgressReport
from mdma.bottlenecks.states import Status
from mdma.core.errors import AccessDenied, RuleViolation
from mdma.core.workdays import add_working_days
from mdma.notifications import services as notifications
from mdma.notifications.models import Notification
from tests import factories

YES = dict.fromkeys(("clear", "neutral", "recognised", "shared"), True)
ONE_NO = YES | {"shared": False}


@pytest.fixture
def people(session):
    income, housing = factories.sector("income"), factories.sector("housing")
    return {
        "writer": factories.create_user("case_manager"),
        "witness": factories.create_user("social_worker"),
        "coordinator": factories.create_user("coordinator"),
        "income": factories.create_user("policy_owner", sectors=[income]),
        "housing": factories.create_user("policy_owner", sectors=[housing]),
        "health": factories.create_user("policy_owner", sectors=[factories.sector("health")]),
    }


@pytest.fixture
def routed(people):
    """Reported by the writer, witnessed by a social worker, routed to income and housing."""
    bottleneck = factories.create_bottleneck(people["writer"])
    services.add_occurrence(people["witness"], bottleneck, occurred_on=date.today())
    routing.triage(
        people["coordinator"],
        bottleneck,
        sectors=[factories.sector("income"), factories.sector("housing")],
        level="intersectoral",
    )
    return bottleneck


def events_of(session, user) -> list[str]:
    return session.scalars(
        sa.select(Notification.data["event"].as_string())
        .where(Notification.user_id == user.id, Notification.kind == "bottleneck.feedback")
        .order_by(Notification.id)
    ).all()


def kinds_of(session, user) -> list[str]:
    return session.scalars(
        sa.select(Notification.kind).where(Notification.user_id == user.id)
    ).all()


# --- The check as a table --------------------------------------------------------------------


@pytest.mark.parametrize(
    "rule, income, housing, state, level",
    [
        ("all", YES, YES, CheckState.PASSED, Level.STRUCTURAL),
        ("all", YES, ONE_NO, CheckState.OPEN, Level.INTERSECTORAL),
        ("all", YES, None, CheckState.OPEN, Level.INTERSECTORAL),
        ("1", YES, None, CheckState.PASSED, Level.STRUCTURAL),
        ("1", ONE_NO, None, CheckState.OPEN, Level.INTERSECTORAL),
        ("2", YES, YES, CheckState.PASSED, Level.STRUCTURAL),
        ("5", YES, YES, CheckState.PASSED, Level.STRUCTURAL),  # a quorum of more than routed
    ],
)
def test_the_check_passes_by_its_rule(app, people, routed, monkeypatch, rule, income, housing, state, level):  # fmt: skip
    monkeypatch.setitem(app.config, "MDMA_CHECK_RULE", rule)
    check = signals.start_check(people["coordinator"], routed)
    signals.assess(people["income"], check, factories.sector("income"), income)
    if housing is not None and check.status == CheckState.OPEN:
        signals.assess(people["housing"], check, factories.sector("housing"), housing)
    assert (check.status, routed.level) == (state, level)


def test_a_check_with_a_no_is_closed_by_the_coordinator_and_keeps_its_assessments(
    session, people, routed
):
    check = signals.start_check(people["coordinator"], routed)
    signals.assess(
        people["income"], check, factories.sector("income"), ONE_NO, {"shared": "Eén gezin."}
    )
    assert "signal.check_refused" in kinds_of(session, people["coordinator"])
    with pytest.raises(RuleViolation) as refused:
        signals.close_check(people["coordinator"], check, "")
    assert refused.value.field == "outcome"
    signals.close_check(people["coordinator"], check, "Nog niet gedeeld door alle sectoren.")
    assert check.status == CheckState.CLOSED and routed.level == Level.INTERSECTORAL
    assert session.scalar(sa.select(sa.func.count()).select_from(Assessment)) == 1
    assert [entry.target_label for entry in queries.timeline_entries(routed)]  # on its timeline


def test_no_answer_in_time_reminds_the_sectors_then_the_coordinator(session, people, routed):
    started = date(2026, 3, 2)  # a Monday
    check = signals.start_check(people["coordinator"], routed, today=started)
    due = add_working_days(started, 10)
    assert signals.send_reminders(due) == 0
    assert signals.send_reminders(due + timedelta(days=1)) == 1
    assert "signal.check_late" in kinds_of(session, people["income"])
    assert signals.send_reminders(due + timedelta(days=2)) == 0  # not again
    coordinator_day = add_working_days(check.reminded_on, 5)
    assert signals.send_reminders(coordinator_day - timedelta(days=1)) == 0
    assert signals.send_reminders(coordinator_day) == 1
    assert "signal.check_late" in kinds_of(session, people["coordinator"])


# --- Bad input -------------------------------------------------------------------------------


def test_only_a_policy_owner_of_a_routed_sector_assesses_once(session, people, routed):
    check = signals.start_check(people["coordinator"], routed)
    with pytest.raises(AccessDenied):
        signals.assess(people["health"], check, factories.sector("health"), YES)
    with pytest.raises(AccessDenied):
        signals.assess(people["income"], check, factories.sector("housing"), YES)
    with pytest.raises(AccessDenied):
        signals.assess(people["coordinator"], check, factories.sector("income"), YES)
    signals.assess(people["income"], check, factories.sector("income"), ONE_NO)
    with pytest.raises(RuleViolation) as twice:
        signals.assess(people["income"], check, factories.sector("income"), YES)
    assert twice.value.status == 409
    assert len(check.assessments) == 1


def test_structural_never_comes_from_an_edit(people):
    bottleneck = factories.create_bottleneck(people["writer"])
    with pytest.raises(RuleViolation) as by_triage:
        routing.triage(
            people["coordinator"], bottleneck, sectors=[factories.sector("income")],
            level="structural",
        )  # fmt: skip
    with pytest.raises(RuleViolation) as by_writing:
        factories.create_bottleneck(people["writer"], level="structural")
    assert by_triage.value.field == by_writing.value.field == "level"
    assert bottleneck.level != Level.STRUCTURAL


def test_only_the_owner_reports_progress(session, people, routed):
    structural(people, routed)
    signals.name_owner(people["coordinator"], routed, people["housing"], "Wonen")
    with pytest.raises(AccessDenied):
        signals.report_progress(people["income"], routed, "Stand van zaken.")
    signals.report_progress(people["housing"], routed, "Stand van zaken.")
    assert session.scalar(sa.select(sa.func.count()).select_from(ProgressReport)) == 1


def structural(people, bottleneck):
    check = signals.start_check(people["coordinator"], bottleneck)
    for code in ("income", "housing"):
        signals.assess(people[code], check, factories.sector(code), YES)
    return check


# --- The owner -------------------------------------------------------------------------------


def test_a_change_of_owner_needs_a_reason_and_is_told(session, people, routed):
    structural(people, routed)
    with pytest.raises(RuleViolation):
        signals.name_owner(people["coordinator"], routed, people["writer"], "Wonen")  # not a PO
    signals.name_owner(people["coordinator"], routed, people["housing"], "Wonen")
    with pytest.raises(RuleViolation) as refused:
        signals.name_owner(people["coordinator"], routed, people["income"], "Wonen")
    assert refused.value.field == "reason"
    signals.name_owner(
        people["coordinator"], routed, people["income"], "Wonen", "Andere sector trekt."
    )
    assert signals.signal_of(routed).owner == people["income"]
    assert "signal.owner" in kinds_of(session, people["income"])


def test_the_owner_is_reminded_once_when_a_report_is_due(app, session, people, routed):
    structural(people, routed)
    today = date(2026, 3, 2)
    signals.name_owner(people["coordinator"], routed, people["housing"], "Wonen", today=today)
    due = today + timedelta(weeks=app.config["MDMA_PROGRESS_REPORT_WEEKS"])
    assert signals.send_reminders(due - timedelta(days=1)) == 0
    assert signals.send_reminders(due) == 1
    assert signals.send_reminders(due + timedelta(days=3)) == 0
    assert kinds_of(session, people["housing"]).count("signal.report_due") == 1
    assert [b for b, _s in queries.overdue_reports(due + timedelta(days=1))] == [routed]
    signals.report_progress(
        people["housing"], routed, "Overleg loopt.", today=due + timedelta(days=1)
    )
    assert queries.overdue_reports(due + timedelta(days=1)) == []


# --- Feedback to the reporters ---------------------------------------------------------------


def test_every_reporter_hears_of_every_step_once(session, people, routed):
    services.add_post(people["income"], routed, "We bekijken het.", as_answer=True)
    structural(people, routed)
    signals.name_owner(people["coordinator"], routed, people["housing"], "Wonen")
    signals.report_progress(people["housing"], routed, "Eerste stappen gezet.")
    routing.transition(people["coordinator"], routed, Status.IN_PROPOSAL)
    steps = ["routed", "answered", "check_passed", "owner_named", "progress", "in_proposal"]
    assert events_of(session, people["writer"]) == steps
    assert events_of(session, people["witness"]) == steps
    assert events_of(session, people["income"]) == []  # not a reporter
    # Told once: no plain status or post notice besides the feedback of the same step.
    assert "bottleneck.status" not in kinds_of(session, people["writer"])
    assert "bottleneck.post" not in kinds_of(session, people["writer"])


def test_a_reporter_who_muted_it_hears_nothing_more(session, people, routed):
    feedback.mute(people["witness"], routed)
    routing.transition(people["coordinator"], routed, Status.DECLINED, "Buiten het netwerk.")
    assert events_of(session, people["witness"]) == ["routed"]
    assert events_of(session, people["writer"])[-1] == "declined"


def test_the_feedback_names_the_sectors_in_the_readers_language(app, session, people, routed):
    [notification] = session.scalars(
        sa.select(Notification).where(Notification.user_id == people["witness"].id)
    ).all()
    income = factories.sector("income")
    with app.test_request_context(), force_locale("fr"):
        text = notifications.message(notification)
    assert income.name_fr in text and income.name_nl not in text


def test_my_signals_lists_state_last_feedback_and_what_is_awaited(session, people, routed):
    signals.start_check(people["coordinator"], routed)
    [mine] = queries.my_signals(people["witness"])
    assert mine.bottleneck == routed and mine.last_feedback.event == "routed"
    assert "criteria" in str(mine.awaited)


# --- The evidence threshold ------------------------------------------------------------------


@pytest.fixture
def low_threshold(app, monkeypatch):
    for name, value in [
        ("MDMA_CANDIDATE_OCCURRENCES", 3),
        ("MDMA_CANDIDATE_REPORTERS", 3),
        ("MDMA_CANDIDATE_ORGANISATIONS", 2),
    ]:
        monkeypatch.setitem(app.config, name, value)


def test_the_threshold_is_crossed_once_and_told_once(session, people, low_threshold):
    first_org, second_org = factories.create_organisation(), factories.create_organisation()
    writer = factories.create_user("case_manager", organisation=first_org)
    bottleneck = factories.create_bottleneck(writer)
    same_org = factories.create_user("case_manager", organisation=first_org)
    other_org = factories.create_user("social_worker", organisation=second_org)
    services.add_occurrence(same_org, bottleneck, occurred_on=date.today())
    assert queries.candidates() == []
    services.add_occurrence(other_org, bottleneck, occurred_on=date.today())
    [(candidate, signal)] = queries.candidates()
    assert candidate == bottleneck
    assert signal.candidate_figures == {"occurrences": 3, "reporters": 3, "organisations": 2}
    for _ in range(3):
        services.add_occurrence(other_org, bottleneck, occurred_on=date.today())
    assert kinds_of(session, people["coordinator"]).count("signal.candidate") == 1


def test_the_report_itself_counts_towards_the_threshold(app, session, monkeypatch):
    for name in ("OCCURRENCES", "REPORTERS", "ORGANISATIONS"):
        monkeypatch.setitem(app.config, f"MDMA_CANDIDATE_{name}", 1)
    writer = factories.create_user("case_manager", organisation=factories.create_organisation())
    bottleneck = factories.create_bottleneck(writer)
    [(candidate, signal)] = queries.candidates()
    assert candidate == bottleneck
    assert signal.candidate_figures == {"occurrences": 1, "reporters": 1, "organisations": 1}


def test_evidence_figures_take_one_query_whatever_the_count(people, count_queries):
    bottleneck = factories.create_bottleneck(people["writer"])
    for extra in (1, 5):
        for _ in range(extra):
            services.add_occurrence(people["witness"], bottleneck, occurred_on=date.today())
        with count_queries() as counted:
            signals.evidence_figures(bottleneck)
        assert len(counted.statements) == 1


def test_old_occurrences_fall_outside_the_period(app, people, low_threshold):
    bottleneck = factories.create_bottleneck(people["writer"])
    long_ago = date.today() - timedelta(days=app.config["MDMA_CANDIDATE_DAYS"] + 5)
    services.add_occurrence(people["witness"], bottleneck, occurred_on=long_ago)
    assert signals.evidence_figures(bottleneck)["occurrences"] == 1


def test_the_daily_remind_command_sends_the_structural_reminders(app, session, people, routed):
    from mdma.cli import main

    structural(people, routed)
    signals.name_owner(
        people["coordinator"], routed, people["housing"], "Wonen", today=date(2026, 1, 5)
    )
    session.commit()
    result = app.test_cli_runner().invoke(main, ["bottlenecks", "remind"])
    assert result.exit_code == 0, result.output
    assert "1 structural reminder(s)" in result.output
    assert kinds_of(session, people["housing"]).count("signal.report_due") == 1
    again = app.test_cli_runner().invoke(main, ["bottlenecks", "remind"])
    assert "0 structural reminder(s)" in again.output
