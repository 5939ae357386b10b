"""A thread belongs to one object of a higher floor (which holds its `thread_id`); posts are
Markdown written by professionals, checked by the privacy guard before they are stored."""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mdma.accounts.models import User
from mdma.core.models import Timestamped
from mdma.core.time import utcnow
from mdma.extensions import db
from mdma.privacy.registry import stored_text


class Thread(db.Model):
    __tablename__ = "threads"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)

    posts: Mapped[list["Post"]] = relationship(
        back_populates="thread", order_by="Post.created_at, Post.id", lazy="select"
    )


class Post(Timestamped, db.Model):
    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(sa.ForeignKey("threads.id"), nullable=False, index=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), nullable=False, index=True)
    body: Mapped[str] = mapped_column(sa.Text, nullable=False)
    version: Mapped[int] = mapped_column(nullable=False, default=1)

    thread: Mapped[Thread] = relationship(back_populates="posts")
    author: Mapped[User] = relationship(lazy="joined")

    __mapper_args__ = {"version_id_col": version}


#: Where a thread is read: each domain that owns threads adds a lookup (thread id → its page's
#: address, or None when the thread is not its own). The first that knows the thread answers.
thread_pages: list = []


def post_page(post: Post) -> str | None:
    for page in thread_pages:
        address = page(post.thread_id)
        if address:
            return f"{address}#post-{post.id}"
    return None


stored_text("post.body", Post, "body", post_page, _l("Post in a thread"))
