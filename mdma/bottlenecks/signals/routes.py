"""The structural track's pages: the check, the owner, progress reports and the reporters'
feedback on a bottleneck's page, and "my signals"."""

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mdma.accounts.models import User
from mdma.bottlenecks import routes as bottleneck_pages
from mdma.bottlenecks.queries import policy_owners
from mdma.bottlenecks.signals import feedback, queries, services
from mdma.bottlenecks.signals.forms import (
    AssessmentForm,
    CloseCheckForm,
    OwnerForm,
    ProgressForm,
    owner_choices,
)
from mdma.core.errors import RuleViolation
from mdma.core.forms import act, confirmed_not_personal, submit
from mdma.directory.models import Sector
from mdma.extensions import db
from mdma.permissions import Permission, requires

bp = Blueprint("signals", __name__, url_prefix="/bottlenecks")


@bp.app_template_global("feedback_text")
def feedback_text(entry) -> str:
    return feedback.text(entry)


def _back(bottleneck) -> str:
    return url_for("bottlenecks.detail", bottleneck_id=bottleneck.id, _anchor="signal")


def _page(bottleneck, **given):
    return bottleneck_pages.detail_page(bottleneck, **given)


@bp.route("/<int:bottleneck_id>/check", methods=["POST"])
@requires(Permission.BOTTLENECK_TRIAGE)
def start_check(bottleneck_id):
    bottleneck = bottleneck_pages.load(bottleneck_id)
    return act(
        lambda: services.start_check(current_user, bottleneck),
        success=_("Criteria check opened. The routed sectors have been asked to assess it."),
        redirect_to=_back(bottleneck),
    )


@bp.route("/<int:bottleneck_id>/check/assessments", methods=["POST"])
@requires(Permission.BOTTLENECK_ANSWER)
def assess(bottleneck_id):
    bottleneck = bottleneck_pages.load(bottleneck_id)
    check = services.open_check(bottleneck)
    if check is None:
        return act(_no_check, success="", redirect_to=_back(bottleneck))
    form = AssessmentForm()
    form.sector.choices = [
        (s.id, s.name) for s in queries.panel(current_user, bottleneck).assessable
    ]
    confirmed = any(
        confirmed_not_personal(form, f"{c}_comment")
        for c in ("clear", "neutral", "recognised", "shared")
    )
    done = submit(
        form,
        lambda: services.assess(
            current_user, check, db.session.get(Sector, form.sector.data), form.answers(),
            form.comments(), confirmed=confirmed,
        ),
        success=_("Your sector's assessment has been recorded."),
        redirect_to=_back(bottleneck),
    )  # fmt: skip
    return done or _page(bottleneck, assessment_form=form)


def _no_check():
    raise RuleViolation(_("There is no open criteria check."), status=409)


@bp.route("/<int:bottleneck_id>/check/close", methods=["POST"])
@requires(Permission.BOTTLENECK_TRIAGE)
def close_check(bottleneck_id):
    bottleneck = bottleneck_pages.load(bottleneck_id)
    check = services.open_check(bottleneck)
    if check is None:
        return act(_no_check, success="", redirect_to=_back(bottleneck))
    form = CloseCheckForm()
    done = submit(
        form,
        lambda: services.close_check(
            current_user, check, form.outcome.data,
            confirmed=confirmed_not_personal(form, "outcome"),
        ),
        success=_("The criteria check is closed; the reporters have been told."),
        redirect_to=_back(bottleneck),
    )  # fmt: skip
    return done or _page(bottleneck, close_form=form)


@bp.route("/<int:bottleneck_id>/owner", methods=["POST"])
@requires(Permission.BOTTLENECK_TRIAGE)
def name_owner(bottleneck_id):
    bottleneck = bottleneck_pages.load(bottleneck_id)
    form = OwnerForm()
    form.owner.choices = owner_choices(policy_owners())
    done = submit(
        form,
        lambda: services.name_owner(
            current_user, bottleneck, db.session.get(User, form.owner.data), form.theme.data,
            form.reason.data or "",
            confirmed=any(confirmed_not_personal(form, n) for n in ("theme", "reason")),
        ),
        success=_("The owner has been named and told."),
        redirect_to=_back(bottleneck),
    )  # fmt: skip
    return done or _page(bottleneck, owner_form=form)


@bp.route("/<int:bottleneck_id>/progress", methods=["POST"])
@requires(Permission.BOTTLENECK_READ)
def report_progress(bottleneck_id):
    bottleneck = bottleneck_pages.load(bottleneck_id)
    form = ProgressForm()
    done = submit(
        form,
        lambda: services.report_progress(
            current_user, bottleneck, form.body.data, confirmed=confirmed_not_personal(form, "body")
        ),
        success=_("Progress report saved; the reporters have been told."),
        redirect_to=_back(bottleneck),
    )
    return done or _page(bottleneck, progress_form=form)


@bp.route("/<int:bottleneck_id>/feedback", methods=["POST"])
@requires(Permission.BOTTLENECK_REPORT)
def mute_feedback(bottleneck_id):
    bottleneck = bottleneck_pages.load(bottleneck_id)
    mute = request.form.get("mute") == "1"
    return act(
        lambda: (feedback.mute if mute else feedback.unmute)(current_user, bottleneck),
        success=_("You no longer hear of its steps.")
        if mute
        else _("You hear of its steps again."),
        redirect_to=_back(bottleneck),
    )


@bp.route("/my-signals")
@requires(Permission.BOTTLENECK_REPORT)
def my_signals():
    return render_template("bottlenecks/my_signals.html", signals=queries.my_signals(current_user))
