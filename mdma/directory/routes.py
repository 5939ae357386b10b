"""Directory pages: everyone reads it; administrators keep sectors and organisations."""

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mdma.core.errors import RuleViolation
from mdma.core.forms import show_violation
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


@bp.route("/admin/sectors", methods=["GET", "POST"])
@requires(Permission.DIRECTORY_MANAGE)
def sectors():
    form = SectorForm()
    if form.validate_on_submit():
        try:
            sector = services.create_sector(
                current_user,
                name_nl=form.name_nl.data,
                name_fr=form.name_fr.data,
                name_en=form.name_en.data,
            )
        except RuleViolation as violation:
            db.session.rollback()
            show_violation(form, violation)
        else:
            db.session.commit()
            flash(_("Sector %(name)s added.", name=sector.name), "success")
            return redirect(url_for("directory.sectors"))
    return render_template(
        "directory/sectors.html", form=form, sectors=queries.sectors(include_archived=True)
    )


@bp.route("/admin/sectors/<int:sector_id>", methods=["GET", "POST"])
@requires(Permission.DIRECTORY_MANAGE)
def edit_sector(sector_id):
    sector = db.get_or_404(Sector, sector_id)
    form = SectorForm(obj=sector)
    if form.validate_on_submit():
        try:
            services.rename_sector(
                current_user,
                sector,
                name_nl=form.name_nl.data,
                name_fr=form.name_fr.data,
                name_en=form.name_en.data,
            )
        except RuleViolation as violation:
            db.session.rollback()
            show_violation(form, violation)
        else:
            db.session.commit()
            flash(_("Sector saved."), "success")
            return redirect(url_for("directory.sectors"))
    return render_template("directory/edit_sector.html", form=form, sector=sector)


@bp.route("/admin/sectors/<int:sector_id>/archive", methods=["POST"])
@requires(Permission.DIRECTORY_MANAGE)
def archive_sector(sector_id):
    sector = db.get_or_404(Sector, sector_id)
    archived = request.form.get("archived") == "1"
    services.set_sector_archived(current_user, sector, archived)
    db.session.commit()
    flash(_("Sector archived.") if archived else _("Sector restored."), "success")
    return redirect(url_for("directory.sectors"))


def _organisation_form(**kwargs) -> OrganisationForm:
    form = OrganisationForm(**kwargs)
    form.sectors.choices = [(s.id, s.name) for s in queries.sectors()]
    return form


def _save(form, organisation):
    chosen = form.sectors.data or []
    sectors = db.session.scalars(sa.select(Sector).where(Sector.id.in_(chosen))).all()
    if organisation is not None:  # archived sectors are not offered, yet stay linked
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
    if form.validate_on_submit():
        try:
            organisation = _save(form, None)
        except RuleViolation as violation:
            db.session.rollback()
            show_violation(form, violation)
        else:
            db.session.commit()
            flash(_("%(name)s added to the directory.", name=organisation.name), "success")
            return redirect(url_for("directory.organisations"))
    return render_template("directory/edit_organisation.html", form=form, organisation=None)


@bp.route("/admin/organisations/<int:organisation_id>", methods=["GET", "POST"])
@requires(Permission.DIRECTORY_MANAGE)
def edit_organisation(organisation_id):
    organisation = db.get_or_404(Organisation, organisation_id)
    form = _organisation_form(obj=organisation)
    if request.method == "GET":
        form.sectors.data = [s.id for s in organisation.sectors]
    if form.validate_on_submit():
        try:
            _save(form, organisation)
        except RuleViolation as violation:
            db.session.rollback()
            show_violation(form, violation)
        else:
            db.session.commit()
            flash(_("%(name)s saved.", name=organisation.name), "success")
            return redirect(url_for("directory.organisations"))
    return render_template("directory/edit_organisation.html", form=form, organisation=organisation)


@bp.route("/admin/organisations/<int:organisation_id>/archive", methods=["POST"])
@requires(Permission.DIRECTORY_MANAGE)
def archive_organisation(organisation_id):
    organisation = db.get_or_404(Organisation, organisation_id)
    archived = request.form.get("archived") == "1"
    services.set_organisation_archived(current_user, organisation, archived)
    db.session.commit()
    flash(_("Organisation archived.") if archived else _("Organisation restored."), "success")
    return redirect(url_for("directory.edit_organisation", organisation_id=organisation.id))
