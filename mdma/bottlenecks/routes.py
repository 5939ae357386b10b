"""Bottleneck pages: list and search, post, the page of one bottleneck, triage, and its steps."""

from datetime import date

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mdma.bottlenecks import (
    corrections,
    evidence,
    hooks,
    merging,
    queries,
    routing,
    services,
    timeline,
)
from mdma.bottlenecks.forms import (
    BottleneckForm,
    ListFilterForm,
    MergeForm,
    OccurrenceForm,
    PostForm,
    TransitionForm,
)
from mdma.bottlenecks.models import LEVEL_LABELS, Bottleneck, Level
from mdma.bottlenecks.signals import queries as signal_queries
from mdma.bottlenecks.signals.forms import panel_forms
from mdma.bottlenecks.states import STATUS_LABELS, BottleneckPermission, Status, more_advanced
from mdma.core import page_cache
from mdma.core.edge import MAX_ID
from mdma.core.errors import RuleViolation
from mdma.core.forms import act, confirmed_not_personal, submit
from mdma.directory import queries as directory
from mdma.directory.models import LIFE_DOMAIN_LABELS, Organisation, Sector
from mdma.extensions import db
from mdma.permissions import Permission, allowed, requires
from mdma.threads import queries as thread_queries
from mdma.threads import reading

bp = Blueprint("bottlenecks", __name__, url_prefix="/bottlenecks")
PAGE_SIZE = 20


def load(bottleneck_id: int) -> Bottleneck:
    bottleneck = db.get_or_404(Bottleneck, bottleneck_id)
    if not services.can_read(current_user, bottleneck):
        abort(404)  # a draft is its writer's alone: others need not know it exists
    return bottleneck


def _by_ids(model, ids) -> list:
    if not ids:
        return []
    return list(db.session.scalars(sa.select(model).where(model.id.in_(ids))))


# --- Lists -----------------------------------------------------------------------------------


def _filter_form() -> ListFilterForm:
    form = ListFilterForm(request.args)
    every = [("", _("All"))]
    form.status.choices = every + [
        (s.value, label) for s, label in STATUS_LABELS.items() if s != Status.DRAFT
    ]
    form.domain.choices = every + [(d.value, label) for d, label in LIFE_DOMAIN_LABELS.items()]
    form.sector.choices = every + [(str(s.id), s.name) for s in directory.sectors()]
    form.organisation.choices = every + [
        (str(o.id), o.name) for o in directory.active_organisations()
    ]
    form.level.choices = every + [(lvl.value, label) for lvl, label in LEVEL_LABELS.items()]
    form.sort.choices = [("", _("Default"))] + [
        (s.value, label) for s, label in queries.SORT_LABELS.items()
    ]
    return form


def _list_filter(form: ListFilterForm) -> queries.ListFilter:
    """What the query string asks for; a value that is not a choice is ignored and marked."""
    form.validate()
    valid = {name: field.data for name, field in form._fields.items() if not field.errors}
    return queries.ListFilter(
        status=valid.get("status") or None,
        domain=valid.get("domain") or None,
        sector=int(valid["sector"]) if valid.get("sector") else None,
        organisation=int(valid["organisation"]) if valid.get("organisation") else None,
        level=valid.get("level") or None,
        overdue=bool(valid.get("overdue")),
        awaiting=bool(valid.get("awaiting")),
        mine=bool(valid.get("mine")),
        my_sectors=bool(valid.get("routed")),
        q=(valid.get("q") or "").strip(),
        sort=queries.Sort(valid["sort"]) if valid.get("sort") else None,
    )


@bp.route("")
@requires(Permission.BOTTLENECK_READ)
@page_cache.cached
def index():
    form = _filter_form()
    filters = _list_filter(form)
    page = queries.list_page(current_user, filters, per_page=PAGE_SIZE)
    snippets = queries.snippets([b.id for b in page.items], filters.q) if filters.q else {}
    threads = {b.id: b.thread_id for b in page.items if b.thread_id}
    unread = reading.unread_counts(current_user, threads.values())
    return render_template(
        "bottlenecks/index.html",
        form=form,
        page=page,
        snippets=snippets,
        unread={b: unread.get(t, 0) for b, t in threads.items()},
        today=date.today(),
        filtered=any(v for k, v in request.args.items() if k != "page"),
        narrowed=sum(1 for k, v in request.args.items() if v and k not in ("page", "q")),
    )


@bp.route("/triage")
@requires(Permission.BOTTLENECK_TRIAGE)
def triage_queue():
    """Submitted bottlenecks waiting to be routed, oldest first."""
    page = db.paginate(queries.triage_queue(), per_page=PAGE_SIZE, error_out=False)
    return render_template(
        "bottlenecks/triage_queue.html",
        page=page,
        candidates=signal_queries.candidates(),
        overdue_reports=signal_queries.overdue_reports(),
    )


