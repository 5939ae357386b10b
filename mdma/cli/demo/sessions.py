"""Demo sessions: the network's meetings of the coming months and one held last month, told
through the real services (fictional people and texts only)."""

from dataclasses import dataclass
from datetime import date, time, timedelta

import sqlalchemy as sa

from mdma.accounts.models import User
from mdma.bottlenecks.models import Bottleneck
from mdma.bottlenecks.states import Status
from mdma.directory.models import Sector
from mdma.extensions import db
from mdma.sessions import agenda, registrations, services
from mdma.sessions.models import Session, SessionType
from mdma.sessions.states import may_register
from mdma.sessions.times import from_local


@dataclass(frozen=True)
class Meeting:
    type: str
    theme: str
    days_ahead: int
    start: time
    hours: float
    place: str
    description: str
    sectors: tuple[str, ...] = ()
    capacity: int | None = None


MEETINGS = [
    Meeting("lunch_talk", "Voeding en voedselhulp", 9, time(12), 1.5, "Budascoop, zaal 1",
            "Een open lunchgesprek over voedselbedeling, sociale kruideniers en schoolmaaltijden.",
            capacity=30),
    Meeting("deep_dive", "Huisvesting en dakloosheid", 16, time(9, 30), 3, "Stadhuis, raadzaal",
            "Verdieping: huurwaarborg, wachtlijsten sociale huur en noodopvang voor gezinnen.",
            sectors=("housing", "income"), capacity=15),
    Meeting("mdma_meeting", "Tweemaandelijks MDMA-overleg", 30, time(14), 2, "OCMW, vergaderzaal 3",
            "Stand van de knelpunten, signalen en voorstellen van de voorbije twee maanden.",
            sectors=("employment", "education", "income", "housing", "children", "health")),
    Meeting("steering_group", "Stuurgroep MISSION", -20, time(10), 2, "Stadhuis, zaal 2",
            "Voortgang van het project en keuzes voor het volgende kwartaal.",
            sectors=("income", "children")),
]  # fmt: skip


def create_demo_sessions() -> int:
    """Plan the meetings that are not there yet (by theme); returns how many were added."""
    existing = set(db.session.scalars(sa.select(Session.theme)))
    users = {u.email.split("@")[0]: u for u in db.session.scalars(sa.select(User))}
    coordinator = users.get("coordinator")
    if coordinator is None:
        return 0
    added = 0
    for meeting in MEETINGS:
        if meeting.theme not in existing:
            _plan(meeting, coordinator, users)
            added += 1
    return added


def _plan(meeting: Meeting, coordinator: User, users: dict) -> Session:
    kind = db.session.scalar(sa.select(SessionType).where(SessionType.code == meeting.type))
    sectors = db.session.scalars(sa.select(Sector).where(Sector.code.in_(meeting.sectors))).all()
    day = date.today() + timedelta(days=meeting.days_ahead)
    start = from_local(day, meeting.start)
    # A meeting held last month is planned as it was then: the rule "not in the past" is the
    # planner's, and the demo tells the past.
    held = meeting.days_ahead < 0
    if held:
        start = from_local(date.today() + timedelta(days=7), meeting.start)
    plan = services.Plan(
        type=kind, theme=meeting.theme, description=meeting.description, starts_at=start,
        ends_at=start + timedelta(hours=meeting.hours), place=meeting.place,
        capacity=meeting.capacity, sectors=list(sectors),
    )  # fmt: skip
    session = services.plan(coordinator, plan)
    for name in ("housing", "income", "casemanager1"):
        person = users.get(name)
        if person is not None and may_register(person, session):
            registrations.register(person, session)
    bottleneck = db.session.scalar(
        sa.select(Bottleneck)
        .where(Bottleneck.status.in_([Status.TRIAGED, Status.IN_DISCUSSION]))
        .order_by(Bottleneck.id)
    )
    if meeting.type == "deep_dive" and users.get("guest") is not None:
        services.invite(coordinator, session, people=[users["guest"]])
    if meeting.type == "deep_dive" and bottleneck is not None:
        agenda.add_item(coordinator, session, kind="bottleneck", bottleneck=bottleneck,
                        minutes_slot=45, presenter=users.get("housing"))  # fmt: skip
    agenda.add_item(coordinator, session, kind="text", title="Rondvraag", minutes_slot=15)
    if held:
        shift = start - from_local(date.today() + timedelta(days=meeting.days_ahead), meeting.start)
        session.starts_at -= shift
        session.ends_at -= shift
        item = session.items[-1]
        agenda.record_minutes(coordinator, item, "Geen bijkomende punten. Volgende stuurgroep "
                              "bespreekt de **signalenbundel**.")  # fmt: skip
        agenda.add_decision(coordinator, item, "De signalenbundel gaat in juni naar het forum.")
        if users.get("income") is not None:
            agenda.add_action_point(
                coordinator, item, text="Eerste versie van de signalenbundel rondsturen",
                owner=users["income"], due_on=date.today() + timedelta(days=10),
            )  # fmt: skip
    db.session.flush()
    return session
