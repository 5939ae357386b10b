"""Directory pages: everyone reads it; administrators keep sectors and organisations."""

import sqlalchemy as sa
from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mdma.core.forms import act, submit
from mdma.directory import queries, services
from mdma.directory.forms import OrganisationForm, SectorForm
from mdma.directory.models import LifeDomain, Organisation, Sector
from mdma.extensions import db
from mdma.permissions import Permission, has_permission, requires

bp = Blueprint("directory", __name__)


@bp.route("/directory")
@requires(Permission.DIRECTORY_READ)
def organisations():
    q = request.args.get("q", "").strip()
    sector = request.args.get("sector") or None
    # Administrators also see archived organisations, to restore them.
    archived = request.args.get("archived") == "1" and has_permission(
        current_user, Permission.DIRECTORY_MANAGE
    )
    query = queries.organisations_query(q, sector, include_archived=archived)
    page = db.paginate(query, per_page=25, error_out=False)
    return render_template(
        "directory/organisations.html",
        page=page,
        q=q,
        sector=sector,
        archived=archived,
        sectors=queries.sectors(),
        life_domains=list(LifeDomain),
    )


def _sector_names(form: SectorForm) -> dict:
    return {
        "name_nl": form.name_nl.data,
        "name_fr": form.name_fr.data,
        "name_en": form.name_en.data,
    }


@bp.route("/admin/sectors", methods=["GET", "POST"])
@requires(Permission.DIRECTORY_MANAGE)
def sectors():
    form = SectorForm()
    done = submit(
        form,
        lambda: services.create_sector(current_user, **_sector_names(form)),
        success=lambda sector: _("Sector %(name)s added.", name=sector.name),
        redirect_to=url_for("directory.sectors"),
    )
    return done or render_template(
        "directory/sectors.html", form=form, sectors=queries.sectors(include_archived=True)
    )


@bp.route("/admin/sectors/<int:sector_id>", methods=["GET", "POST"])
@requires(Permission.DIRECTORY_MANAGE)
def edit_sector(sector_id):
    sector = db.get_or_404(Sector, sector_id)
    form = SectorForm(obj=sector)
    done = submit(
        form,
        lambda: services.rename_sector(current_user, sector, **_sector_names(form)),
        success=_("Sector saved."),
        redirect_to=url_for("directory.sectors"),
    )
    return done or render_template("directory/edit_sector.html", form=form, sector=sector)


@bp.route("/admin/sectors/<int:sector_id>/archive", methods=["POST"])
@requires(Permission.DIRECTORY_MANAGE)
def archive_sector(sector_id):
    sector = db.get_or_404(Sector, sector_id)
    archived = request.form.get("archived") == "1"
    return act(
        lambda: services.set_sector_archived(current_user, sector, archived),
        success=_("Sector archived.") if archived else _("Sector restored."),
        redirect_to=url_for("directory.sectors"),
    )


def _organisation_form(**kwargs) -> OrganisationForm:
    form = OrganisationForm(**kwargs)
    form.sectors.choices = [(s.id, s.name) for s in queries.sectors()]
    return form


def _save(form, organisation):
    chosen = form.sectors.data or []
    sectors = db.session.scalars(sa.select(Sector).where(Sector.id.in_(chosen))).all()
    if organisation is not None:  # archived sectors are not offered, but stay linked
        sectors = [*sectors, *(s for s in organisation.sectors if s.archived)]
    return services.save_organisation(
        current_user,
        organisation,
        name=form.name.data,
        kind=form.kind.data,
        sectors=sectors,
        contact_email=form.contact_email.data,
        contact_phone=form.contact_phone.data,
        website=form.website.data,
    )


@bp.route("/admin/organisations/new", methods=["GET", "POST"])
@requires(Permission.DIRECTORY_MANAGE)
def new_organisation():
    form = _organisation_form()
    done = submit(
        form,
        lambda: _save(form, None),
        success=lambda org: _("%(name)s added to the directory.", name=org.name),
        redirect_to=url_for("directory.organisations"),
    )
    return done or render_template("directory/edit_organisation.html", form=form, organisation=None)


@bp.route("/admin/organisations/<int:organisation_id>", methods=["GET", "POST"])
@requires(Permission.DIRECTORY_MANAGE)
def edit_organisation(organisation_id):
    organisation = db.get_or_404(Organisation, organisation_id)
    form = _organisation_form(obj=organisation)
    if request.method == "GET":
        form.sectors.data = [s.id for s in organisation.sectors]
    done = submit(
        form,
        lambda: _save(form, organisation),
        success=lambda org: _("%(name)s saved.", name=org.name),
        redirect_to=url_for("directory.organisations"),
    )
    return done or render_template(
        "directory/edit_organisation.html", form=form, organisation=organisation
    )


@bp.route("/admin/organisations/<int:organisation_id>/archive", methods=["POST"])
@requires(Permission.DIRECTORY_MANAGE)
def archive_organisation(organisation_id):
    organisation = db.get_or_404(Organisation, organisation_id)
    archived = request.form.get("archived") == "1"
    return act(
        lambda: services.set_organisation_archived(current_user, organisation, archived),
        success=_("Organisation archived.") if archived else _("Organisation restored."),
        redirect_to=url_for("directory.edit_organisation", organisation_id=organisation.id),
    )
