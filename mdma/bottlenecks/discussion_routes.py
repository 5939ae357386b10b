"""Pages of taking part in a bottleneck's discussion: a post (a routed sector's first answer
is a post too) and following it. They share the bottleneck pages' blueprint (`routes.bp`)."""

from flask import request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mdma.bottlenecks import services
from mdma.bottlenecks.forms import PostForm
from mdma.bottlenecks.routes import bp, detail_page, load
from mdma.core.forms import act
from mdma.permissions import Permission, requires
from mdma.threads.routes import submit_post


@bp.route("/<int:bottleneck_id>/posts", methods=["POST"])
@requires(Permission.BOTTLENECK_DISCUSS)
def add_post(bottleneck_id):
    bottleneck = load(bottleneck_id)
    form = PostForm()
    done = submit_post(
        form,
        lambda body, **options: services.add_post(
            current_user, bottleneck, body, as_answer=form.as_answer.data == "1", **options
        ),
        page=url_for("bottlenecks.detail", bottleneck_id=bottleneck.id),
    )
    return done or detail_page(bottleneck, post_form=form)


@bp.route("/<int:bottleneck_id>/follow", methods=["POST"])
@requires(Permission.BOTTLENECK_READ)
def follow(bottleneck_id):
    bottleneck = load(bottleneck_id)
    start = request.form.get("follow") == "1"
    return act(
        lambda: (services.follow if start else services.unfollow)(current_user, bottleneck),
        success=_("You follow this bottleneck.") if start else _("You no longer follow it."),
        redirect_to=url_for("bottlenecks.detail", bottleneck_id=bottleneck.id),
    )
