"""The guard as JSON, for the live check in editors: the text never leaves the platform."""

import marshmallow as ma
from flask.views import MethodView

from mdma.api.base import Blueprint, FindingSchema
from mdma.permissions import Permission, requires
from mdma.privacy import redact, scan
from mdma.privacy.guard import findings_json, known_organisations

blp = Blueprint("privacy_api", __name__, "/privacy", "The personal-data guard")


class ScanInput(ma.Schema):
    text = ma.fields.Str(required=True, validate=ma.validate.Length(max=20000))


class ScanResult(ma.Schema):
    findings = ma.fields.List(ma.fields.Nested(FindingSchema), dump_only=True)
    redacted = ma.fields.Str(
        dump_only=True, metadata={"description": "The text with each finding replaced"}
    )


@blp.route("/scan")
class Scan(MethodView):
    @requires(Permission.PRIVACY_CHECK)
    @blp.arguments(ScanInput)
    @blp.response(200, ScanResult)
    def post(self, data):
        """What the guard finds in a text; nothing is stored or logged."""
        organisations = known_organisations()
        findings = scan(data["text"], organisations)
        return {
            "findings": findings_json(findings),
            "redacted": redact(data["text"], organisations),
        }
