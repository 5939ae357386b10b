"""Session pages: upcoming and past with filters, a month, planning and changing, the page of
one session with its registrations, and the answers to an invitation."""

from datetime import date, timedelta

import sqlalchemy as sa
from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mdma.accounts.models import User
from mdma.core import page_cache
from mdma.core.errors import RuleViolation
from mdma.core.forms import act, confirmed_not_personal, submit
from mdma.core.time import utcnow
from mdma.extensions import db
from mdma.permissions import allowed, requires
from mdma.sessions import (
    agenda,
    discussion,
    guests,
    hooks,
    queries,
    registrations,
    series,
    services,
)
from mdma.sessions.forms import (
    AttendanceForm,
    GuestForm,
    NewSessionForm,
    SessionFilterForm,
    SessionForm,
)
from mdma.sessions.models import RegistrationStatus, Session
from mdma.sessions.states import SessionPermission, is_invited, may_register
from mdma.sessions.times import from_local, in_brussels
from mdma.threads import queries as thread_queries
from mdma.threads import reading
from mdma.threads.forms import PostForm
from mdma.threads.routes import submit_post

bp = Blueprint("sessions", __name__, url_prefix="/sessions")
PAGE_SIZE = 20


def load(session_id: int) -> Session:
    meeting = db.get_or_404(Session, session_id)
    if not allowed(current_user, SessionPermission.READ, meeting):
        abort(404)
    return meeting


def by_ids(model, ids) -> list:
    if not ids:
        return []
    return list(db.session.scalars(sa.select(model).where(model.id.in_(ids))))


# --- Lists -----------------------------------------------------------------------------------


def _filters(past: bool) -> tuple[SessionFilterForm, queries.SessionFilter]:
    form = SessionFilterForm(request.args)
    form.type.choices = [("", _("All"))] + [(str(t.id), t.name) for t in queries.session_types()]
    form.validate()
    valid = {name: f.data for name, f in form._fields.items() if not f.errors}
    return form, queries.SessionFilter(
        past=past,
        type_id=int(valid["type"]) if valid.get("type") else None,
        theme=(valid.get("theme") or "").strip(),
    )


@bp.route("")
@requires(SessionPermission.READ)
def index():
    past = request.args.get("when") == "past"
    form, filters = _filters(past)
    page = db.paginate(
        queries.list_query(filters, current_user), per_page=PAGE_SIZE, error_out=False
    )
    return render_template(
        "sessions/index.html", form=form, page=page, past=past, today=date.today()
    )


