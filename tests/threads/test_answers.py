"""Each routed sector owes its own first answer: a policy owner answers for their sector, the
deadline and the reminders are per sector."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from mdma.bottlenecks import queries, routing, services, timeline
from mdma.bottlenecks.models import Bottleneck
from mdma.bottlenecks.states import Status
from mdma.core.errors import AccessDenied
from mdma.notifications.models import Notification
from tests import factories


def test_a_plain_post_answers_for_no_sector(session, routed, people):
    services.add_post(people["housing"], routed, "Een vraag eerst.")
    assert routed.status == Status.TRIAGED
    assert {s.code for s in routed.awaited_sectors} == {"housing", "income"}


def test_one_sectors_answer_leaves_the_other_sector_awaited(session, routed, people):
    post = services.add_post(people["housing"], routed, "We bekijken het.", as_answer=True)
    assert routed.status == Status.IN_DISCUSSION
    assert post.answer_sector.code == "housing"
    assert [s.code for s in routed.awaited_sectors] == ["income"]
    assert routing.send_reminders(routed.answer_due_on + timedelta(days=1)) == 1


def test_the_timeline_names_each_sectors_first_answer_and_who_gave_it(session, routed, people):
    services.add_post(people["housing"], routed, "We bekijken het.", as_answer=True)
    services.add_post(people["housing"], routed, "Een tweede antwoord telt niet.", as_answer=True)
    housing = factories.sector("housing").name
    answers = [
        entry
        for entry in timeline.of(routed)
        if housing in str(entry.target_label) and entry.actor == people["housing"]
    ]
    assert len(answers) == 1


def test_only_the_awaited_sector_is_reminded(session, routed, people, create_user):
    services.add_post(people["housing"], routed, "We bekijken het.", as_answer=True)
    later = routed.answer_due_on + timedelta(days=1)
    routing.send_reminders(later)
    reminded = {n.user_id for n in _overdue_notifications(session)}
    assert people["income"].id in reminded and people["housing"].id not in reminded


def test_when_every_sector_answered_nobody_is_reminded(session, routed, people):
    services.add_post(people["housing"], routed, "Wonen antwoordt.", as_answer=True)
    services.add_post(people["income"], routed, "Inkomen antwoordt.", as_answer=True)
    assert not routed.awaits_first_answer
    assert routing.send_reminders(routed.answer_due_on + timedelta(days=1)) == 0


def test_only_a_policy_owner_answers_for_a_sector(session, routed, people, create_user):
    for actor in (people["writer"], people["coordinator"]):
        with pytest.raises(AccessDenied):
            services.add_post(actor, routed, "Antwoord?", as_answer=True)
    other = create_user("policy_owner", sectors=[factories.sector("health")])
    with pytest.raises(AccessDenied):
        services.add_post(other, routed, "Antwoord?", as_answer=True)


def test_the_overdue_filter_lists_a_bottleneck_with_one_sector_awaited(session, routed, people):
    services.add_post(people["housing"], routed, "We bekijken het.", as_answer=True)
    later = routed.answer_due_on + timedelta(days=1)
    ids = session.scalars(sa.select(Bottleneck.id).where(queries.overdue_condition(later))).all()
    assert ids == [routed.id]


def _overdue_notifications(session):
    return session.scalars(sa.select(Notification).where(Notification.kind == "bottleneck.overdue"))
