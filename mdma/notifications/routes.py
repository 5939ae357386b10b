"""The notification centre: what happened to what you follow, newest first."""

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mdma.core.forms import act
from mdma.extensions import db
from mdma.notifications import services
from mdma.notifications.models import Notification
from mdma.permissions import Permission, requires

bp = Blueprint("notifications", __name__)


@bp.route("/notifications")
@requires(Permission.PROFILE_MANAGE)
def index():
    items = [(n, services.message(n)) for n in services.recent(current_user)]
    return render_template("notifications/index.html", items=items)


@bp.route("/notifications/unread")
@requires(Permission.PROFILE_MANAGE)
def unread():
    """The bell's count, asked by live pages when a notification arrives."""
    return {"unread": services.unread_count(current_user)}


@bp.route("/notifications/<int:notification_id>", methods=["POST"])
@requires(Permission.PROFILE_MANAGE)
def open_one(notification_id):
    """Mark it read and go where it leads."""
    notification = db.get_or_404(Notification, notification_id)
    if notification.user_id != current_user.id:
        abort(404)
    services.mark_read(current_user, notification)
    db.session.commit()
    return redirect(notification.url)


@bp.route("/notifications/read", methods=["POST"])
@requires(Permission.PROFILE_MANAGE)
def read_all():
    return act(
        lambda: services.mark_read(current_user),
        success=_("All notifications are marked as read."),
        redirect_to=url_for("notifications.index"),
    )
