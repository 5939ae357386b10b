"""Posting, evidence, triage and the lifecycle, with the guard on every text."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from mdma.bottlenecks import services
from mdma.bottlenecks.models import Bottleneck, Occurrence, Step
from mdma.bottlenecks.states import Status
from mdma.core.errors import RuleViolation
from mdma.privacy.guard import PersonalDataFound
from tests import factories


def report(**changes):
    fields = {
        "title": "Toeslag voor gezinnen wordt verschillend toegepast",
        "description": "Maatschappelijk werkers interpreteren de toeslag verschillend.",
        "domains": ["income"],
        "sectors": [factories.sector("income")],
    }
    return services.Report(**(fields | changes))


@pytest.fixture
def submitted(session, create_user):
    writer = create_user("case_manager")
    return services.report(writer, report())


def count(session, model):
    return session.scalar(sa.select(sa.func.count()).select_from(model))


def test_case_manager_posts_a_bottleneck_and_follows_it(session, create_user):
    writer = create_user("case_manager")
    bottleneck = services.report(writer, report())
    assert bottleneck.status == Status.SUBMITTED
    assert writer in bottleneck.followers
    assert [(s.source, s.target) for s in bottleneck.steps] == [("draft", "submitted")]


def test_policy_owner_cannot_post_a_bottleneck(session, create_user):
    with pytest.raises(RuleViolation) as refused:
        services.report(create_user("policy_owner"), report())
    assert refused.value.status == 403


def test_personal_data_in_the_description_is_refused_and_nothing_is_stored(session, create_user):
    writer = create_user("social_worker")
    with pytest.raises(PersonalDataFound) as refused:
        services.report(writer, report(description="Bel mama op 0471 23 45 67."))
    assert refused.value.field == "description"
    assert count(session, Bottleneck) == 0


def test_confirmed_false_alarm_is_stored(session, create_user):
    writer = create_user("social_worker")
    bottleneck = services.report(
        writer, report(description="Bel mama op 0471 23 45 67."), confirmed=True
    )
    assert bottleneck.id is not None


def test_household_context_comes_from_fixed_lists_only(session, create_user):
    with pytest.raises(RuleViolation) as refused:
        services.report(create_user(), report(household=services.Household(children_band="twee")))
    assert refused.value.field == "children_band"


def test_occurrence_adds_evidence_and_makes_its_writer_follow(session, submitted, create_user):
    colleague = create_user("case_manager")
    services.add_occurrence(colleague, submitted, occurred_on=date.today(), domains=["housing"])
    assert len(submitted.occurrences) == 1
    assert colleague in submitted.followers


def test_occurrence_note_with_a_name_is_refused(session, submitted, create_user):
    with pytest.raises(PersonalDataFound):
        services.add_occurrence(
            create_user(), submitted, occurred_on=date.today(), note="Mevrouw Peeters ook."
        )
    assert count(session, Occurrence) == 0


def test_occurrence_cannot_lie_in_the_future(session, submitted, create_user):
    with pytest.raises(RuleViolation) as refused:
        services.add_occurrence(
            create_user(), submitted, occurred_on=date.today() + timedelta(days=1)
        )
    assert refused.value.field == "occurred_on"


def test_triage_routes_and_sets_the_answer_deadline_in_working_days(
    session, submitted, create_user
):
    coordinator = create_user("coordinator")
    services.triage(
        coordinator, submitted, sectors=[factories.sector("housing")], level="structural",
        tags=["Huur", "huur"], today=date(2026, 12, 22),
    )  # fmt: skip
    assert submitted.status == Status.TRIAGED
    assert submitted.answer_due_on == date(2027, 1, 7)
    assert submitted.tags == ["huur"]


def test_case_manager_cannot_triage(session, submitted, create_user):
    with pytest.raises(RuleViolation):
        services.triage(
            create_user(), submitted, sectors=[factories.sector("housing")], level="structural"
        )
    assert submitted.status == Status.SUBMITTED


def test_policy_owner_of_a_routed_sector_starts_the_discussion(session, submitted, create_user):
    services.triage(
        create_user("coordinator"),
        submitted,
        sectors=[factories.sector("housing")],
        level="structural",
    )
    owner = create_user("policy_owner", sectors=[factories.sector("housing")])
    services.transition(owner, submitted, Status.IN_DISCUSSION)
    assert submitted.status == Status.IN_DISCUSSION
    assert submitted.first_answer_at is not None


def test_policy_owner_of_another_sector_is_refused_and_nothing_changes(
    session, submitted, create_user
):
    services.triage(
        create_user("coordinator"),
        submitted,
        sectors=[factories.sector("housing")],
        level="structural",
    )
    outsider = create_user("policy_owner", sectors=[factories.sector("health")])
    with pytest.raises(RuleViolation) as refused:
        services.transition(outsider, submitted, Status.IN_DISCUSSION)
    assert refused.value.status == 403
    assert submitted.status == Status.TRIAGED


def test_case_manager_cannot_close_bottleneck(session, submitted, create_user):
    with pytest.raises(RuleViolation):
        services.transition(submitted.reporter, submitted, Status.CLOSED)
    assert submitted.status == Status.SUBMITTED


def test_declining_needs_a_reason_which_the_timeline_keeps(session, submitted, create_user):
    coordinator = create_user("coordinator")
    with pytest.raises(RuleViolation) as refused:
        services.transition(coordinator, submitted, Status.DECLINED)
    assert refused.value.field == "reason"
    services.transition(coordinator, submitted, Status.DECLINED, "Valt buiten het netwerk.")
    last = session.scalars(sa.select(Step).order_by(Step.id.desc())).first()
    assert (last.actor_id, last.target, last.reason) == (
        coordinator.id,
        "declined",
        "Valt buiten het netwerk.",
    )


def test_a_step_outside_the_lifecycle_is_refused(session, submitted, create_user):
    with pytest.raises(RuleViolation) as refused:
        services.transition(create_user("coordinator"), submitted, Status.RESOLVED, "Opgelost")
    assert refused.value.status == 409


def test_closed_bottleneck_can_be_reopened_with_a_reason(session, submitted, create_user):
    coordinator = create_user("coordinator")
    services.transition(coordinator, submitted, Status.DECLINED, "Dubbel.")
    services.transition(coordinator, submitted, Status.CLOSED)
    assert submitted.closed_at is not None
    services.transition(coordinator, submitted, Status.IN_DISCUSSION, "Toch niet dubbel.")
    assert submitted.status == Status.IN_DISCUSSION and submitted.closed_at is None


def test_concurrent_edit_of_a_bottleneck_is_refused_not_overwritten(app, session, submitted):
    from sqlalchemy.orm.exc import StaleDataError

    session.commit()
    table = Bottleneck.__table__  # a Core update: someone else's edit, unseen by this session
    session.execute(sa.update(table).where(table.c.id == submitted.id).values(version=99))
    submitted.title = "Ander woord"
    with pytest.raises(StaleDataError):
        session.flush()
    session.rollback()
