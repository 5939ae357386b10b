"""Writing a proposal, its lifecycle and the follow-up of each level, through the services."""

from datetime import date

import pytest
import sqlalchemy as sa

from mdma.bottlenecks.signals.models import Feedback
from mdma.core.errors import AccessDenied, RuleViolation
from mdma.core.lifecycle import Step
from mdma.privacy.guard import PersonalDataFound
from mdma.proposals import services
from mdma.proposals.models import Followup, Progress, Proposal
from tests import factories
from tests.proposals.conftest import draft_of


def count(session, model) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(model))


def test_a_proposal_is_written_as_a_draft_with_a_follow_up_per_level(proposal, routed):
    assert proposal.status == "draft"
    assert {f.level: f.body for f in proposal.followups} == {
        "flemish": "Vlaams minister van Welzijn",
        "local": "Gemeenteraad",
    }
    assert all(f.status == "planned" for f in proposal.followups)
    assert proposal.bottlenecks == routed


def test_a_proposal_without_a_target_level_is_refused_and_nothing_stored(session, owner):
    with pytest.raises(RuleViolation) as refused:
        services.save(owner, None, draft_of(owner, levels={}))
    assert refused.value.field == "levels"
    assert count(session, Proposal) == 0


def test_personal_data_in_a_proposal_is_refused(session, owner):
    with pytest.raises(PersonalDataFound):
        services.save(owner, None, draft_of(owner, problem="Bel mevrouw op 0470 12 34 56."))
    assert count(session, Proposal) == 0


def test_a_case_manager_cannot_write_a_proposal(session, reporter):
    with pytest.raises(AccessDenied):
        services.save(reporter, None, draft_of(reporter, owner_id=None))


def test_the_owner_cannot_adopt_only_the_coordinator_can(proposal, owner, coordinator):
    services.transition(owner, proposal, "under_discussion")
    with pytest.raises(AccessDenied):
        services.transition(owner, proposal, "adopted")
    services.transition(coordinator, proposal, "adopted")
    assert proposal.status == "adopted"


def test_a_step_out_of_order_is_refused(proposal, coordinator):
    with pytest.raises(RuleViolation) as refused:
        services.transition(coordinator, proposal, "closed")
    assert refused.value.status == 409
    assert proposal.status == "draft"


def test_abandoning_needs_a_reason(proposal, coordinator):
    with pytest.raises(RuleViolation):
        services.transition(coordinator, proposal, "abandoned", "")
    services.transition(coordinator, proposal, "abandoned", "Overbodig geworden")
    assert proposal.status == "abandoned"


def test_adoption_takes_the_bottlenecks_up_in_a_proposal_and_tells_their_reporters(
    session, adopted, routed
):
    assert {b.status for b in routed} == {"in_proposal"}
    events = session.scalars(sa.select(Feedback.event)).all()
    assert events.count("in_proposal") == 2


def test_a_level_is_followed_up_in_order_to_the_end(session, adopted, coordinator):
    flemish = adopted.followup("flemish")
    with pytest.raises(RuleViolation):  # not yet in an advice
        services.submit(coordinator, flemish, on=date(2026, 9, 1), to="Kabinet Welzijn")
    services.followup_step(coordinator, flemish, "in_advice")
    services.submit(coordinator, flemish, on=date(2026, 9, 1), to="Kabinet Welzijn")
    services.answer(
        coordinator, flemish, outcome="partly", text="Deels in het decreet.", on=date(2026, 10, 1)
    )
    services.followup_step(coordinator, flemish, "in_implementation")
    services.report_progress(coordinator, flemish, percent=40, text="Decreet in voorbereiding.")
    services.followup_step(coordinator, flemish, "realised")
    assert flemish.status == "realised"
    assert adopted.followup("local").status == "planned"
    steps = session.scalars(
        sa.select(Step.target).where(
            Step.subject_type == "proposal_followups", Step.subject_id == flemish.id
        )
    ).all()
    assert steps == ["in_advice", "submitted", "answered", "in_implementation", "realised"]


def test_each_step_of_a_level_reaches_the_reporters(session, adopted, coordinator):
    before = count(session, Feedback)
    services.followup_step(coordinator, adopted.followup("flemish"), "in_advice")
    assert count(session, Feedback) == before + 2  # one per linked bottleneck
    entry = session.scalars(sa.select(Feedback).order_by(Feedback.id.desc())).first()
    assert entry.event == "proposal_step"
    assert entry.data["step"]["en"] == "Flemish: Included in an advice"


