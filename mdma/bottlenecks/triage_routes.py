"""The triage page: route a submitted bottleneck, with its text and evidence beside the form
and the policy owners grouped by sector. It shares the bottleneck pages' blueprint."""

from flask import render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mdma.accounts.models import User
from mdma.bottlenecks import evidence, queries, routing
from mdma.bottlenecks.forms import TriageForm
from mdma.bottlenecks.routes import _by_ids, bp, load
from mdma.core.forms import confirmed_not_personal, submit
from mdma.directory import queries as directory
from mdma.directory.models import Sector
from mdma.permissions import Permission, requires


def owner_choices() -> dict:
    """Policy owners grouped by sector, each named with all their sectors (someone in two
    sectors is in both groups); those without a sector last."""
    groups: dict = {}
    for owner in queries.policy_owners():
        sectors = ", ".join(s.name for s in owner.sectors)
        label = f"{owner.name} ({sectors})" if sectors else owner.name
        for sector in owner.sectors or [None]:
            group = (sector.position, sector.name) if sector else (10**6, _("Without a sector"))
            groups.setdefault(group, []).append((owner.id, label))
    return {name: choices for (_position, name), choices in sorted(groups.items())}


@bp.route("/<int:bottleneck_id>/triage", methods=["GET", "POST"])
@requires(Permission.BOTTLENECK_TRIAGE)
def triage(bottleneck_id):
    bottleneck = load(bottleneck_id)
    form = TriageForm(obj=bottleneck)
    form.sectors.choices = [(s.id, s.name) for s in directory.sectors()]
    form.owners.choices = owner_choices()
    if not form.is_submitted():
        form.sectors.data = [s.id for s in bottleneck.sectors]
        form.owners.data = [u.id for u in bottleneck.owners]
        form.tags.data = ", ".join(bottleneck.tags)
    done = submit(
        form,
        lambda: routing.triage(
            current_user,
            bottleneck,
            sectors=_by_ids(Sector, form.sectors.data),
            level=form.level.data,
            owners=_by_ids(User, form.owners.data),
            tags=(form.tags.data or "").split(","),
            confirmed=confirmed_not_personal(form, "tags"),
        ),
        success=_("Routed. The sectors' policy owners have been notified."),
        redirect_to=url_for("bottlenecks.triage_queue"),
    )
    return done or render_template(
        "bottlenecks/triage.html",
        form=form,
        bottleneck=bottleneck,
        evidence=evidence.of(bottleneck),
        occurrences=evidence.recent_occurrences(bottleneck, limit=5),
    )
