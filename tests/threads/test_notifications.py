"""Mentions, e-mail per kind (at once, daily digest, never), the digest and one-click
unsubscribe, against a real SMTP server."""

from datetime import date, timedelta

import sqlalchemy as sa

from mdma.bottlenecks import services
from mdma.cli import main
from mdma.notifications import digest, unsubscribe
from mdma.notifications import services as notifications
from mdma.notifications.models import Notification
from mdma.threads import mentions
from mdma.threads import services as threads
from tests import factories
from tests.conftest import wait_for


def kinds(session, user) -> list[str]:
    return list(
        session.scalars(
            sa.select(Notification.kind)
            .where(Notification.user_id == user.id)
            .order_by(Notification.id)
        )
    )


def test_a_mention_notifies_once_also_when_an_edit_adds_it(session, routed, people, create_user):
    colleague = create_user("social_worker", name="Ilse Peeters")
    post = services.add_post(people["writer"], routed, f"Zie @{colleague.handle} hierover.")
    threads.edit_post(
        people["writer"],
        post,
        f"Zie @{colleague.handle} en @{people['coordinator'].handle}.",
        version=1,
    )
    assert kinds(session, colleague).count("thread.mention") == 1
    assert kinds(session, people["coordinator"]).count("thread.mention") == 1


def test_a_sector_mention_notifies_its_policy_owners(session, routed, people):
    services.add_post(people["writer"], routed, "Kan @huisvesting dit bekijken?")
    assert "thread.mention" in kinds(session, people["housing"])
    assert "thread.mention" not in kinds(session, people["income"])


def test_mention_suggestions_list_only_active_users(session, create_user):
    create_user("case_manager", name="Zoë Actief")
    create_user("case_manager", name="Zoë Weg", active=False)
    names = [s["name"] for s in mentions.suggest("zoë")]
    assert names == ["Zoë Actief"]


def test_muting_a_thread_silences_its_posts(session, routed, people):
    from mdma.threads import reading

    reading.mute(people["writer"], routed.thread)
    services.add_post(people["housing"], routed, "Nieuw bericht.")
    assert "bottleneck.post" not in kinds(session, people["writer"])


def test_a_kind_chosen_daily_waits_for_the_digest(app, session, routed, people, outbox):
    session.commit()  # the routing's own mails go first
    wait_for(lambda: len(outbox) >= 1)
    outbox.clear()
    notifications.choose(people["writer"], "bottleneck.post", "daily")
    services.add_post(people["housing"], routed, "Eerste.")
    services.add_post(people["income"], routed, "Tweede.")
    session.commit()
    assert not [m for m in outbox if m["To"] == people["writer"].email]
    assert digest.send() == 1
    session.commit()
    mail = wait_for(lambda: [m for m in outbox if m["To"] == people["writer"].email])[0]
    text = mail.get_content()
    # One line per object: two posts in one bottleneck are one line, the newest named.
    listed = [line for line in text.splitlines() if line.startswith("- ")]
    assert len(listed) == 1 and listed[0].startswith("- Waarborg te duur: 2 changes")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail["List-Unsubscribe"].startswith("<http://mdma.test/notifications/unsubscribe/")


def test_the_digest_command_sends_nothing_twice_a_day(app, session, routed, people, outbox):
    notifications.choose(people["writer"], "bottleneck.post", "daily")
    services.add_post(people["housing"], routed, "Eerste.")
    session.commit()
    runner = app.test_cli_runner()
    assert "1 digest(s) sent." in runner.invoke(main, ["notifications", "digest"]).output
    services.add_post(people["income"], routed, "Later dezelfde dag.")
    session.commit()
    assert "0 digest(s) sent." in runner.invoke(main, ["notifications", "digest"]).output
    assert digest.send(date.today() + timedelta(days=1)) == 1


def test_the_digest_puts_the_object_changed_last_first(app, session, people):
    older = factories.create_bottleneck(title="Oudere zaak")
    newer = factories.create_bottleneck(title="Nieuwere zaak")
    for bottleneck in (older, newer):
        services.follow(people["writer"], bottleneck)
    notifications.choose(people["writer"], "bottleneck.post", "daily")
    services.add_post(people["housing"], older, "Een.")
    services.add_post(people["housing"], newer, "Twee.")
    services.add_post(people["housing"], newer, "Drie.")
    pending = session.scalars(
        sa.select(Notification).where(Notification.user_id == people["writer"].id)
    ).all()
    with app.test_request_context():
        lines = digest.lines(pending)
    assert [(line["title"], line["count"]) for line in lines] == [
        ("Nieuwere zaak", 2),
        ("Oudere zaak", 1),
    ]


def test_a_mail_at_once_carries_the_unsubscribe_headers(app, session, routed, people, outbox):
    services.add_post(people["housing"], routed, "Meteen.")
    session.commit()
    mail = wait_for(lambda: [m for m in outbox if m["To"] == people["writer"].email])[0]
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/notifications/unsubscribe/" in mail.get_content()


def test_one_click_unsubscribe_works_without_logging_in(app, client, session, people):
    with app.test_request_context():
        token = unsubscribe.token(people["writer"], "bottleneck.post")
    session.commit()
    page = client.get(f"/notifications/unsubscribe/{token}")
    assert page.status_code == 200
    response = client.post(
        f"/notifications/unsubscribe/{token}", data={"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert notifications.delivery_for(people["writer"], "bottleneck.post") == "never"


def test_a_forged_unsubscribe_token_changes_nothing(app, client, session, people):
    with app.test_request_context():
        token = unsubscribe.token(people["writer"], "bottleneck.post")
    session.commit()
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    response = client.post(
        f"/notifications/unsubscribe/{forged}", headers={"Accept-Language": "fr"}
    )
    assert response.status_code == 400
    assert notifications.delivery_for(people["writer"], "bottleneck.post") == "immediately"


def test_settings_page_saves_a_choice_per_kind(client, session, people, login_as):
    login_as(people["writer"])
    response = client.post(
        "/notifications/settings",
        data={"kind-thread.mention": "never", "kind-bottleneck.post": "daily"},
    )
    assert response.status_code == 302
    assert notifications.delivery_for(people["writer"], "thread.mention") == "never"
    assert notifications.delivery_for(people["writer"], "bottleneck.post") == "daily"
