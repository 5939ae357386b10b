"""The notification centre: what happened to what you follow, newest first; the e-mail
settings per kind; one-click unsubscribe from a mail, without logging in."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from mdma.accounts.models import MailFrequency, User
from mdma.core.forms import act
from mdma.extensions import csrf, db
from mdma.notifications import services, unsubscribe
from mdma.notifications.models import DELIVERY_LABELS, Delivery, Notification
from mdma.permissions import Permission, public, requires

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


@bp.route("/notifications/settings", methods=["GET", "POST"])
@requires(Permission.PROFILE_MANAGE)
def settings():
    """Per kind of notification: an e-mail at once, in the daily digest, or none."""
    user = current_user._get_current_object()
    form = FlaskForm()
    if form.validate_on_submit():
        for kind in services.MESSAGES:
            chosen = request.form.get(f"kind-{kind}")
            if chosen:
                services.choose(user, kind, chosen)
        db.session.commit()
        flash(_("Your notification settings are saved."), "success")
        return redirect(url_for("notifications.settings"))
    return render_template(
        "notifications/settings.html",
        form=form,
        kinds=[(k, services.LABELS[k], v) for k, v in services.settings_of(user).items()],
        choices=DELIVERY_LABELS,
    )


def _unsubscribe(user: User, kind: str) -> None:
    if kind == unsubscribe.DIGEST:
        for each, delivery in services.settings_of(user).items():
            if delivery == Delivery.DAILY:
                services.choose(user, each, Delivery.NEVER)
        if user.mail_frequency != MailFrequency.IMMEDIATELY:
            user.mail_frequency = MailFrequency.NEVER
    else:
        services.choose(user, kind, Delivery.NEVER)


@bp.route("/notifications/unsubscribe/<token>", methods=["GET", "POST"])
@public
@csrf.exempt
def unsubscribe_by_mail(token):
    """The link of every mail (GET asks, POST does) and the one-click POST of RFC 8058 that
    mail programs send: no log-in, the signed token says who and what."""
    found = unsubscribe.read(token)
    user = db.session.get(User, found[0]) if found else None
    kind = found[1] if found else None
    if user is None or (kind != unsubscribe.DIGEST and kind not in services.MESSAGES):
        return render_template("notifications/unsubscribe.html", invalid=True), 400
    label = services.LABELS.get(kind) if kind != unsubscribe.DIGEST else None
    if request.method == "POST":
        _unsubscribe(user, kind)
        db.session.commit()
        return render_template("notifications/unsubscribe.html", done=True, label=label)
    return render_template("notifications/unsubscribe.html", token=token, label=label)
