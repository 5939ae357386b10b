"""Sessions as JSON: the same services, permissions and privacy guard as the pages (the agenda
and what comes of it: `minutes_api`)."""

from flask import abort
from flask.views import MethodView

from mdma.accounts.models import Invitation, User
from mdma.api.base import (
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    Blueprint,
    one_commit,
    one_of,
    page_of,
    rows_of,
    signed_in,
)
from mdma.directory.models import Organisation, Sector
from mdma.extensions import db
from mdma.permissions import allowed, requires
from mdma.sessions import guests, queries, registrations, series, services
from mdma.sessions.models import Session, SessionType
from mdma.sessions.schemas import (
    AttendanceInput,
    AttendanceSchema,
    GuestInput,
    GuestSchema,
    InviteInput,
    RegistrationInput,
    RegistrationSchema,
    SeriesInput,
    SessionEdit,
    SessionInput,
    SessionQuery,
    SessionSchema,
    SessionTypeSchema,
)
from mdma.sessions.states import SessionPermission as SP
from mdma.sessions.times import in_brussels, to_utc

blp = Blueprint(
    "sessions_api",
    __name__,
    "/sessions",
    "Sessions: planning, invitations, registrations, agenda, minutes and action points",
)


def load(session_id: int) -> Session:
    meeting = db.session.get(Session, session_id)
    if meeting is None or not allowed(signed_in(), SP.READ, meeting):
        abort(404)
    return meeting


def _plan(data: dict) -> services.Plan:
    return services.Plan(
        type=one_of(SessionType, data["type_id"], "type_id"),
        theme=data["theme"],
        description=data["description"],
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
        place=data["place"],
        online_url=data["online_url"],
        capacity=data["capacity"],
        minute_taker=one_of(User, data["minute_taker_id"], "minute_taker_id"),
        sectors=rows_of(Sector, data["sector_ids"], "sector_ids"),
        organisations=rows_of(Organisation, data["organisation_ids"], "organisation_ids"),
        people=rows_of(User, data["person_ids"], "person_ids"),
    )


@blp.route("/types")
class SessionTypes(MethodView):
    @requires(SP.READ)
    @blp.response(200, SessionTypeSchema(many=True))
    def get(self):
        """The kinds of session, with their defaults."""
        return queries.session_types()


@blp.route("")
class Sessions(MethodView):
    @requires(SP.READ)
    @blp.arguments(SessionQuery, location="query")
    @blp.response(200, SessionSchema(many=True))
    @blp.paginate(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE)
    def get(self, query, pagination_parameters):
        """Upcoming sessions, soonest first (or past ones, latest first), by type and theme."""
        filters = queries.SessionFilter(
            past=query["when"] == "past", type_id=query["type_id"], theme=query["theme"].strip()
        )
        return page_of(queries.list_query(filters, signed_in()), pagination_parameters)

    @requires(SP.PLAN)
    @blp.arguments(SessionInput)
    @blp.response(201, SessionSchema)
    def post(self, data):
        """Plan a session and invite; the invitees get a notification and an iCalendar mail."""
        plan = _plan(data)
        with one_commit():
            meeting = services.plan(
                signed_in(), plan, confirmed=data["confirmed_not_personal_data"]
            )
        return meeting


@blp.route("/series")
class SessionSeries(MethodView):
    @requires(SP.PLAN)
    @blp.arguments(SeriesInput)
    @blp.response(201, SessionSchema(many=True))
    def post(self, data):
        """Plan a series at once (e.g. the second Tuesday of every other month); each session
        links to the previous one and starts by approving its minutes."""
        plan = _plan(data)
        start, end = in_brussels(to_utc(plan.starts_at)), in_brussels(to_utc(plan.ends_at))
        with one_commit():
            planned = series.plan_series(
                signed_in(), plan, day=start.date(), start=start.time(), end=end.time(),
                every_months=data["every_months"], count=data["count"],
                confirmed=data["confirmed_not_personal_data"],
            )  # fmt: skip
        return planned


