"""Which objects have a thread, and who may read and write in it: each owning domain registers
its kind once, and threads asks that registration.

    register(
        "bottlenecks", Bottleneck,
        may_read=lambda user, b: ...,   # an object predicate: who reads the thread
        may_write=lambda user, b: ...,  # who posts in it (now)
        page=lambda b: "/bottlenecks/7",  # where the thread is shown
        title=lambda b: b.title,          # how digests and notifications name it
        add_post=services.add_post,       # the domain's verb of posting (answers, notices)
    )

`may_read(user, thread)` is the one check of pages, API and live rooms.
"""

from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from mdma.extensions import db
from mdma.threads.models import Thread


@dataclass(frozen=True)
class ThreadKind:
    name: str
    model: type
    may_read: Callable[[object, object], bool]
    may_write: Callable[[object, object], bool]
    page: Callable[[object], str]
    title: Callable[[object], str]
    #: (actor, subject, body, *, reply_to, as_answer, confirmed) -> Post
    add_post: Callable | None = None
    #: Who may mark a post as their sector's answer on this object (none by default).
    may_answer: Callable[[object, object], bool] = lambda user, subject: False


KINDS: dict[str, ThreadKind] = {}


def register(name: str, model: type, **parts) -> ThreadKind:
    """Declare a kind of object with a thread; a second call replaces the first."""
    KINDS[name] = ThreadKind(name, model, **parts)
    return KINDS[name]


def kind_of(thread: Thread) -> ThreadKind | None:
    return KINDS.get(thread.subject_type)


def subject_of(thread: Thread):
    """The object the thread belongs to, or None when its kind is unknown or it is gone."""
    kind = kind_of(thread)
    return None if kind is None else db.session.get(kind.model, thread.subject_id)


def may_read(user, thread: Thread) -> bool:
    """Whether `user` may read `thread` (and join its live room)."""
    kind, subject = kind_of(thread), subject_of(thread)
    return subject is not None and bool(kind.may_read(user, subject))


def may_write(user, thread: Thread) -> bool:
    kind, subject = kind_of(thread), subject_of(thread)
    return subject is not None and bool(kind.may_write(user, subject))


def may_answer(user, thread: Thread) -> bool:
    kind, subject = kind_of(thread), subject_of(thread)
    return subject is not None and bool(kind.may_answer(user, subject))


def page_of(thread: Thread) -> str | None:
    kind, subject = kind_of(thread), subject_of(thread)
    return None if subject is None else kind.page(subject)


def title_of(thread: Thread) -> str:
    kind, subject = kind_of(thread), subject_of(thread)
    return "" if subject is None else kind.title(subject)


def page_of_thread_id(thread_id: int) -> str | None:
    thread = db.session.get(Thread, thread_id)
    return None if thread is None else page_of(thread)


def thread_of(kind: str, subject_id: int) -> Thread | None:
    return db.session.scalar(
        sa.select(Thread).where(Thread.subject_type == kind, Thread.subject_id == subject_id)
    )
