"""What a live page asks after a change notice: one post, or the posts changed since it last
looked, rendered by the thread page's own macro and only for whoever may read the thread."""

from datetime import UTC, datetime, timedelta

from flask import Blueprint, abort, render_template, request
from flask_login import current_user

from mdma.core.time import utcnow
from mdma.extensions import db
from mdma.permissions import Permission, requires
from mdma.threads import queries, registry
from mdma.threads.models import Thread

bp = Blueprint("threads_live", __name__, url_prefix="/threads")

#: A write can commit a while after the time it stamped; asking a little further back than the
#: page's last look keeps such a post from falling between two looks (the page skips the
#: versions it has).
COMMIT_LAG = timedelta(seconds=60)


def _readable(thread_id: int) -> Thread:
    thread = db.session.get(Thread, thread_id)
    if thread is None or not registry.may_read(current_user, thread):
        abort(404)
    return thread


@bp.route("/<int:thread_id>/posts/<int:post_id>")
@requires(Permission.PROFILE_MANAGE)
def post(thread_id, post_id):
    view = queries.discussion(current_user, _readable(thread_id), only=post_id)
    if not view.posts:
        abort(404)
    return render_template("threads/fragment.html", post=view.posts[0], discussion=view)


@bp.route("/<int:thread_id>/posts")
@requires(Permission.PROFILE_MANAGE)
def changed_since(thread_id):
    """`?since=<cursor>`: the posts written or changed since then, and the next cursor."""
    thread = _readable(thread_id)
    looked_at = utcnow()
    since = None
    if request.args.get("since"):
        try:
            since = datetime.fromisoformat(request.args["since"])
        except ValueError:
            abort(400)
        if since.tzinfo is not None:
            since = since.astimezone(UTC).replace(tzinfo=None)
        since -= COMMIT_LAG
    view = queries.discussion(current_user, thread, since=since)
    return render_template("threads/changed.html", discussion=view, cursor=looked_at.isoformat())
