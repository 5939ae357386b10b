"""The agenda of a session and what comes of it, as pages: items, minutes, decisions, action
points and their state, one's own action points, and the minutes of a whole series."""

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mdma.accounts.models import User
from mdma.bottlenecks.models import Bottleneck
from mdma.core.forms import act, confirmed_not_personal, submit
from mdma.extensions import db
from mdma.permissions import Permission, allowed, requires
from mdma.sessions import agenda, proposed, queries
from mdma.sessions.forms import ActionPointForm, DecisionForm, ItemForm, MinutesForm
from mdma.sessions.models import ActionPoint, AgendaItem, SessionType
from mdma.sessions.routes import bp, detail_page, load
from mdma.sessions.states import SessionPermission


def forms_for(meeting, **forms) -> dict:
    """The forms of the session page (those that come back with errors are given)."""
    people = [(0, _("Nobody named"))] + [(u.id, u.name) for u in queries.active_people()]
    if "item_form" not in forms:
        forms["item_form"] = ItemForm(formdata=None)
    forms["item_form"].presenter_id.choices = people
    if "action_form" not in forms:
        forms["action_form"] = ActionPointForm(formdata=None)
    forms["action_form"].owner_id.choices = people[1:]
    forms.setdefault("minutes_form", MinutesForm(formdata=None))
    forms.setdefault("decision_form", DecisionForm(formdata=None))
    forms.setdefault("failed_item", None)
    forms["suggestions"] = (
        queries.suggestions(meeting)
        if allowed(current_user, SessionPermission.PLAN, meeting)
        and allowed(current_user, Permission.BOTTLENECK_TRIAGE)
        else []
    )
    return forms


def _item(meeting, item_id: int) -> AgendaItem:
    item = db.session.get(AgendaItem, item_id)
    if item is None or item.session_id != meeting.id:
        abort(404)
    return item


def _back(meeting, item=None) -> str:
    anchor = f"item-{item.id}" if item is not None else "agenda"
    return url_for("sessions.detail", session_id=meeting.id, _anchor=anchor)


@bp.route("/<int:session_id>/agenda", methods=["POST"])
@requires(SessionPermission.PLAN)
def add_item(session_id):
    meeting = load(session_id)
    form = ItemForm()
    form.presenter_id.choices = [(0, "")] + [(u.id, u.name) for u in queries.active_people()]
    done = submit(
        form,
        lambda: agenda.add_item(
            current_user,
            meeting,
            kind=form.kind.data,
            bottleneck=db.session.get(Bottleneck, form.bottleneck_id.data or 0),
            title=form.title.data or "",
            minutes_slot=form.minutes_slot.data,
            presenter=db.session.get(User, form.presenter_id.data or 0),
            confirmed=confirmed_not_personal(form, "title"),
            subject_id=form.proposal_id.data if form.kind.data == "proposal" else None,
        ),
        success=_("Item added to the agenda."),
        redirect_to=lambda item: _back(meeting, item),
    )
    return done or detail_page(meeting, item_form=form)


def _item_text(session_id, item_id, form, field: str, verb, success: str, form_name: str):
    """A free text written to one agenda item (its minutes, a decision): `verb(actor, item,
    text, confirmed=…)`; on a refusal the page again, the form open at that item."""
    meeting = load(session_id)
    item = _item(meeting, item_id)
    done = submit(
        form,
        lambda: verb(
            current_user, item, form[field].data or "",
            confirmed=confirmed_not_personal(form, field),
        ),
        success=success,
        redirect_to=_back(meeting, item),
    )  # fmt: skip
    return done or detail_page(meeting, failed_item=item.id, **{form_name: form})


@bp.route("/<int:session_id>/agenda/<int:item_id>/minutes", methods=["POST"])
@requires(SessionPermission.READ)
def minutes(session_id, item_id):
    return _item_text(
        session_id, item_id, MinutesForm(), "minutes", agenda.record_minutes,
        _("Minutes saved."), "minutes_form",
    )  # fmt: skip


