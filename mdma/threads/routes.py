"""Thread pages: one post (its address; what live pages fetch is in `live_routes`), editing with the version
check, the history of its versions, deletion by its author, hiding by a coordinator, muting a
thread, the moderation log. The thread itself is shown on its object's page."""

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from mdma.core.forms import act, confirmed_not_personal, submit
from mdma.extensions import db
from mdma.permissions import Permission, requires
from mdma.threads import queries, reading, registry, services
from mdma.threads.forms import EditPostForm, HideForm, PostForm
from mdma.threads.models import Post, Thread
from mdma.threads.permissions import ThreadPermission

bp = Blueprint("threads", __name__, url_prefix="/threads")


@bp.app_template_global()
def thread_strings() -> dict:
    """What every post of a thread page shows alike, made once per page."""
    return {
        "new": _("New since your last visit"),
        "edited": _("edited"),
        "reply_to": _("In reply to post"),
        "deleted": _("Deleted by its author."),
        "reply": _("Reply"),
        "quote": _("Quote"),
        "edit": _("Edit"),
        "delete": _("Delete"),
        "hide": _("Hide"),
        "posts": url_for("threads.post", post_id=0)[:-1],
        "csrf": generate_csrf(),
    }


def _reader():
    return current_user._get_current_object()


def load_thread(thread_id: int) -> Thread:
    """A thread this user may read, or 404 (as if it did not exist)."""
    thread = db.get_or_404(Thread, thread_id)
    if not registry.may_read(_reader(), thread):
        abort(404)
    return thread


def load_post(post_id: int) -> Post:
    post = db.get_or_404(Post, post_id)
    load_thread(post.thread_id)
    return post


def post_address(post: Post) -> str:
    return f"{registry.page_of(post.thread)}#post-{post.id}"


def submit_post(form: PostForm, add, *, page: str):
    """A page's posting route: `add(body, reply_to=…, confirmed=…)` posts in that page's thread.
    The response goes to the new post on `page`; None shows the page again with the form."""
    reply_to = db.session.get(Post, form.reply_to.data) if form.reply_to.data else None
    return submit(
        form,
        lambda: add(
            form.body.data, reply_to=reply_to, confirmed=confirmed_not_personal(form, "body")
        ),
        success=_("Your contribution has been posted."),
        redirect_to=lambda post: f"{page}#post-{post.id}",
    )


@bp.route("/posts/<int:post_id>")
@requires(Permission.PROFILE_MANAGE)
def post(post_id):
    """Where a post is read: its object's page, at the post."""
    return redirect(post_address(load_post(post_id)))


@bp.route("/posts/<int:post_id>/edit", methods=["GET", "POST"])
@requires(Permission.PROFILE_MANAGE)
def edit(post_id):
    post = load_post(post_id)
    if not services.may_edit(_reader(), post):
        abort(403)
    form = EditPostForm(obj=post if request.method == "GET" else None)
    done = submit(
        form,
        lambda: services.edit_post(
            _reader(),
            post,
            form.body.data,
            version=form.version.data,
            confirmed=confirmed_not_personal(form, "body"),
        ),
        success=_("Your post has been changed."),
        redirect_to=lambda changed: post_address(changed),
    )
    if done:
        return done
    if g.get("refusal_status") == 409:
        db.session.refresh(post)
        form.version.data = post.version
    return render_template("threads/edit.html", form=form, post=post), g.get("refusal_status", 200)


@bp.route("/posts/<int:post_id>/history")
@requires(Permission.PROFILE_MANAGE)
def history(post_id):
    post = load_post(post_id)
    return render_template(
        "threads/history.html", post=post, versions=queries.history(post), back=post_address(post)
    )


@bp.route("/posts/<int:post_id>/delete", methods=["POST"])
@requires(Permission.PROFILE_MANAGE)
def delete(post_id):
    post = load_post(post_id)
    return act(
        lambda: services.delete_post(_reader(), post),
        success=_("Your post has been deleted."),
        redirect_to=post_address(post),
    )


@bp.route("/posts/<int:post_id>/hide", methods=["GET", "POST"])
@requires(ThreadPermission.MODERATE)
def hide(post_id):
    post = load_post(post_id)
    form = HideForm()
    done = submit(
        form,
        lambda: services.hide_post(
            _reader(), post, form.reason.data, confirmed=confirmed_not_personal(form, "reason")
        ),
        success=_("The post is hidden."),
        redirect_to=lambda hidden: post_address(hidden),
    )
    status = g.get("refusal_status", 200)
    return done or (render_template("threads/hide.html", form=form, post=post), status)


@bp.route("/<int:thread_id>/mute", methods=["POST"])
@requires(Permission.PROFILE_MANAGE)
def mute(thread_id):
    thread = load_thread(thread_id)
    muting = request.form.get("mute") != "0"
    return act(
        lambda: (reading.mute if muting else reading.unmute)(_reader(), thread),
        success=_("You hear nothing more of this discussion.")
        if muting
        else _("You hear of this discussion again."),
        redirect_to=registry.page_of(thread),
    )


@bp.route("/moderation")
@requires(ThreadPermission.MODERATE)
def moderation():
    posts = queries.moderation_log()
    return render_template(
        "threads/moderation.html",
        entries=[(p, registry.page_of(p.thread)) for p in posts],
    )
