"""Posting and evidence, with the guard on every text; concurrent edits are refused."""

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from mdma.bottlenecks import services
from mdma.bottlenecks.models import Bottleneck, Occurrence
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


def test_concurrent_edit_of_a_bottleneck_is_refused_not_overwritten(app, session, submitted):
    from sqlalchemy.orm.exc import StaleDataError

    session.commit()
    table = Bottleneck.__table__  # a Core update: someone else's edit, unseen by this session
    session.execute(sa.update(table).where(table.c.id == submitted.id).values(version=99))
    submitted.title = "Ander woord"
    with pytest.raises(StaleDataError):
        session.flush()
    session.rollback()
