"""Merging keeps everything: evidence and discussion with their dates and authors, the union of
who answers and what it is about, the earliest open deadline, the state that came further (or
the one chosen), the structural track; both timelines record it."""

import re
from datetime import date, datetime

import pytest
import sqlalchemy as sa

from mdma.bottlenecks import merging, routing, services, timeline
from mdma.bottlenecks.models import Bottleneck, Merge
from mdma.bottlenecks.signals import feedback
from mdma.bottlenecks.signals import services as signals
from mdma.bottlenecks.signals.models import CheckState, CriteriaCheck, ProgressReport, Signal
from mdma.bottlenecks.states import Status
from mdma.core.errors import RuleViolation
from mdma.core.lifecycle import Step
from tests import factories
from tests.factories import create_bottleneck

URL = "/api/v1/bottlenecks"
YES = dict.fromkeys(("clear", "neutral", "recognised", "shared"), True)


def route(bottleneck, coordinator, sector="housing", *, owners=(), tags=(), today=None):
    return routing.triage(
        coordinator, bottleneck, sectors=[factories.sector(sector)], level="intersectoral",
        owners=list(owners), tags=list(tags), today=today,
    )  # fmt: skip


def test_occurrences_posts_and_followers_move_with_their_dates_and_authors(
    session, create_user, coordinator, owner
):
    first, second, colleague = create_user(), create_user(), create_user("social_worker")
    keep = create_bottleneck(first, sector="housing")
    duplicate = create_bottleneck(second, "Waarborg te duur", sector="housing")
    route(duplicate, coordinator)
    occurrence = services.add_occurrence(colleague, duplicate, occurred_on=date(2026, 2, 3))
    post = services.add_post(owner, duplicate, "We kennen dit probleem.")
    written_at = post.created_at
    merging.merge(coordinator, keep, duplicate)
    session.expire_all()
    assert occurrence.bottleneck_id == keep.id and occurrence.occurred_on == date(2026, 2, 3)
    assert occurrence.reporter_id == colleague.id
    assert (post.thread_id, post.author_id, post.created_at) == (
        keep.thread_id,
        owner.id,
        written_at,
    )
    assert {second, colleague, owner} <= set(keep.followers)
    # The duplicate's report is an occurrence of its own, by its reporter, on its day.
    report = next(o for o in keep.occurrences if o.reporter_id == second.id)
    assert report.occurred_on == duplicate.submitted_at.date()


def test_routed_sectors_named_owners_and_tags_are_united(session, create_user, coordinator):
    housing_owner = create_user("policy_owner", sectors=[factories.sector("housing")])
    income_owner = create_user("policy_owner", sectors=[factories.sector("income")])
    keep, duplicate = create_bottleneck(sector="housing"), create_bottleneck(sector="income")
    route(keep, coordinator, "housing", owners=[housing_owner], tags=["huur"])
    route(duplicate, coordinator, "income", owners=[income_owner], tags=["waarborg", "huur"])
    merging.merge(coordinator, keep, duplicate)
    assert {s.code for s in keep.sectors} == {"housing", "income"}
    assert set(keep.owners) == {housing_owner, income_owner}
    assert keep.tags == ["huur", "waarborg"]


def test_the_earliest_deadline_still_open_is_kept(session, coordinator):
    keep, duplicate = create_bottleneck(sector="housing"), create_bottleneck(sector="housing")
    route(keep, coordinator, today=date(2026, 11, 16))
    route(duplicate, coordinator, today=date(2026, 11, 2))
    merging.merge(coordinator, keep, duplicate)
    assert keep.answer_due_on == duplicate.answer_due_on < date(2026, 11, 30)


def test_an_answered_deadline_does_not_count(session, coordinator, owner):
    keep, duplicate = create_bottleneck(sector="housing"), create_bottleneck(sector="housing")
    route(keep, coordinator, today=date(2026, 11, 16))
    due = keep.answer_due_on
    route(duplicate, coordinator, today=date(2026, 11, 2))
    services.add_post(owner, duplicate, "Antwoord van huisvesting.", as_answer=True)
    merging.merge(coordinator, keep, duplicate, state=Status.TRIAGED)
    assert keep.answer_due_on == due and keep.awaits_first_answer


def test_the_state_that_came_further_is_kept_and_recorded(session, coordinator, owner):
    keep, duplicate = create_bottleneck(sector="housing"), create_bottleneck(sector="housing")
    route(duplicate, coordinator)
    services.add_post(owner, duplicate, "Antwoord van huisvesting.", as_answer=True)
    assert duplicate.status == Status.IN_DISCUSSION
    merging.merge(coordinator, keep, duplicate)
    assert keep.status == Status.IN_DISCUSSION and keep.first_answer_at is not None
    assert keep.triaged_at == duplicate.triaged_at
    last = timeline.of(keep)
    assert any(getattr(e, "target", None) == Status.IN_DISCUSSION for e in last)


