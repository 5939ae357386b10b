"""The directory as JSON: sectors, organisations, life domains."""

from flask import abort
from flask.views import MethodView
from flask_login import current_user

from mdma.api.base import MAX_PAGE_SIZE, PAGE_SIZE, Blueprint, page_of
from mdma.directory import queries
from mdma.directory.models import LifeDomain, Organisation
from mdma.directory.schemas import (
    LifeDomainSchema,
    OrganisationQuerySchema,
    OrganisationSchema,
    SectorSchema,
)
from mdma.extensions import db
from mdma.permissions import Permission, has_permission, requires

blp = Blueprint("directory_api", __name__, "", "Sectors, organisations and life domains")


def _manages_directory() -> bool:
    return has_permission(current_user, Permission.DIRECTORY_MANAGE)


@blp.route("/sectors")
class Sectors(MethodView):
    @requires(Permission.DIRECTORY_READ)
    @blp.response(200, SectorSchema(many=True))
    def get(self):
        """List the sectors that are in use."""
        return queries.sectors()


@blp.route("/organisations")
class Organisations(MethodView):
    @requires(Permission.DIRECTORY_READ)
    @blp.arguments(OrganisationQuerySchema, location="query")
    @blp.response(200, OrganisationSchema(many=True))
    @blp.paginate(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, args, pagination_parameters):
        """List organisations, filtered by name or sector, a page at a time.

        Archived organisations are listed to administrators only, as on the directory page.
        """
        archived = args["include_archived"] and _manages_directory()
        query = queries.organisations_query(args["q"], args["sector"], archived)
        return page_of(query, pagination_parameters)


@blp.route("/organisations/<int:organisation_id>")
class OrganisationById(MethodView):
    @requires(Permission.DIRECTORY_READ)
    @blp.response(200, OrganisationSchema)
    def get(self, organisation_id):
        """One organisation (an archived one for administrators only)."""
        organisation = db.get_or_404(Organisation, organisation_id)
        if organisation.archived and not _manages_directory():
            abort(404)
        return organisation


@blp.route("/life-domains")
class LifeDomains(MethodView):
    @requires(Permission.DIRECTORY_READ)
    @blp.response(200, LifeDomainSchema(many=True))
    def get(self):
        """The six life domains of the families, named in the caller's language."""
        return [{"code": domain.value, "name": str(domain.label)} for domain in LifeDomain]