def test_an_answer_without_its_date_is_refused(adopted, coordinator):
    flemish = adopted.followup("flemish")
    services.followup_step(coordinator, flemish, "in_advice")
    services.submit(coordinator, flemish, on=date(2026, 9, 1), to="Kabinet")
    with pytest.raises(RuleViolation) as refused:
        services.answer(coordinator, flemish, outcome="accepted", text="", on=None)
    assert refused.value.field == "answered_on"
    assert flemish.status == "submitted"


@pytest.fixture
def implementing(adopted, coordinator):
    flemish = adopted.followup("flemish")
    services.followup_step(coordinator, flemish, "in_advice")
    services.submit(coordinator, flemish, on=date(2026, 9, 1), to="Kabinet")
    services.answer(coordinator, flemish, outcome="accepted", text="", on=date(2026, 9, 20))
    services.followup_step(coordinator, flemish, "in_implementation")
    return flemish


@pytest.mark.parametrize("percent", [-1, 101, None])
def test_a_percentage_outside_0_to_100_is_refused(session, implementing, coordinator, percent):
    with pytest.raises(RuleViolation) as refused:
        services.report_progress(coordinator, implementing, percent=percent, text="Iets")
    assert refused.value.field == "percent"
    assert count(session, Progress) == 0


def test_a_percentage_going_down_needs_a_reason(session, implementing, coordinator):
    services.report_progress(coordinator, implementing, percent=60, text="Halfweg")
    with pytest.raises(RuleViolation) as refused:
        services.report_progress(coordinator, implementing, percent=40, text="Terug")
    assert refused.value.field == "reason"
    services.report_progress(
        coordinator, implementing, percent=40, text="Terug", reason="Budget uitgesteld"
    )
    assert implementing.progress_percent == 40
    told = session.scalars(sa.select(Feedback).order_by(Feedback.id.desc())).first()
    assert told.data["step"]["en"] == "Flemish: In implementation (40 %)"


def test_the_owner_follows_up_their_own_proposal_but_not_anothers(adopted, owner, coordinator):
    flemish = adopted.followup("flemish")
    services.followup_step(coordinator, flemish, "in_advice")
    services.submit(owner, flemish, on=date(2026, 9, 1), to="Kabinet")
    stranger = factories.create_user("policy_owner")
    with pytest.raises(AccessDenied):
        services.answer(stranger, flemish, outcome="accepted", text="", on=date(2026, 9, 2))


def test_a_rejected_level_cannot_be_implemented(adopted, coordinator):
    flemish = adopted.followup("flemish")
    services.followup_step(coordinator, flemish, "in_advice")
    services.submit(coordinator, flemish, on=date(2026, 9, 1), to="Kabinet")
    services.answer(coordinator, flemish, outcome="rejected", text="Nee", on=date(2026, 9, 5))
    with pytest.raises(RuleViolation):
        services.followup_step(coordinator, flemish, "in_implementation")
    services.followup_step(coordinator, flemish, "not_realised", "Afgewezen door de minister")
    assert flemish.status == "not_realised"


def test_the_owner_of_an_overdue_answer_is_reminded_once_a_week(session, adopted, coordinator):
    from mdma.notifications.models import Notification

    flemish = adopted.followup("flemish")
    services.followup_step(coordinator, flemish, "in_advice")
    services.submit(coordinator, flemish, on=date(2026, 1, 5), to="Kabinet")
    assert services.send_reminders(date(2026, 2, 1)) == 0
    assert services.send_reminders(date(2026, 6, 1)) == 1
    assert services.send_reminders(date(2026, 6, 3)) == 0
    notes = session.scalars(
        sa.select(Notification).where(Notification.kind == "proposal.answer_overdue")
    ).all()
    assert [n.user_id for n in notes] == [adopted.owner_id]


def test_a_level_being_followed_up_cannot_be_removed(adopted, coordinator):
    services.followup_step(coordinator, adopted.followup("flemish"), "in_advice")
    adopted_draft = draft_of(adopted.owner, adopted.bottlenecks, levels={"local": ""})
    with pytest.raises(RuleViolation):
        services.save(coordinator, adopted, adopted_draft)
    assert isinstance(adopted.followup("flemish"), Followup)
