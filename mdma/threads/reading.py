"""Read state per user per thread ("new since your last visit", the first unread post, unread
counts in lists) and muting."""

import sqlalchemy as sa

from mdma.core.time import utcnow
from mdma.extensions import db
from mdma.threads.models import Post, Thread, ThreadMute, ThreadRead


def last_read(user, thread: Thread) -> int | None:
    """The newest post `user` was shown in `thread`, 0 for none, None for a first visit."""
    return db.session.scalar(
        sa.select(ThreadRead.last_read_post_id).where(
            ThreadRead.user_id == user.id, ThreadRead.thread_id == thread.id
        )
    )


def mark_read(user, thread: Thread, up_to: int | None = None) -> bool:
    """`user` has seen `thread` up to post `up_to` (its newest post when not named); the mark
    never moves back. Whether anything changed: a page seen again writes nothing."""
    if up_to is None:
        up_to = db.session.scalar(
            sa.select(sa.func.coalesce(sa.func.max(Post.id), 0)).where(Post.thread_id == thread.id)
        )
    row = db.session.get(ThreadRead, (user.id, thread.id))
    if row is None:
        db.session.add(ThreadRead(user_id=user.id, thread_id=thread.id, last_read_post_id=up_to))
    elif row.last_read_post_id < up_to:
        row.last_read_post_id, row.visited_at = up_to, utcnow()
    else:
        return False
    db.session.flush()
    return True


def unread_counts(user, thread_ids) -> dict[int, int]:
    """For the threads `user` has visited: how many posts by others came since, in one query."""
    thread_ids = list(thread_ids)
    if not thread_ids:
        return {}
    rows = db.session.execute(
        sa.select(Post.thread_id, sa.func.count(Post.id))
        .join(
            ThreadRead,
            sa.and_(ThreadRead.thread_id == Post.thread_id, ThreadRead.user_id == user.id),
        )
        .where(
            Post.thread_id.in_(thread_ids),
            Post.id > ThreadRead.last_read_post_id,
            Post.author_id != user.id,
            Post.deleted_at.is_(None),
            Post.hidden_at.is_(None),
        )
        .group_by(Post.thread_id)
    )
    return dict(rows.all())


def is_muted(user, thread: Thread) -> bool:
    return db.session.get(ThreadMute, (user.id, thread.id)) is not None


def mute(user, thread: Thread) -> None:
    if not is_muted(user, thread):
        db.session.add(ThreadMute(user_id=user.id, thread_id=thread.id))
        db.session.flush()


def unmute(user, thread: Thread) -> None:
    db.session.execute(
        sa.delete(ThreadMute).where(
            ThreadMute.user_id == user.id, ThreadMute.thread_id == thread.id
        )
    )


def muted_user_ids(thread_id: int) -> set[int]:
    return set(
        db.session.scalars(sa.select(ThreadMute.user_id).where(ThreadMute.thread_id == thread_id))
    )
