"""Administration of accounts: the user list, invitations, roles, deactivation."""

import sqlalchemy as sa
from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from mdma.accounts import services
from mdma.accounts.forms import ConfirmForm, InviteForm, UserForm
from mdma.accounts.models import Invitation, User
from mdma.core.forms import act, submit
from mdma.core.time import utcnow
from mdma.directory import queries as directory
from mdma.directory.models import Organisation, Sector
from mdma.extensions import db
from mdma.permissions import Permission, Role, requires

bp = Blueprint("admin_accounts", __name__, url_prefix="/admin")


def _user_form(user: User | None = None, form_class=UserForm, **kwargs) -> UserForm:
    form = form_class(**kwargs)
    organisations = directory.active_organisations()
    if user is not None and user.organisation is not None and user.organisation.archived:
        organisations.append(user.organisation)  # keep, though no longer offered to others
    form.organisation.choices = [(0, _l("— none —"))] + [(o.id, o.name) for o in organisations]
    form.sectors.choices = [(s.id, s.name) for s in directory.sectors()]
    return form


def _chosen(form: UserForm):
    organisation = db.session.get(Organisation, form.organisation.data or 0)
    sectors = (
        db.session.scalars(sa.select(Sector).where(Sector.id.in_(form.sectors.data))).all()
        if form.sectors.data
        else []
    )
    return organisation, sectors


@bp.route("/users")
@requires(Permission.USER_MANAGE)
def users():
    q = request.args.get("q", "").strip()
    role = request.args.get("role", "")
    status = request.args.get("status", "active")
    query = sa.select(User).order_by(User.name)
    if q:
        query = query.where(sa.or_(User.name.ilike(f"%{q}%"), User.email.ilike(f"%{q}%")))
    if role in set(Role):
        query = query.where(User.role == role)
    if status in ("active", "inactive"):
        query = query.where(User.active.is_(status == "active"))
    page = db.paginate(query, per_page=25, error_out=False)
    return render_template(
        "admin/users.html", page=page, q=q, role=role, status=status, roles=list(Role)
    )


@bp.route("/users/invite", methods=["GET", "POST"])
@requires(Permission.USER_MANAGE)
def invite():
    form = _user_form(form_class=InviteForm)

    def send():
        organisation, sectors = _chosen(form)
        return services.invite(
            current_user,
            email=form.email.data,
            name=form.name.data,
            role=form.role.data,
            organisation=organisation,
            sectors=sectors,
            language=form.language.data,
        )

    done = submit(
        form,
        send,
        success=lambda invitation: _("Invitation sent to %(email)s.", email=invitation.email),
        redirect_to=url_for("admin_accounts.invitations"),
    )
    return done or render_template("admin/invite.html", form=form)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@requires(Permission.USER_MANAGE)
def edit_user(user_id):
    user = db.get_or_404(User, user_id)
    form = _user_form(user, obj=user)
    if request.method == "GET":
        form.organisation.data = user.organisation_id or 0
        form.sectors.data = [s.id for s in user.sectors]

    def save():
        organisation, sectors = _chosen(form)
        return services.update_user(
            current_user,
            user,
            name=form.name.data,
            email=form.email.data,
            role=form.role.data,
            organisation=organisation,
            sectors=[*sectors, *(s for s in user.sectors if s.archived)],  # not offered, kept
        )

    done = submit(
        form,
        save,
        success=lambda saved: _("The account of %(name)s has been saved.", name=saved.name),
        redirect_to=url_for("admin_accounts.users"),
    )
    return done or render_template(
        "admin/edit_user.html", form=form, user=user, confirm=ConfirmForm()
    )


@bp.route("/users/<int:user_id>/active", methods=["POST"])
@requires(Permission.USER_MANAGE)
def set_active(user_id):
    user = db.get_or_404(User, user_id)
    active = request.form.get("active") == "1"
    if active:
        message = _("%(name)s can log in again.", name=user.name)
    else:
        message = _("%(name)s can no longer log in; what they wrote stays.", name=user.name)
    return act(
        lambda: services.set_active(current_user, user, active),
        success=message,
        redirect_to=url_for("admin_accounts.edit_user", user_id=user.id),
    )


@bp.route("/invitations")
@requires(Permission.USER_MANAGE)
def invitations():
    query = (
        sa.select(Invitation)
        .where(Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None))
        .order_by(Invitation.created_at.desc())
    )
    page = db.paginate(query, per_page=25, error_out=False)
    return render_template("admin/invitations.html", page=page, now=utcnow(), confirm=ConfirmForm())


@bp.route("/invitations/<int:invitation_id>/<any(resend, revoke):action>", methods=["POST"])
@requires(Permission.USER_MANAGE)
def invitation_action(invitation_id, action):
    invitation = db.get_or_404(Invitation, invitation_id)
    if action == "resend":
        verb, message = services.resend_invitation, _("The invitation has been sent again.")
    else:
        verb, message = services.revoke_invitation, _("The invitation has been revoked.")
    return act(
        lambda: verb(current_user, invitation),
        success=message,
        redirect_to=url_for("admin_accounts.invitations"),
    )
