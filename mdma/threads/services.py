"""Thread verbs. The domain that owns a thread decides who may write in it and calls these."""

from flask_babel import gettext as _

from mdma.core.errors import RuleViolation
from mdma.core.logbook import record
from mdma.extensions import db
from mdma.privacy import guard
from mdma.threads import events
from mdma.threads.models import Post, Thread

#: Long enough for a careful answer, short enough to stay a post and not a report.
MAX_POST_LENGTH = 20_000


def open_thread() -> Thread:
    thread = Thread()
    db.session.add(thread)
    db.session.flush()
    return thread


def add_post(actor, thread: Thread, body: str, *, subject=None, confirmed: bool = False) -> Post:
    """Store one post after the privacy guard; `subject` is the object the thread belongs to."""
    body = (body or "").strip()
    if not body:
        raise RuleViolation(_("This field is required."), "body")
    if len(body) > MAX_POST_LENGTH:
        raise RuleViolation(_("At most %(count)d characters.", count=MAX_POST_LENGTH), "body")
    guard.check(actor, body, field="body", confirmed=confirmed, subject=subject)
    post = Post(thread_id=thread.id, author_id=actor.id, body=body)
    db.session.add(post)
    db.session.flush()
    record(actor, "post:added", subject, post=post.id)
    events.post_changed(post, "created")
    return post


def move_posts(source: Thread, target: Thread) -> None:
    """Merging two objects: every post of `source` continues in `target`."""
    for post in list(source.posts):
        post.thread_id = target.id
    db.session.flush()
