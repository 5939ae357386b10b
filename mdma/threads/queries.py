"""The read side of threads: a thread as one page shows it, in a fixed number of queries
whatever its length (posts come with their authors, replies and sectors; bodies are stored
HTML), versions and their differences, the moderation log."""

import difflib
import re
from dataclasses import dataclass, field
from functools import cached_property

import sqlalchemy as sa
from flask import url_for
from flask_babel import get_locale
from markupsafe import Markup, escape
from sqlalchemy import orm

from mdma.accounts.models import User
from mdma.directory.models import Sector
from mdma.extensions import db
from mdma.permissions import allowed
from mdma.threads import reading, registry
from mdma.threads.models import Post, PostRevision, Thread
from mdma.threads.permissions import ThreadPermission


@dataclass
class Discussion:
    """One thread for one reader: its posts, where the unread part starts, what they may do."""

    thread: Thread
    posts: list[Post]
    #: The newest post this reader was shown before this visit (None: their first visit).
    last_read: int | None
    may_write: bool
    may_answer: bool
    may_moderate: bool
    muted: bool
    reader_id: int
    counts: dict = field(default_factory=dict)

    @cached_property
    def first_unread(self) -> Post | None:
        if self.last_read is None:
            return None
        return next(
            (p for p in self.posts if p.id > self.last_read and p.author_id != self.reader_id),
            None,
        )

    @cached_property
    def first_unread_id(self) -> int | None:
        return self.first_unread.id if self.first_unread else None

    @cached_property
    def unread(self) -> int:
        first = self.first_unread
        return 0 if first is None else sum(1 for p in self.posts if p.id >= first.id)


def posts_query(thread_id: int) -> sa.Select:
    """A thread's posts in the order they were written, each with what its line shows."""
    return (
        sa.select(Post)
        .where(Post.thread_id == thread_id)
        .options(
            orm.selectinload(Post.reply_to).load_only(
                Post.id, Post.author_id, Post.deleted_at, Post.hidden_at
            ),
            orm.joinedload(Post.answer_sector),
        )
        .order_by(Post.created_at, Post.id)
    )


def lines_query(thread_id: int) -> sa.Select:
    """What a thread page shows of each post, as plain rows (no objects to build: a page of
    500 posts stays quick): the stored HTML, the author, the sector it answers for."""
    language = str(get_locale() or "nl")[:2]
    local_name = getattr(Sector, f"name_{language}", Sector.name_nl)
    return (
        sa.select(
            Post.id,
            Post.thread_id,
            Post.author_id,
            User.name.label("author_name"),
            User.handle.label("author_handle"),
            Post.created_at,
            Post.edited_at,
            Post.version,
            Post.body_html,
            Post.reply_to_id,
            Post.deleted_at,
            Post.hidden_at,
            Post.hidden_reason,
            Post.answer_sector_id,
            sa.func.coalesce(sa.func.nullif(local_name, ""), Sector.name_nl).label(
                "answer_sector_name"
            ),
        )
        .join(User, User.id == Post.author_id)
        .outerjoin(Sector, Sector.id == Post.answer_sector_id)
        .where(Post.thread_id == thread_id)
        .order_by(Post.created_at, Post.id)
    )


def discussion(reader, thread: Thread, only: int | None = None, since=None) -> Discussion:
    """The thread for one reader (`only`: one post of it; `since`: the posts written or changed
    since then — what a live page fetches)."""
    query = lines_query(thread.id)
    if only is not None:
        query = query.where(Post.id == only)
    if since is not None:
        query = query.where(Post.updated_at >= since)
    posts = list(db.session.execute(query))
    return Discussion(
        thread=thread,
        posts=posts,
        last_read=reading.last_read(reader, thread),
        may_write=registry.may_write(reader, thread),
        may_answer=registry.may_answer(reader, thread),
        may_moderate=allowed(reader, ThreadPermission.MODERATE),
        muted=reading.is_muted(reader, thread),
        reader_id=reader.id,
    )


def reply_or_quote(thread: Thread | None, args) -> dict:
    """What `?reply_to=` and `?quote=` (a post's links, without JavaScript) put in the form:
    the post replied to, and for a quote its text as a Markdown quote that links back."""
    number = args.get("quote", type=int) or args.get("reply_to", type=int)
    quoted = db.session.get(Post, number) if number and thread is not None else None
    if quoted is None or quoted.thread_id != thread.id or quoted.is_withdrawn:
        return {}
    if "quote" not in args:
        return {"reply_to": quoted.id}
    lines = "\n".join(f"> {line}" for line in quoted.body.splitlines())
    link = url_for("threads.post", post_id=quoted.id)
    return {"reply_to": quoted.id, "body": f"{lines}\n>\n> — [@{quoted.author.handle}]({link})\n\n"}


def shown_revisions(post: Post) -> list[PostRevision]:
    """The earlier versions anyone who reads the thread may see: none of a withdrawn post,
    none a coordinator redacted or hid; oldest first."""
    if post.is_withdrawn:
        return []
    return list(
        db.session.scalars(
            sa.select(PostRevision)
            .where(PostRevision.post_id == post.id, PostRevision.withheld_at.is_(None))
            .order_by(PostRevision.number)
        )
    )


@dataclass(frozen=True)
class Version:
    number: int
    author: object
    at: object
    body: str
    diff: Markup


_WORDS = re.compile(r"\s+|[^\s]+")


def diff(before: str, after: str) -> Markup:
    """The change from `before` to `after`, word by word: removed words in <del>, added in <ins>."""
    old, new = _WORDS.findall(before), _WORDS.findall(after)
    pieces = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, old, new, autojunk=False
    ).get_opcodes():
        if tag in ("replace", "delete"):
            pieces.append(Markup("<del>{}</del>").format("".join(old[i1:i2])))
        if tag in ("replace", "insert"):
            pieces.append(Markup("<ins>{}</ins>").format("".join(new[j1:j2])))
        if tag == "equal":
            pieces.append(escape("".join(old[i1:i2])))
    return Markup("").join(pieces)


def history(post: Post) -> list[Version]:
    """Every version still shown, the current one last, each with its difference from the
    version shown before it."""
    shown = [(r.number, r.author, r.written_at, r.body) for r in shown_revisions(post)]
    if not post.is_withdrawn:
        current_author = post.editor or post.author
        shown.append((post.version, current_author, post.edited_at or post.created_at, post.body))
    versions, before = [], ""
    for number, author, at, body in shown:
        versions.append(Version(number, author, at, body, diff(before, body)))
        before = body
    return versions


def moderation_log(limit: int = 200) -> list[Post]:
    """Hidden posts, the most recent first: who hid which post, when and why."""
    return list(
        db.session.scalars(
            sa.select(Post)
            .where(Post.hidden_at.is_not(None))
            .options(orm.joinedload(Post.hidden_by), orm.joinedload(Post.thread))
            .order_by(Post.hidden_at.desc())
            .limit(limit)
        ).unique()
    )
