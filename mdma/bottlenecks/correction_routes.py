"""Pages of corrections after submit: correct a submitted bottleneck, see its versions.
They share the bottleneck pages' blueprint (`routes.bp`)."""

from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mdma.bottlenecks import corrections, services
from mdma.bottlenecks.forms import CorrectionForm
from mdma.bottlenecks.models import Bottleneck
from mdma.bottlenecks.routes import bp, load
from mdma.bottlenecks.states import BottleneckPermission, Status
from mdma.core.forms import confirmed_not_personal, submit
from mdma.permissions import Permission, requires


@bp.route("/<int:bottleneck_id>/correct", methods=["GET", "POST"])
@requires(BottleneckPermission.CORRECT)
def correct(bottleneck_id):
    """Correct a submitted bottleneck: each change is a version; a stale one answers 409."""
    bottleneck = load(bottleneck_id)
    if bottleneck.status == Status.DRAFT:
        return redirect(url_for("bottlenecks.edit", bottleneck_id=bottleneck.id))
    form = CorrectionForm(data=_as_corrected(bottleneck))
    done = submit(
        form,
        lambda: corrections.correct(
            current_user,
            bottleneck,
            corrections.Correction(
                title=form.title.data or "",
                description=form.description.data or "",
                domains=form.domains.data or [],
                household=services.Household(
                    form.household_type.data, form.children_band.data, form.youngest_age_band.data
                ),
            ),
            version=form.version.data,
            confirmed=any(confirmed_not_personal(form, n) for n in ("title", "description")),
        ),
        success=lambda revision: (
            _("Corrected: version %(number)s is kept with your name.", number=revision.number)
            if revision
            else _("Nothing was changed.")
        ),
        redirect_to=url_for("bottlenecks.detail", bottleneck_id=bottleneck.id),
    )
    return done or render_template("bottlenecks/correct.html", form=form, bottleneck=bottleneck)


def _as_corrected(bottleneck: Bottleneck) -> dict:
    """What the correction form starts from (an unknown household part is the empty choice)."""
    stored = {name: getattr(bottleneck, name) or "" for name in corrections.CORRECTED}
    return stored | {"domains": bottleneck.domain_list, "version": bottleneck.version}


@bp.route("/<int:bottleneck_id>/versions")
@requires(Permission.BOTTLENECK_READ)
def versions(bottleneck_id):
    """Every version of its text, life domains and household context, with who and when."""
    bottleneck = load(bottleneck_id)
    return render_template(
        "bottlenecks/versions.html",
        bottleneck=bottleneck,
        revisions=corrections.revisions(bottleneck),
    )