@bp.route("/drafts")
@requires(Permission.BOTTLENECK_REPORT)
def drafts():
    return render_template("bottlenecks/drafts.html", drafts=queries.drafts_of(current_user))


# --- Writing ---------------------------------------------------------------------------------


def _bottleneck_form(**kwargs) -> BottleneckForm:
    form = BottleneckForm(**kwargs)
    form.sectors.choices = [(s.id, s.name) for s in directory.sectors()]
    form.organisations.choices = [(o.id, o.name) for o in directory.active_organisations()]
    return form


def _report(form: BottleneckForm) -> services.Report:
    return services.Report(
        title=form.title.data or "",
        description=form.description.data or "",
        domains=form.domains.data or [],
        sectors=_by_ids(Sector, form.sectors.data),
        organisations=_by_ids(Organisation, form.organisations.data),
        level=form.level.data,
        families_count=form.families_count.data or 1,
        household=services.Household(
            form.household_type.data, form.children_band.data, form.youngest_age_band.data
        ),
    )


def _write(form: BottleneckForm, draft: Bottleneck | None):
    """Save as a draft, or save and submit, as the button pressed says."""
    return services.save_draft(
        current_user,
        _report(form),
        draft,
        submit="submit" in request.form,
        version=form.version.data if draft is not None else None,
        confirmed=any(confirmed_not_personal(form, n) for n in ("title", "description")),
    )


def _written(bottleneck: Bottleneck) -> str:
    if bottleneck.status == Status.DRAFT:
        return _("Draft saved. Only you can see it until you submit it.")
    return _("Bottleneck submitted. The coordinator will route it; you follow it.")


@bp.route("/new", methods=["GET", "POST"])
@requires(Permission.BOTTLENECK_REPORT)
def new():
    form = _bottleneck_form()
    done = submit(
        form,
        lambda: _write(form, None),
        success=_written,
        redirect_to=lambda b: url_for("bottlenecks.detail", bottleneck_id=b.id),
    )
    return done or render_template("bottlenecks/edit.html", form=form, bottleneck=None)


@bp.route("/<int:bottleneck_id>/edit", methods=["GET", "POST"])
@requires(Permission.BOTTLENECK_REPORT)
def edit(bottleneck_id):
    bottleneck = load(bottleneck_id)  # someone else's draft is not found
    if bottleneck.status != Status.DRAFT:
        if allowed(current_user, BottleneckPermission.CORRECT, bottleneck):
            return redirect(url_for("bottlenecks.correct", bottleneck_id=bottleneck.id))
        flash(_("Only a draft can be edited; add an occurrence or post in the discussion."), "info")
        return redirect(url_for("bottlenecks.detail", bottleneck_id=bottleneck.id))
    form = _bottleneck_form(obj=bottleneck)
    if request.method == "GET":
        form.domains.data = bottleneck.domain_list
        form.sectors.data = [s.id for s in bottleneck.sectors]
        form.organisations.data = [o.id for o in bottleneck.organisations]
    done = submit(
        form,
        lambda: _write(form, bottleneck),
        success=_written,
        redirect_to=lambda b: url_for("bottlenecks.detail", bottleneck_id=b.id),
    )
    return done or render_template("bottlenecks/edit.html", form=form, bottleneck=bottleneck)


# --- One bottleneck --------------------------------------------------------------------------


@bp.route("/<int:bottleneck_id>")
@requires(Permission.BOTTLENECK_READ)
@page_cache.cached
def detail(bottleneck_id):
    bottleneck = load(bottleneck_id)
    if bottleneck.merged_into_id:
        return redirect(
            url_for("bottlenecks.detail", bottleneck_id=bottleneck.merged_into_id), code=301
        )
    prefill = thread_queries.reply_or_quote(bottleneck.thread, request.args)
    page = detail_page(bottleneck, post_form=PostForm(formdata=None, **prefill))
    seen = bottleneck.thread is not None and not bottleneck.is_draft
    if seen and reading.mark_read(current_user, bottleneck.thread):
        db.session.commit()
    return page


def detail_page(bottleneck: Bottleneck, **forms):
    """The page of one bottleneck; `forms` holds a form that comes back with its errors."""
    forms.setdefault("post_form", PostForm())
    forms.setdefault("transition_form", TransitionForm())
    forms.setdefault("merge_form", MergeForm())
    panel = signal_queries.panel(current_user, bottleneck)
    may_check = signal_queries.may_check(current_user, bottleneck, panel)
    naming = (
        allowed(current_user, Permission.BOTTLENECK_TRIAGE, bottleneck)
        and bottleneck.level == Level.STRUCTURAL
    )
    forms |= panel_forms(panel, queries.policy_owners() if naming else [], **forms)
    merging = not bottleneck.is_draft and allowed(
        current_user, Permission.BOTTLENECK_TRIAGE, bottleneck
    )
    return render_template(
        "bottlenecks/detail.html",
        bottleneck=bottleneck,
        evidence=evidence.of(bottleneck),
        occurrences=evidence.recent_occurrences(bottleneck),
        reported_on=evidence.reported_on(bottleneck),
        steps=timeline.of(bottleneck),
        corrected=corrections.revision_count(bottleneck) > 0,
        may_correct=allowed(current_user, BottleneckPermission.CORRECT, bottleneck),
        discussion=thread_queries.discussion(current_user, bottleneck.thread)
        if bottleneck.thread is not None
        else None,
        similar=queries.similar_to(bottleneck) if bottleneck.status == Status.DRAFT else [],
        likely_duplicates=queries.similar_to(bottleneck) if merging else [],
        following=queries.is_following(current_user, bottleneck),
        signal_panel=panel,
        may_check=may_check,
        elsewhere=hooks.links(current_user, bottleneck),
        panels=hooks.panels(current_user, bottleneck),
        **forms,
    )


