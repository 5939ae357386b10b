"""Calendars: the `.ics` of one session, a person's feed at a secret address (a `webcal://`
link) and the page that makes or revokes that address."""

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mdma.extensions import db
from mdma.permissions import public, requires
from mdma.sessions import calendar, feeds, queries
from mdma.sessions.routes import bp, load
from mdma.sessions.states import SessionPermission

ICS = "text/calendar; charset=utf-8"


@bp.route("/<int:session_id>/calendar.ics")
@requires(SessionPermission.READ)
def ics(session_id):
    meeting = load(session_id)
    return Response(
        calendar.one(meeting),
        mimetype=ICS,
        headers={"Content-Disposition": f'attachment; filename="session-{meeting.id}.ics"'},
    )


@bp.route("/calendar", methods=["GET", "POST"])
@requires(SessionPermission.READ)
def my_calendar():
    """The personal feed's address: shown once when made; a new one revokes the old."""
    address = None
    if request.method == "POST":
        if request.form.get("action") == "revoke":
            feeds.revoke(current_user)
            db.session.commit()
            flash(_("Your calendar address has been revoked."), "success")
            return redirect(url_for("sessions.my_calendar"))
        token = feeds.new_address(current_user)
        db.session.commit()
        base = current_app.config["MDMA_BASE_URL"].rstrip("/")
        https = base + url_for("sessions.feed", token=token)
        address = {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}
    return render_template(
        "sessions/calendar.html", address=address, has_feed=feeds.has_feed(current_user)
    )


@bp.route("/feed/<token>.ics")
@public
def feed(token):
    """A calendar application fetches this without a log-in: the secret address is the key."""
    owner = feeds.owner_of(token)
    if owner is None:
        abort(404)
    name = _("MDMA sessions of %(name)s", name=owner.name)
    return Response(calendar.feed(name, queries.of_person(owner)), mimetype=ICS)
