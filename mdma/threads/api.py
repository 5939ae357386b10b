"""Threads as JSON: a thread, its posts (write, edit with the version check, history, delete,
hide), read marks and muting, the mentions look-up. The same services and checks as the pages:
a thread the caller may not read answers 404."""

from datetime import UTC

from flask import abort
from flask.views import MethodView
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from mdma.api.base import MAX_PAGE_SIZE, PAGE_SIZE, Blueprint, one_commit, page_of, signed_in
from mdma.core.errors import RuleViolation
from mdma.extensions import db
from mdma.permissions import Permission, requires
from mdma.threads import mentions, queries, reading, registry, services
from mdma.threads.models import Post, Thread
from mdma.threads.permissions import ThreadPermission
from mdma.threads.schemas import (
    HideInput,
    MentionQuery,
    MentionSchema,
    MuteInput,
    PostEdit,
    PostInput,
    PostRevisionSchema,
    PostSchema,
    PostsQuery,
    ThreadSchema,
)

blp = Blueprint("threads_api", __name__, "", "Threads: posts, versions, moderation, mentions")


def load_thread(thread_id: int) -> Thread:
    thread = db.session.get(Thread, thread_id)
    if thread is None or not registry.may_read(signed_in(), thread):
        abort(404)
    return thread


def load_post(post_id: int) -> Post:
    post = db.session.get(Post, post_id)
    if post is None:
        abort(404)
    load_thread(post.thread_id)
    return post


def _shown(thread: Thread) -> dict:
    view = queries.discussion(signed_in(), thread)
    return {
        "id": thread.id,
        "subject_type": thread.subject_type,
        "subject_id": thread.subject_id,
        "page": registry.page_of(thread),
        "posts": len(view.posts),
        "unread": view.unread,
        "last_read_post_id": view.last_read,
        "muted": view.muted,
        "may_write": view.may_write,
    }


def _reply_to(post_id: int | None) -> Post | None:
    post = db.session.get(Post, post_id) if post_id else None
    if post_id and post is None:
        raise RuleViolation(_("Reply to a post of this discussion."), "reply_to")
    return post


@blp.route("/threads/<int:thread_id>")
class ThreadById(MethodView):
    @requires(Permission.PROFILE_MANAGE)
    @blp.response(200, ThreadSchema)
    def get(self, thread_id):
        """A thread: its object, how many posts, how many unread, muted or not."""
        return _shown(load_thread(thread_id))


@blp.route("/threads/<int:thread_id>/posts")
class ThreadPosts(MethodView):
    @requires(Permission.PROFILE_MANAGE)
    @blp.arguments(PostsQuery, location="query")
    @blp.response(200, PostSchema(many=True))
    @blp.paginate(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, args, thread_id, pagination_parameters):
        """Its posts, oldest first; `since`: only those written or changed since then (what a
        page fetches after reconnecting)."""
        query = queries.posts_query(load_thread(thread_id).id)
        if args["since"] is not None:
            since = args["since"]
            if since.tzinfo is not None:
                since = since.astimezone(UTC).replace(tzinfo=None)
            query = query.where(Post.updated_at >= since)
        return page_of(query, pagination_parameters)

    @requires(Permission.PROFILE_MANAGE)
    @blp.arguments(PostInput)
    @blp.response(201, PostSchema)
    def post(self, data, thread_id):
        """Post in the thread through its object's own rules (a routed sector's answer, who
        hears of it); `reply_to` names a post of the same thread."""
        actor, thread = signed_in(), load_thread(thread_id)
        kind, subject = registry.kind_of(thread), registry.subject_of(thread)
        with one_commit():
            reply_to = _reply_to(data["reply_to"])
            post = kind.add_post(
                actor,
                subject,
                data["body"],
                reply_to=reply_to,
                as_answer=data["as_answer"],
                confirmed=data["confirmed_not_personal_data"],
            )
        return post


@blp.route("/threads/<int:thread_id>/read")
class ThreadRead(MethodView):
    @requires(Permission.PROFILE_MANAGE)
    @blp.response(204)
    def put(self, thread_id):
        """Mark the thread read up to its newest post."""
        thread = load_thread(thread_id)
        with one_commit():
            reading.mark_read(signed_in(), thread)


@blp.route("/threads/<int:thread_id>/mute")
class ThreadMute(MethodView):
    @requires(Permission.PROFILE_MANAGE)
    @blp.arguments(MuteInput)
    @blp.response(200, ThreadSchema)
    def put(self, data, thread_id):
        """Mute the thread (hear nothing of its posts) or hear of it again."""
        thread = load_thread(thread_id)
        with one_commit():
            (reading.mute if data["muted"] else reading.unmute)(signed_in(), thread)
        return _shown(thread)


@blp.route("/posts/<int:post_id>")
class PostById(MethodView):
    @requires(Permission.PROFILE_MANAGE)
    @blp.response(200, PostSchema)
    def get(self, post_id):
        """One post (a deleted or hidden one without its text)."""
        return load_post(post_id)

    @requires(Permission.PROFILE_MANAGE)
    @blp.arguments(PostEdit)
    @blp.response(200, PostSchema)
    @blp.alt_response(409, description="Changed meanwhile: the error carries the current post")
    def patch(self, data, post_id):
        """Its author edits it; the earlier version is kept. An edit made on an older `version`
        answers 409 with the current post under `error.current`."""
        post = load_post(post_id)
        try:
            with one_commit():
                services.edit_post(
                    signed_in(),
                    post,
                    data["body"],
                    version=data["version"],
                    confirmed=data["confirmed_not_personal_data"],
                )
        except HTTPException as error:
            if error.code == 409:
                db.session.refresh(post)
                error.data["current"] = PostSchema().dump(post)
            raise
        return post

    @requires(Permission.PROFILE_MANAGE)
    @blp.response(200, PostSchema)
    def delete(self, post_id):
        """Its author deletes it; a placeholder stays in its place."""
        post = load_post(post_id)
        with one_commit():
            services.delete_post(signed_in(), post)
        return post


@blp.route("/posts/<int:post_id>/versions")
class PostVersions(MethodView):
    @requires(Permission.PROFILE_MANAGE)
    @blp.response(200, PostRevisionSchema(many=True))
    def get(self, post_id):
        """Its versions still shown, oldest first (none a coordinator redacted or hid)."""
        return queries.history(load_post(post_id))


@blp.route("/posts/<int:post_id>/hide")
class PostHide(MethodView):
    @requires(ThreadPermission.MODERATE)
    @blp.arguments(HideInput)
    @blp.response(200, PostSchema)
    def post(self, data, post_id):
        """A coordinator hides it with a reason (the moderation log)."""
        post = load_post(post_id)
        with one_commit():
            services.hide_post(
                signed_in(), post, data["reason"], confirmed=data["confirmed_not_personal_data"]
            )
        return post


@blp.route("/mentions")
class Mentions(MethodView):
    @requires(Permission.PROFILE_MANAGE)
    @blp.arguments(MentionQuery, location="query")
    @blp.response(200, MentionSchema(many=True))
    def get(self, args):
        """What `@` completes to while typing: active users by handle or name, and sectors."""
        return mentions.suggest(args["q"])