def test_the_coordinator_may_keep_the_other_state(session, coordinator, owner):
    keep, duplicate = create_bottleneck(sector="housing"), create_bottleneck(sector="housing")
    route(duplicate, coordinator)
    merging.merge(coordinator, keep, duplicate, state=Status.SUBMITTED)
    assert keep.status == Status.SUBMITTED


def test_a_state_of_neither_is_refused(session, coordinator):
    keep, duplicate = create_bottleneck(), create_bottleneck()
    with pytest.raises(RuleViolation) as refused:
        merging.merge(coordinator, keep, duplicate, state=Status.RESOLVED)
    assert refused.value.field == "state" and duplicate.merged_into_id is None


def test_both_timelines_record_the_merge(session, coordinator):
    keep, duplicate = create_bottleneck(), create_bottleneck(None, "Waarborg te duur")
    merging.merge(coordinator, keep, duplicate, "Zelfde knelpunt.")
    kept = [e for e in timeline.of(keep) if getattr(e, "reason", "") == "Zelfde knelpunt."]
    assert kept and "Waarborg te duur" in str(kept[0].target_label)
    assert kept[0].actor == coordinator
    folded = [str(e.target_label) for e in timeline.merges(duplicate)]
    assert folded and f"#{keep.id}" in folded[0]
    closed = session.scalars(
        sa.select(Step).where(Step.subject_id == duplicate.id, Step.target == Status.CLOSED)
    ).one()
    assert "Zelfde knelpunt." in closed.reason
    assert session.scalar(sa.select(Merge.kept_status)) == Status.SUBMITTED


def test_the_structural_track_moves_along(session, create_user, coordinator):
    assessor = create_user("policy_owner", sectors=[factories.sector("housing")])
    trekker = create_user("policy_owner")
    keep, duplicate = create_bottleneck(sector="housing"), create_bottleneck(sector="housing")
    route(keep, coordinator)
    route(duplicate, coordinator)
    check = signals.start_check(coordinator, duplicate)
    signals.assess(assessor, check, factories.sector("housing"), YES)
    signals.name_owner(coordinator, duplicate, trekker, "Wonen")
    signals.report_progress(trekker, duplicate, "Overleg met de huisvestingsmaatschappijen.")
    feedback.mute(duplicate.reporter, duplicate)
    merging.merge(coordinator, keep, duplicate)
    session.expire_all()
    assert keep.is_structural
    assert session.get(Signal, keep.id).owner_id == trekker.id
    assert session.get(Signal, duplicate.id) is None
    assert session.scalar(sa.select(ProgressReport.bottleneck_id)) == keep.id
    assert session.get(CriteriaCheck, check.id).bottleneck_id == keep.id
    assert duplicate.reporter_id in feedback.muted(keep)


def test_of_two_open_criteria_checks_the_later_is_closed(session, coordinator):
    keep, duplicate = create_bottleneck(sector="housing"), create_bottleneck(sector="housing")
    route(keep, coordinator)
    route(duplicate, coordinator)
    kept = signals.start_check(coordinator, keep)
    later = signals.start_check(coordinator, duplicate)
    merging.merge(coordinator, keep, duplicate)
    assert kept.status == CheckState.OPEN
    assert later.status == CheckState.CLOSED and later.bottleneck_id == keep.id


# --- Page and API ------------------------------------------------------------------------------


def test_the_page_asks_which_state_to_keep_when_they_differ(client, session, login_as, coordinator):
    keep, duplicate = create_bottleneck(sector="housing"), create_bottleneck(sector="housing")
    route(duplicate, coordinator)
    login_as(coordinator)
    session.commit()
    asked = client.post(f"/bottlenecks/{keep.id}/merge", data={"duplicate_id": duplicate.id})
    page = asked.get_data(as_text=True)
    assert asked.status_code == 200 and 'name="state"' in page
    # The one that came further is chosen already.
    assert re.search(r'<input checked[^>]*name="state" type="radio" value="triaged"', page)
    session.expire_all()
    assert session.get(Bottleneck, duplicate.id).merged_into_id is None
    done = client.post(
        f"/bottlenecks/{keep.id}/merge", data={"duplicate_id": duplicate.id, "state": "submitted"}
    )
    assert done.status_code == 302
    session.expire_all()
    assert session.get(Bottleneck, duplicate.id).merged_into_id == keep.id
    assert session.get(Bottleneck, keep.id).status == Status.SUBMITTED


def test_the_api_keeps_the_state_that_came_further_unless_told(call, session, coordinator):
    keep, duplicate = create_bottleneck(sector="housing"), create_bottleneck(sector="housing")
    route(duplicate, coordinator)
    response = call(
        "POST", f"{URL}/{keep.id}/merge", coordinator, json={"duplicate_id": duplicate.id}
    )
    assert response.status_code == 200 and response.json["status"] == "triaged"
    assert datetime.fromisoformat(response.json["answer_due_on"]).date() == duplicate.answer_due_on
