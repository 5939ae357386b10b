"""What a live page asks after a change notice: one post, or the posts changed since it last
looked, rendered as on the thread's own page and only for whoever may read the thread."""

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from mdma.core.time import utcnow
from mdma.extensions import db
from mdma.permissions import Permission, requires
from mdma.threads.events import may_read
from mdma.threads.models import Post

bp = Blueprint("threads_live", __name__, url_prefix="/threads")

#: A write can commit a while after the time it stamped; asking a little further back than the
#: page's last look keeps such a post from falling between two looks (the page skips the
#: versions it has).
COMMIT_LAG = timedelta(seconds=60)


def _readable(thread_id: int) -> None:
    if not may_read(current_user, thread_id):
        abort(404)


@bp.route("/<int:thread_id>/posts/<int:post_id>")
@requires(Permission.PROFILE_MANAGE)
def post(thread_id, post_id):
    _readable(thread_id)
    found = db.session.get(Post, post_id)
    if found is None or found.thread_id != thread_id:
        abort(404)
    return render_template("threads/_post.html", post=found)


@bp.route("/<int:thread_id>/posts")
@requires(Permission.PROFILE_MANAGE)
def changed_since(thread_id):
    """`?since=<cursor>`: the posts written or changed since then, and the next cursor."""
    _readable(thread_id)
    looked_at = utcnow()
    query = sa.select(Post).where(Post.thread_id == thread_id).order_by(Post.created_at, Post.id)
    since = request.args.get("since")
    if since:
        try:
            query = query.where(Post.updated_at >= datetime.fromisoformat(since) - COMMIT_LAG)
        except ValueError:
            abort(400)
    posts = db.session.scalars(query).all()
    return render_template("threads/changed.html", posts=posts, cursor=looked_at.isoformat())
