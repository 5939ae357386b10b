"""The administrator's pages of session types: the list, a new type, a change."""

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mdma.core.forms import submit
from mdma.extensions import db
from mdma.permissions import requires
from mdma.sessions import queries, services
from mdma.sessions.forms import SessionTypeForm
from mdma.sessions.models import SessionType
from mdma.sessions.routes import bp
from mdma.sessions.states import SessionPermission


def _save(form: SessionTypeForm, session_type: SessionType | None):
    fields = {name: getattr(form, name).data for name in services.TYPE_FIELDS}
    return services.save_type(current_user, session_type, **fields)


@bp.route("/types", methods=["GET", "POST"])
@requires(SessionPermission.CONFIGURE)
def types():
    """The types, and the form that adds one."""
    form = SessionTypeForm(default_minutes=90)
    done = submit(
        form,
        lambda: _save(form, None),
        success=_("Session type saved."),
        redirect_to=url_for("sessions.types"),
    )
    return done or render_template("sessions/types.html", types=queries.session_types(), form=form)


@bp.route("/types/<int:type_id>", methods=["GET", "POST"])
@requires(SessionPermission.CONFIGURE)
def edit_type(type_id):
    session_type = db.get_or_404(SessionType, type_id)
    form = SessionTypeForm(obj=session_type)
    done = submit(
        form,
        lambda: _save(form, session_type),
        success=_("Session type saved."),
        redirect_to=url_for("sessions.types"),
    )
    return done or render_template("sessions/edit_type.html", form=form, session_type=session_type)