@blp.route("/<int:session_id>")
class SessionById(MethodView):
    @requires(SP.READ)
    @blp.response(200, SessionSchema)
    def get(self, session_id):
        """One session: its type, times, place, places taken and calendar identity."""
        return load(session_id)

    @requires(SP.PLAN)
    @blp.arguments(SessionEdit)
    @blp.response(200, SessionSchema)
    def put(self, data, session_id):
        """Change a session (send every field, with the version it was read at); a new time or
        place sends an update with SEQUENCE raised."""
        meeting = load(session_id)
        plan = _plan(data)
        with one_commit():
            services.update(
                signed_in(), meeting, plan, version=data["version"],
                confirmed=data["confirmed_not_personal_data"],
            )  # fmt: skip
            services.invite(signed_in(), meeting, sectors=plan.sectors,
                            organisations=plan.organisations, people=plan.people)  # fmt: skip
        return meeting


@blp.route("/<int:session_id>/cancel")
class SessionCancel(MethodView):
    @requires(SP.PLAN)
    @blp.response(200, SessionSchema)
    def post(self, session_id):
        """Cancel: everyone concerned gets METHOD:CANCEL."""
        meeting = load(session_id)
        with one_commit():
            services.cancel(signed_in(), meeting)
        return meeting


@blp.route("/<int:session_id>/guests")
class SessionGuests(MethodView):
    @requires(SP.PLAN)
    @blp.arguments(GuestInput)
    @blp.response(201, GuestSchema)
    def post(self, data, session_id):
        """Invite someone from outside the network by e-mail: an account with that address is
        invited by name; else a guest account's invitation is mailed (the role `guest`: only
        the sessions they are invited to)."""
        meeting = load(session_id)
        with one_commit():
            done = guests.invite_guest(
                signed_in(), meeting, email=data["email"], name=data["name"],
                language=data["language"],
            )  # fmt: skip
        pending = isinstance(done, Invitation)
        return {"email": done.email, "name": done.name,
                "status": "pending" if pending else "invited"}  # fmt: skip


@blp.route("/<int:session_id>/invitations")
class SessionInvitations(MethodView):
    @requires(SP.PLAN)
    @blp.arguments(InviteInput)
    @blp.response(200, SessionSchema)
    def post(self, data, session_id):
        """Invite more sectors, organisations or people."""
        meeting = load(session_id)
        with one_commit():
            services.invite(
                signed_in(),
                meeting,
                sectors=rows_of(Sector, data["sector_ids"], "sector_ids"),
                organisations=rows_of(Organisation, data["organisation_ids"], "organisation_ids"),
                people=rows_of(User, data["person_ids"], "person_ids"),
            )
        return meeting


@blp.route("/<int:session_id>/registration")
class SessionRegistration(MethodView):
    @requires(SP.READ)
    @blp.arguments(RegistrationInput)
    @blp.response(200, RegistrationSchema)
    def post(self, data, session_id):
        """Register (a place, or the waiting list when full), decline or cancel."""
        meeting = load(session_id)
        verb = {
            "register": registrations.register,
            "decline": registrations.decline,
            "cancel": registrations.cancel,
        }[data["answer"]]
        with one_commit():
            registration = verb(signed_in(), meeting)
        return registration


@blp.route("/<int:session_id>/registrations")
class SessionRegistrations(MethodView):
    @requires(SP.PLAN)
    @blp.response(200, RegistrationSchema(many=True))
    def get(self, session_id):
        """Everyone who answered, in order: registered, waiting, declined, cancelled."""
        return queries.registrations(load(session_id))


@blp.route("/<int:session_id>/attendance")
class SessionAttendance(MethodView):
    @requires(SP.PLAN)
    @blp.arguments(AttendanceInput)
    @blp.response(200, AttendanceSchema)
    def put(self, data, session_id):
        """Who of the registered came (everyone else registered did not)."""
        meeting = load(session_id)
        with one_commit():
            count = registrations.record_attendance(signed_in(), meeting, set(data["present_ids"]))
        return {"registered": count}


# The agenda, minutes and action points live beside these, on the same blueprint.
from mdma.sessions import minutes_api  # noqa: E402, F401