@bp.route("/proposed-items/<int:bottleneck_id>", methods=["POST"])
@requires(SessionPermission.PROPOSE_ITEM)
def propose_item(bottleneck_id):
    """From a bottleneck's page: propose it for the next session of the chosen type."""
    bottleneck = db.session.get(Bottleneck, bottleneck_id)
    raw = request.form.get("type_id", "")
    session_type = (
        db.session.get(SessionType, int(raw)) if raw.isdigit() and len(raw) < 10 else None
    )
    return act(
        lambda: proposed.propose(current_user, bottleneck, session_type),
        success=lambda proposal: _(
            "Proposed for the next session (%(type)s).", type=proposal.type.name
        ),
        redirect_to=url_for("bottlenecks.detail", bottleneck_id=bottleneck_id)
        if bottleneck is not None
        else url_for("sessions.index"),
    )


@bp.route("/<int:session_id>/approve-minutes", methods=["POST"])
@requires(SessionPermission.READ)
def approve_minutes(session_id):
    """At this session, approve the minutes of the previous one (the minutes' own permission,
    checked by the verb: the coordinator or this session's minute-taker)."""
    meeting = load(session_id)
    if not allowed(current_user, SessionPermission.MINUTES, meeting):
        abort(404)  # the object rule: only its coordinator or minute-taker approve there
    return act(
        lambda: agenda.approve_minutes(current_user, meeting),
        success=_("The minutes of the previous session have been approved."),
        redirect_to=url_for("sessions.detail", session_id=meeting.id),
    )


@bp.route("/<int:session_id>/agenda/<int:item_id>/decisions", methods=["POST"])
@requires(SessionPermission.READ)
def decision(session_id, item_id):
    return _item_text(
        session_id, item_id, DecisionForm(), "decision", agenda.add_decision,
        _("Decision recorded."), "decision_form",
    )  # fmt: skip


@bp.route("/<int:session_id>/agenda/<int:item_id>/action-points", methods=["POST"])
@requires(SessionPermission.READ)
def action_point(session_id, item_id):
    meeting = load(session_id)
    item = _item(meeting, item_id)
    form = ActionPointForm()
    form.owner_id.choices = [(u.id, u.name) for u in queries.active_people()]
    done = submit(
        form,
        lambda: agenda.add_action_point(
            current_user,
            item,
            text=form.action.data or "",
            owner=db.session.get(User, form.owner_id.data),
            due_on=form.due_on.data,
            confirmed=confirmed_not_personal(form, "action"),
        ),
        success=_("Action point added; its owner has been told."),
        redirect_to=_back(meeting, item),
    )
    return done or detail_page(meeting, action_form=form, failed_item=item.id)


@bp.route("/action-points/<int:action_point_id>/state", methods=["POST"])
@requires(SessionPermission.READ)
def action_state(action_point_id):
    from flask import request

    point = db.get_or_404(ActionPoint, action_point_id)
    meeting = load(point.item.session_id)
    return act(
        lambda: agenda.set_action_state(current_user, point, request.form.get("state", "")),
        success=_("Action point updated."),
        redirect_to=url_for("sessions.detail", session_id=meeting.id, _anchor=f"action-{point.id}"),
    )


@bp.route("/action-points")
@requires(SessionPermission.READ)
def my_action_points():
    return render_template(
        "sessions/action_points.html", points=agenda.action_points_of(current_user)
    )


@bp.route("/<int:session_id>/series")
@requires(SessionPermission.READ)
def series_minutes(session_id):
    """The minutes of a whole series as one document, in date order."""
    meeting = load(session_id)
    meetings = [
        m
        for m in queries.series(meeting)
        if allowed(current_user, SessionPermission.READ, m)
        and agenda.minutes_published(current_user, m)
    ]
    return render_template(
        "sessions/series.html",
        meeting=meeting,
        meetings=[(m, queries.items(m)) for m in meetings],
    )
