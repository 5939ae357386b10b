"""The thread of a session: opened when it is planned, posted in from the page and the API,
followed by its invitees and registered people, live through the thread's room."""

import sqlalchemy as sa

from mdma.extensions import db
from mdma.notifications.models import Notification
from mdma.sessions import discussion, registrations
from mdma.threads import reading
from mdma.threads.events import thread_room
from mdma.threads.models import Post
from tests.core.test_live import changes, connect, join  # noqa: F401 (the fixture)
from tests.sessions.conftest import plan_session


def _told(user, kind="session.post") -> list[Notification]:
    return list(
        db.session.scalars(
            sa.select(Notification).where(Notification.user_id == user.id,
                                          Notification.kind == kind)
        )
    )  # fmt: skip


def test_a_planned_session_has_its_thread(session, coordinator):
    meeting = plan_session(coordinator)
    thread = discussion.thread_of(meeting)
    assert thread is not None and thread.subject_type == "sessions"
    assert discussion.open_for(meeting).id == thread.id


def test_an_invitee_posts_on_the_page_and_the_others_concerned_hear_of_it(
    client, session, coordinator, create_user, login_as
):
    invitee, other, muted = (create_user("policy_owner") for _ in range(3))
    registered = create_user("case_manager")
    meeting = plan_session(coordinator, code="lunch_talk", people=[invitee, other, muted])
    registrations.register(registered, meeting)
    reading.mute(muted, discussion.thread_of(meeting))
    session.commit()
    login_as(invitee)

    answer = client.post(f"/sessions/{meeting.id}/posts", data={"body": "Wie brengt de cijfers?"})

    assert answer.status_code == 302 and "#post-" in answer.location
    post = db.session.scalar(sa.select(Post).where(Post.author_id == invitee.id))
    assert post.thread_id == discussion.thread_of(meeting).id
    assert _told(other) and _told(registered) and _told(coordinator)
    assert not _told(invitee) and not _told(muted)
    page = client.get(f"/sessions/{meeting.id}").get_data(as_text=True)
    assert "Wie brengt de cijfers?" in page and 'id="post-form"' in page


def test_a_bystander_reads_the_thread_but_may_not_post(
    client, session, coordinator, create_user, login_as
):
    meeting = plan_session(coordinator)  # a deep-dive: by invitation
    bystander = create_user("case_manager", language="en")
    session.commit()
    login_as(bystander)

    page = client.get(f"/sessions/{meeting.id}").get_data(as_text=True)
    assert 'id="thread-heading"' in page and 'id="post-form"' not in page
    answer = client.post(f"/sessions/{meeting.id}/posts", data={"body": "Mag ik meedoen?"})
    assert answer.status_code in (403, 200)
    assert db.session.scalar(sa.select(sa.func.count(Post.id))) == 0


def test_an_empty_post_is_refused_in_the_users_language_and_stores_nothing(
    client, session, coordinator, login_as
):
    meeting = plan_session(coordinator)
    session.commit()
    login_as(coordinator)
    answer = client.post(f"/sessions/{meeting.id}/posts", data={"body": "  "})
    assert answer.status_code == 422 or "required" in answer.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Post.id))) == 0


def test_the_generic_threads_api_posts_through_the_sessions_verb(
    call, session, coordinator, create_user
):
    invitee = create_user("policy_owner")
    meeting = plan_session(coordinator, people=[invitee])
    thread = discussion.thread_of(meeting)

    answer = call("POST", f"/api/v1/threads/{thread.id}/posts", invitee,
                  json={"body": "Agenda voorstel: wonen"})  # fmt: skip

    assert answer.status_code == 201, answer.get_json()
    assert _told(coordinator)
    refused = call("POST", f"/api/v1/threads/{thread.id}/posts", create_user("researcher"),
                   json={"body": "Ik ook"})  # fmt: skip
    assert refused.status_code == 403


def test_an_invitee_follows_the_session_thread_live(connect, session, coordinator, create_user):  # noqa: F811
    invitee = create_user("policy_owner")
    meeting = plan_session(coordinator, people=[invitee])
    room = thread_room(discussion.thread_of(meeting).id)
    session.commit()
    socket, _http = connect(invitee)

    assert join(socket, room) == {"ok": True}
    discussion.add_post(coordinator, meeting, "De zaal is geboekt.")
    db.session.commit()
    assert [c["op"] for c in changes(socket) if c["type"] == "post"] == ["created"]


def test_the_live_thread_asks_for_posts_since_a_moment_in_utc(
    client, session, coordinator, login_as
):
    """Posts keep naive UTC times: the page's starting point for live updates is UTC too."""
    from datetime import datetime

    from mdma.core.time import utcnow

    meeting = plan_session(coordinator)
    session.commit()
    login_as(coordinator)
    before = utcnow()
    page = client.get(f"/sessions/{meeting.id}").get_data(as_text=True)
    since = page.split('data-live-since="', 1)[1].split('"', 1)[0]
    assert abs((datetime.fromisoformat(since) - before).total_seconds()) < 60