@bp.route("/month")
@requires(SessionPermission.READ)
def month():
    today = in_brussels(utcnow()).date()
    try:
        year, number = (int(part) for part in request.args.get("m", "").split("-"))
        shown = date(year, number, 1)
        if not 2000 <= year <= 2100:
            raise ValueError
    except ValueError:
        shown = today.replace(day=1)
    previous = (shown - timedelta(days=1)).replace(day=1)
    following = date(shown.year + shown.month // 12, shown.month % 12 + 1, 1)
    meetings = queries.month(shown.year, shown.month, current_user)
    by_day: dict[int, list] = {}
    for meeting in meetings:
        by_day.setdefault(in_brussels(meeting.starts_at).day, []).append(meeting)
    return render_template(
        "sessions/month.html",
        shown=shown,
        previous=previous,
        following=following,
        by_day=by_day,
        today=today,
    )


# --- Planning --------------------------------------------------------------------------------


def _session_form(form_class=SessionForm, **kwargs) -> SessionForm:
    form = form_class(**kwargs)
    form.type_id.choices = [(t.id, t.name) for t in queries.session_types()]
    form.minute_taker_id.choices = [(0, _("Nobody named"))] + [
        (u.id, u.name) for u in queries.active_people()
    ]
    return form


def _plan_of(form: SessionForm) -> services.Plan:
    session_type = db.session.get(services.SessionType, form.type_id.data)
    minute_taker = db.session.get(User, form.minute_taker_id.data or 0) or None
    return services.Plan(
        type=session_type,
        theme=form.theme.data or "",
        description=form.description.data or "",
        starts_at=from_local(form.day.data, form.start.data, "start"),
        ends_at=from_local(form.day.data, form.end.data, "end"),
        place=form.place.data or "",
        online_url=form.online_url.data or "",
        capacity=form.capacity.data,
        minute_taker=minute_taker,
    )


#: The service's field names as the form names them.
_FIELDS = {"starts_at": "start", "ends_at": "end", "every_months": "every_months"}


def _renamed(action):
    """Run a service; a refusal at `starts_at` shows at the form's `start`."""
    try:
        return action()
    except RuleViolation as violation:
        violation.field = _FIELDS.get(violation.field, violation.field)
        raise


def _confirmed(form) -> bool:
    return any(confirmed_not_personal(form, name) for name in ("theme", "description"))


def _plan_once_or_series(form: NewSessionForm) -> Session:
    if not form.every_months.data:
        return services.plan(current_user, _plan_of(form), confirmed=_confirmed(form))
    planned = series.plan_series(
        current_user, _plan_of(form), day=form.day.data, start=form.start.data,
        end=form.end.data, every_months=form.every_months.data, count=form.count.data or 0,
        confirmed=_confirmed(form),
    )  # fmt: skip
    return planned[0]


@bp.route("/new", methods=["GET", "POST"])
@requires(SessionPermission.PLAN)
def new():
    form = _session_form(NewSessionForm)
    if request.method == "GET":
        first = queries.session_types()
        if first:
            form.capacity.data = first[0].default_capacity
    done = submit(
        form,
        lambda: _renamed(lambda: _plan_once_or_series(form)),
        success=_("Session planned. Invite sectors, organisations or people below."),
        redirect_to=lambda m: url_for("sessions.detail", session_id=m.id, _anchor="invite"),
    )
    return done or render_template("sessions/edit.html", form=form, meeting=None)


@bp.route("/<int:session_id>/edit", methods=["GET", "POST"])
@requires(SessionPermission.PLAN)
def edit(session_id):
    meeting = load(session_id)
    form = _session_form(obj=meeting)
    if request.method == "GET":
        start, end = in_brussels(meeting.starts_at), in_brussels(meeting.ends_at)
        form.day.data, form.start.data, form.end.data = start.date(), start.time(), end.time()
        form.minute_taker_id.data = meeting.minute_taker_id or 0
    done = submit(
        form,
        lambda: _renamed(
            lambda: services.update(
                current_user, meeting, _plan_of(form), version=form.version.data,
                confirmed=_confirmed(form),
            )
        ),
        success=_("Session changed. Everyone concerned has the new time and place."),
        redirect_to=url_for("sessions.detail", session_id=meeting.id),
    )  # fmt: skip
    return done or render_template("sessions/edit.html", form=form, meeting=meeting)


@bp.route("/<int:session_id>/cancel", methods=["POST"])
@requires(SessionPermission.PLAN)
def cancel(session_id):
    meeting = load(session_id)
    return act(
        lambda: services.cancel(current_user, meeting),
        success=_("Session cancelled. Everyone concerned has been told."),
        redirect_to=url_for("sessions.detail", session_id=meeting.id),
    )


# --- One session -----------------------------------------------------------------------------


@bp.route("/<int:session_id>")
@requires(SessionPermission.READ)
@page_cache.cached
def detail(session_id):
    meeting = load(session_id)
    thread = discussion.thread_of(meeting)
    prefill = thread_queries.reply_or_quote(thread, request.args)
    page = detail_page(meeting, thread=thread, post_form=PostForm(formdata=None, **prefill))
    if thread is not None and reading.mark_read(current_user, thread):
        db.session.commit()
    return page


def detail_page(meeting: Session, *, thread=None, **forms):
    """The page of one session; `forms` holds a form that comes back with its errors, `thread`
    the session's thread when the caller has it already."""
    planning = allowed(current_user, SessionPermission.PLAN, meeting)
    if planning:
        forms.setdefault("invite_form", invitation_routes.invite_form())
        forms.setdefault("guest_form", GuestForm())
    rows = queries.registrations(meeting) if planning else []
    attendance = AttendanceForm()
    items = queries.items(meeting)
    thread = thread or discussion.thread_of(meeting)
    forms.setdefault("post_form", PostForm())
    return render_template(
        "sessions/detail.html",
        meeting=meeting,
        items=items,
        item_links=hooks.item_links(items),
        decision_actions=hooks.decision_actions,
        mine=registrations.registration_of(current_user, meeting),
        invited=is_invited(current_user, meeting),
        may_register=may_register(current_user, meeting),
        planning=planning,
        pending_guests=guests.pending(meeting) if planning else [],
        expired_guests=guests.expired(meeting) if planning else [],
        show_minutes=agenda.minutes_published(current_user, meeting),
        may_approve=_may_approve(meeting),
        registered=[r for r in rows if r.status == RegistrationStatus.REGISTERED],
        waiting=[r for r in rows if r.status == RegistrationStatus.WAITING],
        declined=[r for r in rows if r.status == RegistrationStatus.DECLINED],
        attendance_form=attendance,
        started=meeting.starts_at <= utcnow(),
        discussion=thread_queries.discussion(current_user, thread) if thread else None,
        **minutes_routes.forms_for(meeting, **forms),
    )


def _may_approve(meeting: Session) -> bool:
    """Whether to offer approving the previous session's minutes here."""
    previous = meeting.previous
    return (
        previous is not None
        and previous.minutes_approved_at is None
        and not meeting.is_cancelled
        and meeting.starts_at <= utcnow()
        and allowed(current_user, SessionPermission.MINUTES, meeting)
    )


@bp.route("/<int:session_id>/registration", methods=["POST"])
@requires(SessionPermission.READ)
def registration(session_id):
    """Register, decline or cancel: the button pressed says which."""
    meeting = load(session_id)
    answer = request.form.get("answer")
    verbs = {
        "register": (registrations.register, None),
        "decline": (registrations.decline, _("You declined.")),
        "cancel": (registrations.cancel, _("Your registration has been cancelled.")),
    }
    if answer not in verbs:
        abort(400)
    verb, message = verbs[answer]

    def told(registration):
        if message:
            return message
        if registration.status == RegistrationStatus.WAITING:
            return _(
                "The session is full: you are on the waiting list and hear when a place frees up."
            )
        return _("You are registered.")

    return act(
        lambda: verb(current_user, meeting),
        success=told,
        redirect_to=url_for("sessions.detail", session_id=meeting.id, _anchor="registration"),
    )


@bp.route("/<int:session_id>/posts", methods=["POST"])
@requires(SessionPermission.READ)
def add_post(session_id):
    """A post in the session's thread; who may write is the thread's rule (`may_write_thread`)."""
    meeting = load(session_id)
    form = PostForm()
    done = submit_post(
        form,
        lambda body, **options: discussion.add_post(current_user, meeting, body, **options),
        page=url_for("sessions.detail", session_id=meeting.id),
    )
    return done or detail_page(meeting, post_form=form)


@bp.route("/<int:session_id>/attendance", methods=["POST"])
@requires(SessionPermission.PLAN)
def attendance(session_id):
    meeting = load(session_id)
    present = {int(v) for v in request.form.getlist("present") if v.isdigit() and len(v) < 10}
    return act(
        lambda: registrations.record_attendance(current_user, meeting, present),
        success=_("Attendance recorded."),
        redirect_to=url_for("sessions.detail", session_id=meeting.id, _anchor="registrations"),
    )


@bp.app_template_filter("brussels_time")
def brussels_time(moment) -> str:
    """The wall-clock time of a stored moment in Brussels: 14:05."""
    return in_brussels(moment).strftime("%H:%M")


# The invitations, agenda, minutes and calendars live beside these, on the same blueprint.
from mdma.sessions import (  # noqa: E402
    calendar_routes,  # noqa: F401
    invitation_routes,
    minutes_routes,
    type_routes,  # noqa: F401
)
