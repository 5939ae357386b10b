"""Who hears of what: routing, steps and posts notify; overdue first answers are reminded."""

from datetime import date, timedelta

import sqlalchemy as sa

from mdma.bottlenecks import routing, services
from mdma.cli import main
from mdma.core.workdays import add_working_days
from mdma.notifications import services as notifications
from mdma.notifications.models import Notification
from tests import factories
from tests.conftest import wait_for


def kinds_of(session, user):
    return session.scalars(
        sa.select(Notification.kind).where(Notification.user_id == user.id)
    ).all()


def routed_long_ago(create_user):
    income = factories.sector("income")
    owner = create_user("policy_owner", sectors=[income])
    bottleneck = factories.create_bottleneck()
    routing.triage(
        create_user("coordinator"),
        bottleneck,
        sectors=[income],
        level="intersectoral",
        today=date.today() - timedelta(days=60),
    )
    return bottleneck, owner


def test_routing_notifies_the_sectors_policy_owners_but_not_others(session, create_user):
    income_owner = create_user("policy_owner", sectors=[factories.sector("income")])
    housing_owner = create_user("policy_owner", sectors=[factories.sector("housing")])
    bottleneck = factories.create_bottleneck()
    routing.triage(
        create_user("coordinator"),
        bottleneck,
        sectors=[factories.sector("income")],
        level="intersectoral",
    )
    assert kinds_of(session, income_owner) == ["bottleneck.routed"]
    assert kinds_of(session, housing_owner) == []


def test_a_named_owner_of_another_sector_is_notified_too(session, create_user):
    named = create_user("policy_owner", sectors=[factories.sector("health")])
    bottleneck = factories.create_bottleneck()
    routing.triage(
        create_user("coordinator"),
        bottleneck,
        sectors=[factories.sector("income")],
        level="intersectoral",
        owners=[named],
    )
    assert kinds_of(session, named) == ["bottleneck.routed"]


def test_the_reporter_hears_of_each_step_once_but_not_of_their_own_post(session, create_user):
    bottleneck, owner = routed_long_ago(create_user)
    services.add_post(bottleneck.reporter, bottleneck, "Nog steeds zo.")
    services.add_post(owner, bottleneck, "We nemen het op.", as_answer=True)
    services.add_post(owner, bottleneck, "Aanvulling.")
    told = session.scalars(
        sa.select(Notification).where(Notification.user_id == bottleneck.reporter.id)
    ).all()
    assert [(n.kind, n.data.get("event")) for n in told] == [
        ("bottleneck.feedback", "routed"),
        ("bottleneck.feedback", "answered"),
        ("bottleneck.post", None),
    ]


def test_the_notification_speaks_the_recipients_language(app, session, create_user):
    owner = create_user("policy_owner", sectors=[factories.sector("income")], language="fr")
    bottleneck = factories.create_bottleneck(title="Groeipakket komt te laat")
    routing.triage(
        create_user("coordinator"),
        bottleneck,
        sectors=[factories.sector("income")],
        level="intersectoral",
    )
    notification = session.scalar(sa.select(Notification).where(Notification.user_id == owner.id))
    with app.test_request_context():
        assert "Groeipakket komt te laat" in notifications.message(notification)


def test_overdue_first_answers_are_reminded_once_a_day(session, create_user):
    bottleneck, owner = routed_long_ago(create_user)
    assert bottleneck.answer_due_on == add_working_days(date.today() - timedelta(days=60), 10)
    assert routing.send_reminders() == 1
    assert routing.send_reminders() == 0  # not twice on one day
    assert kinds_of(session, owner).count("bottleneck.overdue") == 1
    tomorrow = date.today() + timedelta(days=1)
    assert routing.send_reminders(tomorrow) == 1


def test_an_answered_bottleneck_is_not_reminded(session, create_user):
    bottleneck, owner = routed_long_ago(create_user)
    services.add_post(owner, bottleneck, "Eerste antwoord.", as_answer=True)
    assert routing.send_reminders() == 0


def test_reminder_command_mails_the_owner(app, session, create_user, outbox):
    bottleneck, owner = routed_long_ago(create_user)
    session.commit()
    result = app.test_cli_runner().invoke(main, ["bottlenecks", "remind"])
    assert "1 overdue" in result.output
    assert wait_for(lambda: any(m["To"] == owner.email for m in outbox))


def test_notification_centre_lists_and_marks_read(client, session, create_user, login_as):
    bottleneck, owner = routed_long_ago(create_user)
    login_as(owner)
    page = client.get("/notifications").get_data(as_text=True)
    assert bottleneck.title in page
    notification = session.scalar(sa.select(Notification).where(Notification.user_id == owner.id))
    response = client.post(f"/notifications/{notification.id}")
    assert response.location.endswith(f"/bottlenecks/{bottleneck.id}")
    assert notification.read_at is not None


def test_someone_elses_notification_cannot_be_opened(client, session, create_user, login_as):
    _bottleneck, owner = routed_long_ago(create_user)
    notification = session.scalar(sa.select(Notification).where(Notification.user_id == owner.id))
    login_as(create_user("case_manager"))
    assert client.post(f"/notifications/{notification.id}").status_code == 404
    assert notification.read_at is None
