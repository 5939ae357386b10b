"""The directory as JSON: sectors, organisations, life domains."""

from flask.views import MethodView

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
from mdma.permissions import Permission, requires

blp = Blueprint("directory_api", __name__, "", "Sectors, organisations and life domains")


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
        """List organisations, filtered by name or sector, a page at a time."""
        query = queries.organisations_query(args["q"], args["sector"], args["include_archived"])
        return page_of(query, pagination_parameters)


@blp.route("/organisations/<int:organisation_id>")
class OrganisationById(MethodView):
    @requires(Permission.DIRECTORY_READ)
    @blp.response(200, OrganisationSchema)
    def get(self, organisation_id):
        """One organisation."""
        return db.get_or_404(Organisation, organisation_id)


@blp.route("/life-domains")
class LifeDomains(MethodView):
    @requires(Permission.DIRECTORY_READ)
    @blp.response(200, LifeDomainSchema(many=True))
    def get(self):
        """The six life domains of the families, named in the caller's language."""
        return [{"code": domain.value, "name": str(domain.label)} for domain in LifeDomain]
