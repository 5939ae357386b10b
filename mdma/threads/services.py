"""Thread verbs, actor first. One function per change of a post — `create_post`, `edit_post`,
`delete_post`, `hide_post` — each the one place that change happens (and where live events are
queued). The registration of the thread's kind (`registry`) says who may read and write; the
owning domain's own verb (`ThreadKind.add_post`) wraps `create_post` with its rules.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from mdma.core.errors import AccessDenied, Conflict, RuleViolation
from mdma.core.logbook import record
from mdma.core.time import utcnow
from mdma.extensions import db
from mdma.permissions import Role, allowed, grant
from mdma.privacy import guard
from mdma.threads import events, mentions, reading, registry
from mdma.threads.models import Post, PostRevision, Thread
from mdma.threads.permissions import ThreadPermission

#: Long enough for a careful answer, short enough to stay a post and not a report.
MAX_POST_LENGTH = 20_000
MAX_REASON_LENGTH = 2_000

grant({Role.COORDINATOR: {ThreadPermission.MODERATE}})

WITHDRAWN = _l("This post is no longer available.")


def open_thread(kind: str, subject_id: int) -> Thread:
    thread = Thread(subject_type=kind, subject_id=subject_id)
    db.session.add(thread)
    db.session.flush()
    return thread


def _clean_body(actor, body: str, subject, confirmed: bool) -> str:
    body = (body or "").strip()
    if not body:
        raise RuleViolation(_("This field is required."), "body")
    if len(body) > MAX_POST_LENGTH:
        raise RuleViolation(_("At most %(count)d characters.", count=MAX_POST_LENGTH), "body")
    guard.check(actor, body, field="body", confirmed=confirmed, subject=subject)
    return body


def require_read(actor, thread: Thread) -> None:
    if not registry.may_read(actor, thread):
        raise AccessDenied()


def create_post(
    actor,
    thread: Thread,
    body: str,
    *,
    reply_to: Post | None = None,
    answer_sector=None,
    confirmed: bool = False,
) -> Post:
    """Store one post after the privacy guard. The kind's `may_write` is checked here; the
    owning domain's verb adds its own rules and reactions around this call."""
    subject = registry.subject_of(thread)
    if subject is None or not registry.may_write(actor, thread):
        raise AccessDenied(_("You cannot write in this discussion."))
    if reply_to is not None and reply_to.thread_id != thread.id:
        raise RuleViolation(_("Reply to a post of this discussion."), "reply_to")
    body = _clean_body(actor, body, subject, confirmed)
    post = Post(
        thread_id=thread.id,
        author_id=actor.id,
        body=body,
        reply_to_id=getattr(reply_to, "id", None),
        answer_sector_id=getattr(answer_sector, "id", None),
    )
    db.session.add(post)
    db.session.flush()
    record(actor, "post:added", subject, post=post.id)
    mentions.notify_new(actor, thread, post)
    reading.mark_read(actor, thread, post.id)
    events.post_changed(post, "created")
    return post


def may_edit(actor, post: Post) -> bool:
    return post.author_id == actor.id and not post.is_withdrawn


def edit_post(actor, post: Post, body: str, *, version: int, confirmed: bool = False) -> Post:
    """Its author changes a post; the version it replaces is kept. An edit made on an older
    `version` is refused with 409 (the caller shows the current one)."""
    if not may_edit(actor, post):
        raise AccessDenied(_("Only its author can edit a post."))
    if version != post.version:
        raise Conflict(_("This post was changed in the meantime; here is its current version."))
    thread = post.thread
    body = _clean_body(actor, body, registry.subject_of(thread), confirmed)
    if body == post.body:
        return post
    db.session.add(
        PostRevision(
            post_id=post.id,
            number=post.version,
            body=post.body,
            author_id=post.editor_id or post.author_id,
            written_at=post.edited_at or post.created_at,
        )
    )
    post.body = body
    post.edited_at, post.editor_id = utcnow(), actor.id
    db.session.flush()
    record(actor, "post:edited", registry.subject_of(thread), post=post.id, version=post.version)
    mentions.notify_new(actor, thread, post)
    events.post_changed(post, "edited")
    return post


def delete_post(actor, post: Post) -> Post:
    """Its author withdraws a post: a placeholder stays, so replies keep their place."""
    if post.author_id != actor.id:
        raise AccessDenied(_("Only its author can delete a post."))
    if post.deleted_at is None:
        post.deleted_at = utcnow()
        db.session.flush()
        record(actor, "post:deleted", registry.subject_of(post.thread), post=post.id)
        events.post_changed(post, "deleted")
    return post


def hide_post(actor, post: Post, reason: str, *, confirmed: bool = False) -> Post:
    """A coordinator hides a post with a reason; its earlier versions are withheld too."""
    if not allowed(actor, ThreadPermission.MODERATE):
        raise AccessDenied(_("Only a coordinator can hide a post."))
    reason = (reason or "").strip()
    if not reason:
        raise RuleViolation(_("Say why the post is hidden."), "reason")
    if len(reason) > MAX_REASON_LENGTH:
        raise RuleViolation(_("At most %(count)d characters.", count=MAX_REASON_LENGTH), "reason")
    if post.hidden_at is not None:
        raise Conflict(_("This post is hidden already."))
    guard.check(actor, reason, field="reason", confirmed=confirmed)
    now = utcnow()
    post.hidden_at, post.hidden_by_id, post.hidden_reason = now, actor.id, reason
    db.session.query(PostRevision).filter(
        PostRevision.post_id == post.id, PostRevision.withheld_at.is_(None)
    ).update({"withheld_at": now}, synchronize_session=False)
    db.session.flush()
    record(actor, "post:hidden", registry.subject_of(post.thread), post=post.id)
    events.post_changed(post, "hidden")
    return post


def move_posts(source: Thread, target: Thread) -> None:
    """Merging two objects: every post of `source` continues in `target`."""
    for post in list(source.posts):
        post.thread_id = target.id
    db.session.flush()
