"""A thread belongs to one object of a higher floor, named by kind and id (`subject_type`,
`subject_id`); the kind's registration (`registry`) says who may read and write in it. Posts
are Markdown written by professionals, checked by the privacy guard before they are stored and
rendered once, when written: `body_html` is what pages show."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mdma.accounts.models import User
from mdma.core.markdown import to_html
from mdma.core.models import Timestamped
from mdma.core.time import utcnow
from mdma.directory.models import Sector
from mdma.extensions import db
from mdma.privacy.registry import stored_text


class Thread(db.Model):
    __tablename__ = "threads"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The kind of object that owns the thread (its registration's name, e.g. "bottlenecks").
    subject_type: Mapped[str] = mapped_column(sa.String(40), nullable=False)
    subject_id: Mapped[int] = mapped_column(nullable=False)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)

    posts: Mapped[list["Post"]] = relationship(
        back_populates="thread", order_by="Post.created_at, Post.id", lazy="select"
    )

    __table_args__ = (sa.Index("ix_threads_subject", "subject_type", "subject_id", unique=True),)


class Post(Timestamped, db.Model):
    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(sa.ForeignKey("threads.id"), nullable=False, index=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), nullable=False, index=True)
    #: The Markdown source, and its clean HTML made when it was written (kept in step below).
    body: Mapped[str] = mapped_column(sa.Text, nullable=False)
    body_html: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    #: Counts the edits: an edit made on an older version answers 409.
    version: Mapped[int] = mapped_column(nullable=False, default=1)
    reply_to_id: Mapped[int | None] = mapped_column(sa.ForeignKey("posts.id"))
    edited_at: Mapped[datetime | None] = mapped_column(sa.DateTime)
    editor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    #: Deleted by its author: a placeholder stays, replies keep their place.
    deleted_at: Mapped[datetime | None] = mapped_column(sa.DateTime)
    #: Hidden by a coordinator, with a reason (the moderation log).
    hidden_at: Mapped[datetime | None] = mapped_column(sa.DateTime)
    hidden_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    hidden_reason: Mapped[str | None] = mapped_column(sa.Text)
    #: The sector this post answers for (a policy owner's "answer for my sector").
    answer_sector_id: Mapped[int | None] = mapped_column(sa.ForeignKey("sectors.id"))

    thread: Mapped[Thread] = relationship(back_populates="posts")
    author: Mapped[User] = relationship(foreign_keys=[author_id], lazy="joined")
    editor: Mapped[User | None] = relationship(foreign_keys=[editor_id], lazy="select")
    hidden_by: Mapped[User | None] = relationship(foreign_keys=[hidden_by_id], lazy="select")
    reply_to: Mapped["Post | None"] = relationship(remote_side=[id], lazy="select")
    answer_sector: Mapped[Sector | None] = relationship(lazy="select")

    __mapper_args__ = {"version_id_col": version}

    @property
    def is_withdrawn(self) -> bool:
        """Deleted or hidden: its text is shown to nobody any more."""
        return self.deleted_at is not None or self.hidden_at is not None


@event.listens_for(Post.body, "set")
def _render_once(post, value, _old, _initiator):
    """Every way a body changes (writing, an edit, a coordinator's redaction) renders it."""
    post.body_html = to_html(value)


class PostRevision(db.Model):
    """An earlier version of a post, kept when it was edited: who wrote it, and when."""

    __tablename__ = "post_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(
        sa.ForeignKey("posts.id", ondelete="CASCADE"), nullable=False
    )
    number: Mapped[int] = mapped_column(nullable=False)
    body: Mapped[str] = mapped_column(sa.Text, nullable=False)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), nullable=False)
    written_at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False)
    #: Set when a coordinator redacted or hid it: never shown or exported again.
    withheld_at: Mapped[datetime | None] = mapped_column(sa.DateTime)

    author: Mapped[User] = relationship(lazy="joined")

    __table_args__ = (sa.UniqueConstraint("post_id", "number"),)


@event.listens_for(PostRevision.body, "set")
def _redacted_revision(revision, value, old, _initiator):
    """A coordinator's redaction of an earlier version withholds it for good."""
    if revision.id is not None and isinstance(old, str) and value != old:
        revision.withheld_at = utcnow()


#: Who was notified of a mention in a post: once per post, also when an edit adds a mention.
post_mentions = db.Table(
    "post_mentions",
    sa.Column("post_id", sa.ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class ThreadRead(db.Model):
    """How far one user has read one thread: the newest post they were shown."""

    __tablename__ = "thread_reads"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    thread_id: Mapped[int] = mapped_column(
        sa.ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True
    )
    last_read_post_id: Mapped[int] = mapped_column(nullable=False, default=0)
    visited_at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)


class ThreadMute(db.Model):
    """One user hears nothing more of one thread's posts."""

    __tablename__ = "thread_mutes"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    thread_id: Mapped[int] = mapped_column(
        sa.ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)


#: Where a thread is read, from the kind that owns it (see `registry`).
def post_page(post: Post) -> str | None:
    from mdma.threads import registry

    address = registry.page_of_thread_id(post.thread_id)
    return f"{address}#post-{post.id}" if address else None


def revision_page(revision: PostRevision) -> str | None:
    return f"/threads/posts/{revision.post_id}/history"


stored_text("post.body", Post, "body", post_page, _l("Post in a thread"))
stored_text(
    "post_revision.body", PostRevision, "body", revision_page, _l("Earlier version of a post")
)
