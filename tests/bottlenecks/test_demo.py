"""Demo data at volume is as consistent as the services would have left it."""

from collections import Counter, defaultdict
from datetime import date

import pytest
import sqlalchemy as sa

from mdma.bottlenecks import queries, services
from mdma.bottlenecks.links import bottleneck_sectors
from mdma.bottlenecks.models import Bottleneck, Occurrence
from mdma.bottlenecks.states import LIFECYCLE, Status
from mdma.cli.demo import texts
from mdma.cli.demo.accounts import create_demo_users
from mdma.cli.demo.directory import create_demo_organisations
from mdma.cli.demo.staff import create_volume_staff
from mdma.cli.demo.volume import generate
from mdma.core.lifecycle import Step
from mdma.privacy import scan
from mdma.threads.models import Post

COUNT = 200


@pytest.fixture
def generated(session):
    create_demo_organisations()
    create_demo_users()
    create_volume_staff()
    written = generate(COUNT, seed=7)
    return written, session.scalars(sa.select(Bottleneck)).all()


def test_it_writes_the_asked_volume(generated):
    written, bottlenecks = generated
    assert len(bottlenecks) == COUNT
    assert written["occurrences"] == 5 * COUNT


def test_occurrence_count_equals_the_occurrences(session, generated):
    _written, bottlenecks = generated
    counted = Counter(session.scalars(sa.select(Occurrence.bottleneck_id)))
    assert {b.id: b.occurrence_count for b in bottlenecks} == {
        b.id: counted[b.id] for b in bottlenecks
    }


def test_every_submitted_bottleneck_has_lifecycle_steps_ending_in_its_status(session, generated):
    _written, bottlenecks = generated
    steps = defaultdict(list)
    for step in session.scalars(sa.select(Step).order_by(Step.id)):
        steps[step.subject_id].append(step)
    for bottleneck in bottlenecks:
        history = steps[bottleneck.id]
        if bottleneck.status == Status.DRAFT:
            assert history == []
            continue
        assert history[0].source == Status.DRAFT
        assert history[-1].target == bottleneck.status
        assert [s.at for s in history] == sorted(s.at for s in history)
        # A merge closes the duplicate outside the lifecycle, as services.merge does.
        checked = history[:-1] if bottleneck.merged_into_id else history
        for step in checked:
            assert LIFECYCLE.transition(Status(step.source), Status(step.target)), step.target


def test_routed_bottlenecks_have_sectors_and_a_first_answer_deadline(session, generated):
    _written, bottlenecks = generated
    routed = [b for b in bottlenecks if b.triaged_at is not None]
    linked = set(session.scalars(sa.select(bottleneck_sectors.c.bottleneck_id)))
    assert routed
    assert all(b.id in linked and b.answer_due_on is not None for b in routed)


def test_statuses_are_spread_over_the_lifecycle_and_some_are_overdue(generated):
    _written, bottlenecks = generated
    statuses = Counter(b.status for b in bottlenecks)
    assert set(statuses) == set(Status)
    assert statuses[Status.IN_DISCUSSION] > statuses[Status.DRAFT]
    waiting = [b for b in bottlenecks if b.status == Status.TRIAGED]
    overdue = [b for b in waiting if b.answer_due_on < date.today()]
    assert 0 < len(overdue) < len(waiting)


def test_occurrences_come_from_several_reporters_over_years(session, generated):
    reporters, first, last = session.execute(
        sa.select(
            sa.func.count(sa.distinct(Occurrence.reporter_id)),
            sa.func.min(Occurrence.occurred_on),
            sa.func.max(Occurrence.occurred_on),
        )
    ).one()
    assert reporters >= 10
    assert (last - first).days > 365


def test_the_first_post_of_a_discussed_bottleneck_is_its_first_answer(session, generated):
    _written, bottlenecks = generated
    # A merged duplicate's posts moved on to the bottleneck it was merged into.
    discussed = [b for b in bottlenecks if b.first_answer_at and not b.merged_into_id]
    firsts = dict(
        session.execute(
            sa.select(Post.thread_id, sa.func.min(Post.created_at)).group_by(Post.thread_id)
        ).all()
    )
    assert discussed
    assert all(firsts.get(b.thread_id) == b.first_answer_at for b in discussed)


def test_the_phrases_hold_no_personal_data():
    phrases = [
        *(p for problems in texts.PROBLEMS.values() for p in problems),
        *(d for details in texts.DETAILS.values() for d in details),
        *texts.CONTEXTS,
        *texts.CONSEQUENCES,
        *texts.ASKS,
        *texts.ANSWERS,
        *texts.FOLLOW_UPS,
        *texts.NOTES,
        *texts.DECLINE_REASONS,
        *texts.RESOLVE_REASONS,
    ]
    assert [p for p in phrases if scan(p)] == []


def test_generated_bottlenecks_are_searchable_and_the_index_follows_later_writes(
    session, generated
):
    _written, bottlenecks = generated
    listed = next(b for b in bottlenecks if b.status == Status.IN_DISCUSSION)
    actor = listed.reporter
    word = max(listed.title.split(), key=len)
    assert queries.list_page(actor, queries.ListFilter(q=word), page=1, per_page=5).total > 0
    # The search triggers are on again after the load: a new post is found.
    services.add_post(actor, listed, "De zeldzame ruimtevaartpremie ontbreekt.")
    found = queries.list_page(actor, queries.ListFilter(q="ruimtevaartpremie"), page=1, per_page=5)
    assert found.items == [listed]
