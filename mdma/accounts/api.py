"""Accounts as JSON: who am I."""

from flask.views import MethodView
from flask_login import current_user

from mdma.accounts.schemas import MeSchema
from mdma.api.base import Blueprint
from mdma.permissions import ROLE_PERMISSIONS, Permission, Role, requires

blp = Blueprint("accounts_api", __name__, "", "The signed-in user")


@blp.route("/me")
class Me(MethodView):
    @requires(Permission.PROFILE_MANAGE)
    @blp.response(200, MeSchema)
    def get(self):
        """The user the token or session belongs to, with their permissions."""
        user = current_user._get_current_object()
        return {
            "id": user.id,
            "email": user.email,
            "name": user.name,
            "handle": user.handle,
            "role": user.role,
            "language": user.language,
            "organisation": user.organisation,
            "sectors": user.sectors,
            "permissions": sorted(ROLE_PERMISSIONS[Role(user.role)]),
        }
