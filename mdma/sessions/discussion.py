"""The thread of a session, for its preparation and follow-up: registered with threads once
(`registry.register("sessions", …)`), so that pages, the API and the live room ask the session's
own rules (`states.may_read_thread`, `states.may_write_thread`). Its invitees and registered
people follow it: a post tells them, but its author and whoever muted it."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from mdma.notifications import services as notifications
from mdma.sessions.models import Session
from mdma.sessions.states import may_read_thread, may_write_thread
from mdma.threads import reading, registry
from mdma.threads import services as threads
from mdma.threads.models import Post, Thread

THREAD_KIND = "sessions"

notifications.register(
    "session.post",
    lambda d: _('%(author)s posted in the discussion of "%(title)s".', author=d["author"],
                title=d["title"]),
    label=_l("A post in a session I am invited to"),
)  # fmt: skip


def thread_of(meeting: Session) -> Thread | None:
    return registry.thread_of(THREAD_KIND, meeting.id)


def open_for(meeting: Session) -> Thread:
    """The session's thread, opened when it is planned (once)."""
    return thread_of(meeting) or threads.open_thread(THREAD_KIND, meeting.id)


def followers(meeting: Session) -> list:
    """Who follows the thread: the invitees, the registered and waiting people, the organiser
    and the minute-taker."""
    from mdma.sessions.services import concerned  # the same floor; services imports this module

    people = {user.id: user for user in concerned(meeting)}
    for user in (meeting.organiser, meeting.minute_taker):
        if user is not None:
            people.setdefault(user.id, user)
    return list(people.values())


def add_post(
    actor,
    meeting: Session,
    body: str,
    *,
    reply_to: Post | None = None,
    as_answer: bool = False,
    confirmed: bool = False,
) -> Post:
    """Post in the session's thread (its `may_write_thread` is checked by `create_post`);
    its followers hear of it. A session has no sector's answers: `as_answer` is ignored."""
    thread = open_for(meeting)
    post = threads.create_post(actor, thread, body, reply_to=reply_to, confirmed=confirmed)
    muted = reading.muted_user_ids(thread.id)
    notifications.notify(
        [user for user in followers(meeting) if user.id not in muted and user.id != actor.id],
        "session.post",
        url=f"/sessions/{meeting.id}#post-{post.id}",
        actor=actor,
        title=meeting.title,
        author=actor.name,
    )
    return post


registry.register(
    THREAD_KIND,
    Session,
    may_read=may_read_thread,
    may_write=may_write_thread,
    page=lambda meeting: f"/sessions/{meeting.id}",
    title=lambda meeting: meeting.title,
    add_post=add_post,
)
