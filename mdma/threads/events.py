"""Live threads: the room of a thread, who may join it, and the change notices of posts.

Who may watch a thread live is who may read it: the kind's registration (`registry.may_read`)
is the one check of the room, of the thread's pages and of what a live page fetches.
"""

from mdma.core import live
from mdma.extensions import db
from mdma.threads import registry
from mdma.threads.models import Thread


def thread_room(thread_id: int) -> str:
    return f"thread:{thread_id}"


def may_read(actor, thread_id: int) -> bool:
    thread = db.session.get(Thread, thread_id)
    return thread is not None and registry.may_read(actor, thread)


def _may_join(actor, key: str) -> bool:
    return key.isdigit() and may_read(actor, int(key))


live.room_kind("thread", _may_join)


def post_changed(post, op: str) -> None:
    """Queue the notice of a written, edited, hidden or deleted post for its thread's room."""
    live.publish("post", op, post.id, post.version, room=thread_room(post.thread_id))
