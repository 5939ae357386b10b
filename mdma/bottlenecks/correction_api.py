"""Corrections after submit as JSON: a PATCH of a submitted bottleneck (see `api`) and its
versions. They share the bottlenecks' API blueprint (`api.blp`)."""

from flask.views import MethodView
from flask_babel import gettext as _

from mdma.api.base import one_commit, refusal
from mdma.bottlenecks import corrections, services
from mdma.bottlenecks.api import Shown, _stored, blp, load
from mdma.bottlenecks.models import Bottleneck
from mdma.bottlenecks.schemas import RevisionSchema
from mdma.core.errors import RuleViolation
from mdma.permissions import Permission, requires

#: What a PATCH may change after submit; the rest of the edit's shape is fixed by then.
CORRECTABLE = ("title", "description", "domains", "household")
CONFIRMED = "confirmed_not_personal_data"


def correct(actor, bottleneck: Bottleneck, data: dict) -> Shown:
    """After submit only the text, life domains and household context may change."""
    fixed = sorted(set(data) - {*CORRECTABLE, "version", "submit", CONFIRMED})
    if fixed:
        message = _("After submit only the text, life domains and household context change.")
        raise refusal(RuleViolation(message, fixed[0]))
    s = _stored(bottleneck) | data
    correction = corrections.Correction(
        s["title"], s["description"], s["domains"], services.Household(**s["household"])
    )
    with one_commit():
        corrections.correct(actor, bottleneck, correction, version=data["version"],
                            confirmed=data[CONFIRMED])  # fmt: skip
    return Shown(bottleneck, actor)


@blp.route("/<int:bottleneck_id>/versions")
class BottleneckVersions(MethodView):
    @requires(Permission.BOTTLENECK_READ)
    @blp.response(200, RevisionSchema(many=True))
    def get(self, bottleneck_id):
        """Every version of its text, life domains and household context, the newest first,
        with who made it and when; empty until it is first corrected (the first version is
        the original report)."""
        return corrections.revisions(load(bottleneck_id))
