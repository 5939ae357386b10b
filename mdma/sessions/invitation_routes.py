"""Inviting to a session, as pages: sectors, organisations and people of the network, and
guests from outside it by e-mail. They share the session pages' blueprint (`routes.bp`)."""

from flask import url_for
from flask_babel import gettext as _
from flask_login import current_user

from mdma.accounts.models import User
from mdma.core.forms import submit
from mdma.directory import queries as directory
from mdma.directory.models import Organisation, Sector
from mdma.permissions import requires
from mdma.sessions import guests, queries, services
from mdma.sessions.forms import GuestForm, InviteForm
from mdma.sessions.routes import bp, by_ids, detail_page, load
from mdma.sessions.states import SessionPermission


def invite_form() -> InviteForm:
    form = InviteForm()
    form.sectors.choices = [(s.id, s.name) for s in directory.sectors()]
    form.organisations.choices = [(o.id, o.name) for o in directory.active_organisations()]
    form.people.choices = [(u.id, u.name) for u in queries.active_people()]
    return form


@bp.route("/<int:session_id>/invite", methods=["POST"])
@requires(SessionPermission.PLAN)
def invite(session_id):
    meeting = load(session_id)
    form = invite_form()
    done = submit(
        form,
        lambda: services.invite(
            current_user,
            meeting,
            sectors=by_ids(Sector, form.sectors.data),
            organisations=by_ids(Organisation, form.organisations.data),
            people=by_ids(User, form.people.data),
        ),
        success=lambda new: _("%(count)s people invited.", count=len(new)),
        redirect_to=url_for("sessions.detail", session_id=meeting.id),
    )
    return done or detail_page(meeting, invite_form=form)


@bp.route("/<int:session_id>/guests", methods=["POST"])
@requires(SessionPermission.PLAN)
def invite_guest(session_id):
    """Invite someone from outside the network by e-mail: an account limited to the sessions
    they are invited to."""
    meeting = load(session_id)
    form = GuestForm()
    done = submit(
        form,
        lambda: guests.invite_guest(
            current_user,
            meeting,
            email=form.email.data,
            name=form.name.data,
            language=form.language.data,
        ),
        success=_("The guest has been invited."),
        redirect_to=url_for("sessions.detail", session_id=meeting.id, _anchor="invite"),
    )
    return done or detail_page(meeting, guest_form=form)