@bp.route("/<int:bottleneck_id>/submit", methods=["POST"])
@requires(Permission.BOTTLENECK_REPORT)
def submit_draft(bottleneck_id):
    bottleneck = load(bottleneck_id)
    return act(
        lambda: services.submit(current_user, bottleneck),
        success=_("Bottleneck submitted. The coordinator will route it; you follow it."),
        redirect_to=url_for("bottlenecks.detail", bottleneck_id=bottleneck.id),
    )


@bp.route("/<int:bottleneck_id>/transition", methods=["POST"])
@requires(Permission.BOTTLENECK_READ)
def transition(bottleneck_id):
    """One step of the lifecycle; the service decides whether this user may take it."""
    bottleneck = load(bottleneck_id)
    form = TransitionForm()
    if form.target.data not in {s.value for s in Status}:
        abort(400)
    done = submit(
        form,
        lambda: routing.transition(
            current_user,
            bottleneck,
            Status(form.target.data),
            form.reason.data or "",
            confirmed=confirmed_not_personal(form, "reason"),
        ),
        success=lambda b: _("Status changed to: %(status)s.", status=b.status_label),
        redirect_to=url_for("bottlenecks.detail", bottleneck_id=bottleneck.id),
    )
    return done or detail_page(bottleneck, transition_form=form)


@bp.route("/<int:bottleneck_id>/occurrences/new", methods=["GET", "POST"])
@requires(Permission.BOTTLENECK_REPORT)
def add_occurrence(bottleneck_id):
    bottleneck = load(bottleneck_id)
    form = OccurrenceForm()
    if request.method == "GET":
        form.occurred_on.data = date.today()
    done = submit(
        form,
        lambda: services.add_occurrence(
            current_user,
            bottleneck,
            occurred_on=form.occurred_on.data,
            domains=form.domains.data or [],
            household=services.Household(
                form.household_type.data, form.children_band.data, form.youngest_age_band.data
            ),
            note=form.note.data or "",
            confirmed=confirmed_not_personal(form, "note"),
        ),
        success=_("Occurrence added: thank you, this is the evidence that carries a proposal."),
        redirect_to=url_for("bottlenecks.detail", bottleneck_id=bottleneck.id),
    )
    return done or render_template("bottlenecks/occurrence.html", form=form, bottleneck=bottleneck)


@bp.route("/<int:bottleneck_id>/merge", methods=["POST"])
@requires(Permission.BOTTLENECK_TRIAGE)
def merge(bottleneck_id):
    """Merge a duplicate into this one; when their states differ, the coordinator is asked
    which to keep (the one that has come further is chosen already)."""
    keep = load(bottleneck_id)
    form = MergeForm()
    number = form.duplicate_id.data
    # Looked up before validation to ask which state to keep: only a number in bounds.
    in_bounds = isinstance(number, int) and 1 <= number <= MAX_ID
    duplicate = db.session.get(Bottleneck, number) if in_bounds else None
    differ = duplicate is not None and duplicate.status not in (keep.status, Status.DRAFT)
    if differ:
        form.state.choices = [
            (keep.status, _("This one's: %(state)s", state=keep.status_label)),
            (duplicate.status, _("The duplicate's: %(state)s", state=duplicate.status_label)),
        ]

    def action():
        if differ and not form.state.data:
            form.state.data = more_advanced(keep, duplicate).value
            raise RuleViolation(_("The two are in different states: which one to keep?"), "state")
        return merging.merge(
            current_user,
            keep,
            merging.load_for_merge(form.duplicate_id.data),
            form.reason.data or "",
            state=form.state.data or None,
        )

    done = submit(
        form,
        action,
        success=_("Merged. The duplicate's evidence and discussion are now here."),
        redirect_to=url_for("bottlenecks.detail", bottleneck_id=keep.id),
    )
    return done or detail_page(keep, merge_form=form)


# The pages of triage, of the discussion and of corrections after submit live beside these,
# on the same blueprint.
from mdma.bottlenecks import correction_routes, discussion_routes, triage_routes  # noqa: E402, F401
