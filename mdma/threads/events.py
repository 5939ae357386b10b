"""Live threads: the room of a thread, who may join it, and the change notices of posts.

Who may watch a thread live is who may read it: `may_read` is the one check of the room and of
the pages that send a post's rendering to a live page (`fragments`).
"""

from collections.abc import Callable

from mdma.core import live

#: Each domain that owns threads adds a check (actor, thread id) → True or False for its own
#: threads, None for threads that are not its own. The first that knows the thread answers.
readers: list[Callable[[object, int], bool | None]] = []


def thread_room(thread_id: int) -> str:
    return f"thread:{thread_id}"


def may_read(actor, thread_id: int) -> bool:
    for check in readers:
        answer = check(actor, thread_id)
        if answer is not None:
            return bool(answer)
    return False


def _may_join(actor, key: str) -> bool:
    return key.isdigit() and may_read(actor, int(key))


live.room_kind("thread", _may_join)


def post_changed(post, op: str) -> None:
    """Queue the notice of a written, edited, hidden or deleted post for its thread's room."""
    live.publish("post", op, post.id, post.version, room=thread_room(post.thread_id))
