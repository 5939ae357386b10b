"""The read side: the evidence panel (counted in the database, a fixed number of queries
however many bottlenecks and occurrences), the tracking board, a proposal's timeline."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import get_locale

from mdma.accounts.models import User
from mdma.bottlenecks.links import bottleneck_sectors
from mdma.bottlenecks.models import Bottleneck, Occurrence
from mdma.core.lifecycle import Step
from mdma.core.pagination import IdPagination, paginate_ids
from mdma.directory.models import LIFE_DOMAIN_LABELS, LifeDomain, Sector
from mdma.extensions import db
from mdma.permissions import allowed
from mdma.proposals.models import Followup, Progress, Proposal, proposal_bottlenecks
from mdma.proposals.states import (
    FOLLOW_UP,
    LIFECYCLE,
    FollowUp,
    ProposalPermission,
    Status,
    is_overdue,
)
from mdma.sessions.models import Decision


@dataclass
class Evidence:
    bottlenecks: int = 0
    #: The original reports count as occurrences, as everywhere.
    occurrences: int = 0
    reporters: int = 0
    organisations: int = 0
    first: date | None = None
    last: date | None = None
    #: LifeDomain value → bottlenecks that name it.
    domains: Counter = field(default_factory=Counter)
    #: (sector, bottlenecks routed to it), most first.
    sectors: list = field(default_factory=list)
    #: "2026 Q3" → occurrences, oldest first.
    quarters: dict = field(default_factory=dict)

    @property
    def domain_labels(self) -> list[tuple]:
        return [(LIFE_DOMAIN_LABELS[LifeDomain(d)], n) for d, n in self.domains.most_common()]

    @property
    def busiest_quarter(self) -> int:
        return max(self.quarters.values(), default=0)

    def figures(self) -> dict:
        """The figures as the API's schema dumps them."""
        return {
            "bottlenecks": self.bottlenecks,
            "occurrences": self.occurrences,
            "reporters": self.reporters,
            "organisations": self.organisations,
            "first": self.first,
            "last": self.last,
            "domains": dict(self.domains),
            "sectors": dict(self.sectors),
            "quarters": self.quarters,
        }


def _day(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):  # SQLite answers MIN/MAX over a union as text
        return date.fromisoformat(value[:10])
    return value


def evidence(proposal_ids) -> Evidence:
    """The evidence of one or more proposals together (each bottleneck once), in four
    queries however much evidence there is."""
    ids = [proposal_ids] if isinstance(proposal_ids, int) else list(proposal_ids)
    link = proposal_bottlenecks.c
    links = (
        sa.select(sa.literal(0).label("key"), link.bottleneck_id)
        .where(link.proposal_id.in_(ids))
        .distinct()
        .subquery()
    )
    return _counted(links).get(0) or Evidence()


def evidence_each(proposal_ids) -> dict[int, "Evidence"]:
    """The evidence of each proposal, by id: the same four queries for all of them (an
    advice of 200 proposals)."""
    link = proposal_bottlenecks.c
    links = (
        sa.select(link.proposal_id.label("key"), link.bottleneck_id)
        .where(link.proposal_id.in_(list(proposal_ids)))
        .subquery()
    )
    counted = _counted(links)
    return {pid: counted.get(pid) or Evidence() for pid in proposal_ids}


def bottleneck_evidence(bottleneck_ids) -> Evidence:
    """The evidence of some bottlenecks together, in the same four queries."""
    links = sa.select(sa.literal(0).label("key"), Bottleneck.id.label("bottleneck_id")).where(
        Bottleneck.id.in_(list(bottleneck_ids))
    )
    return _counted(links.subquery()).get(0) or Evidence()


def bottleneck_evidence_each(bottleneck_ids) -> dict[int, Evidence]:
    """The evidence of each bottleneck, by id, in the same four queries for all of them."""
    links = sa.select(Bottleneck.id.label("key"), Bottleneck.id.label("bottleneck_id")).where(
        Bottleneck.id.in_(list(bottleneck_ids))
    )
    counted = _counted(links.subquery())
    return {bid: counted.get(bid) or Evidence() for bid in bottleneck_ids}


def _counted(links) -> dict[int, Evidence]:
    """Per key of `links` (key, bottleneck_id): totals; reporters and their organisations;
    sectors; occurrences per month (folded into quarters)."""
    b, key = Bottleneck, links.c.key
    domain_counts = [
        sa.func.sum(sa.case((b.domains.contains(d.value), 1), else_=0)) for d in LifeDomain
    ]
    found: dict[int, Evidence] = {}
    for row in db.session.execute(
        sa.select(key, sa.func.count(b.id), sa.func.sum(b.occurrence_count + 1), *domain_counts)
        .join(b, b.id == links.c.bottleneck_id)
        .group_by(key)
    ):
        found[row[0]] = Evidence(
            bottlenecks=row[1],
            occurrences=row[2] or 0,
            domains=Counter({d.value: n for d, n in zip(LifeDomain, row[3:], strict=True) if n}),
        )
    # Every occurrence, the original reports included: who and when.
    happened = sa.union_all(
        sa.select(
            key.label("key"),
            b.reporter_id.label("reporter_id"),
            # date(): a day on PostgreSQL (a cast) and on SQLite (ISO text) alike.
            sa.func.date(sa.func.coalesce(b.submitted_at, b.created_at), type_=sa.Date).label(
                "day"
            ),
        ).join(b, b.id == links.c.bottleneck_id),
        sa.select(key, Occurrence.reporter_id, Occurrence.occurred_on).join(
            Occurrence, Occurrence.bottleneck_id == links.c.bottleneck_id
        ),
    ).subquery()
    for row in db.session.execute(
        sa.select(
            happened.c.key,
            sa.func.count(sa.distinct(happened.c.reporter_id)),
            sa.func.count(sa.distinct(User.organisation_id)),
            sa.func.min(happened.c.day),
            sa.func.max(happened.c.day),
        )
        .join(User, User.id == happened.c.reporter_id)
        .group_by(happened.c.key)
    ):
        evidence = found[row[0]]
        evidence.reporters, evidence.organisations = row[1], row[2]
        evidence.first, evidence.last = _day(row[3]), _day(row[4])
    counted = sa.func.count(bottleneck_sectors.c.bottleneck_id)
    for row in db.session.execute(
        sa.select(key, Sector.name_nl, Sector.name_fr, Sector.name_en, counted)
        .join(bottleneck_sectors, bottleneck_sectors.c.bottleneck_id == links.c.bottleneck_id)
        .join(Sector, Sector.id == bottleneck_sectors.c.sector_id)
        .group_by(key, Sector.id, Sector.name_nl, Sector.name_fr, Sector.name_en)
        .order_by(key, counted.desc(), Sector.id)
    ):
        found[row[0]].sectors.append((_sector_name(row[1:4]), row[4]))
    year = sa.extract("year", happened.c.day)
    month = sa.extract("month", happened.c.day)
    for row in db.session.execute(
        sa.select(happened.c.key, year, month, sa.func.count())
        .group_by(happened.c.key, year, month)
        .order_by(happened.c.key, year, month)
    ):
        quarter = f"{int(row[1])} Q{(int(row[2]) - 1) // 3 + 1}"
        quarters = found[row[0]].quarters
        quarters[quarter] = quarters.get(quarter, 0) + row[3]
    return found


def _sector_name(names) -> str:
    """A sector's name in the reader's language, as `Sector.name` gives it."""
    language = str(get_locale() or "nl")[:2]
    nl, fr, en = names
    return {"nl": nl, "fr": fr, "en": en}.get(language) or nl


# --- The tracking board ----------------------------------------------------------------------


@dataclass
class BoardFilter:
    level: str | None = None
    status: str | None = None
    proposal_status: str | None = None
    owner_id: int | None = None
    overdue: bool = False


@dataclass
class BoardRow:
    followup: Followup
    overdue: bool


#: The board shows this many follow-ups at most; the filters narrow it down.
BOARD_ROWS = 100
#: A page of the board, unless the address asks for another size (up to BOARD_ROWS).
BOARD_PAGE = 50


def board(flt: BoardFilter, weeks: int, today: date | None = None, limit: int = BOARD_ROWS):
    """Follow-ups of adopted (or closed) proposals by level and state, with their proposal,
    in one query; overdue ones (no answer after `weeks` weeks) marked. One more row than
    `limit` says that there are more."""
    today = today or date.today()
    query = _board_query(sa.select(Followup), flt, weeks, today)
    rows = db.session.scalars(query.limit(limit + 1)).unique().all()
    return [BoardRow(f, is_overdue(f, weeks, today)) for f in rows]


def board_page(
    flt: BoardFilter, weeks: int, *, page: int | None = None, per_page: int | None = None,
    today: date | None = None,
) -> tuple[IdPagination, list[BoardRow]]:  # fmt: skip
    """One page of the board (`core.pagination`: the ids of the page first, then its rows),
    the same statements whatever the page size."""
    today = today or date.today()
    ids = _board_query(sa.select(Followup.id), flt, weeks, today)
    per_page = max(1, min(per_page or BOARD_PAGE, BOARD_ROWS))
    found = paginate_ids(ids, Followup, page=page, per_page=per_page, max_per_page=BOARD_ROWS)
    return found, [BoardRow(f, is_overdue(f, weeks, today)) for f in found.items]


def _board_query(query: sa.Select, flt: BoardFilter, weeks: int, today: date) -> sa.Select:
    query = (
        query.join(Followup.proposal)
        .where(Proposal.status.in_([Status.ADOPTED, Status.CLOSED]))
        .order_by(Followup.level, Followup.status, Followup.submitted_on, Followup.id)
    )
    if flt.level:
        query = query.where(Followup.level == flt.level)
    if flt.status:
        query = query.where(Followup.status == flt.status)
    if flt.owner_id:
        query = query.where(Proposal.owner_id == flt.owner_id)
    if flt.overdue:
        query = query.where(
            Followup.status == FollowUp.SUBMITTED,
            Followup.submitted_on < today - timedelta(weeks=weeks),
        )
    return query


def proposals_list(actor, status: str | None = None, limit: int = 200) -> list[Proposal]:
    """Proposals, newest first; drafts only their owner's (and the coordinator's)."""
    query = sa.select(Proposal).order_by(Proposal.id.desc())
    if status:
        query = query.where(Proposal.status == status)
    if not allowed(actor, ProposalPermission.STEER):
        query = query.where(sa.or_(Proposal.status != Status.DRAFT, Proposal.owner_id == actor.id))
    return list(db.session.scalars(query.limit(limit)).unique())


# --- The timeline -------------------------------------------------------------------------------


@dataclass
class Moment:
    at: datetime
    #: "bottleneck", "session", "decision", "proposal", "followup", "progress".
    kind: str
    title: str
    detail: str = ""
    level: str | None = None


def timeline(proposal: Proposal) -> list[Moment]:
    """Its story as one line: bottlenecks → sessions → proposal → advice → answer per level →
    implementation; in a fixed number of queries, however long the story."""
    moments = [
        Moment(b.submitted_at or b.created_at, "bottleneck", b.title) for b in proposal.bottlenecks
    ]
    for meeting in proposal.sessions:
        moments.append(Moment(meeting.starts_at, "session", meeting.title))
    if proposal.decision_id is not None:
        decision = db.session.get(Decision, proposal.decision_id)
        moments.append(Moment(decision.created_at, "decision", decision.item.session.title))
    by_id = {f.id: f for f in proposal.followups}
    steps = db.session.scalars(
        sa.select(Step)
        .where(
            sa.or_(
                sa.and_(Step.subject_type == "proposals", Step.subject_id == proposal.id),
                sa.and_(
                    Step.subject_type == "proposal_followups", Step.subject_id.in_(list(by_id))
                ),
            )
        )
        .order_by(Step.at, Step.id)
    ).all()
    for step in steps:
        if step.subject_type == "proposals":
            moments.append(
                Moment(step.at, "proposal", str(LIFECYCLE.label(step.target)), step.reason)
            )
        else:
            followup = by_id[step.subject_id]
            moments.append(
                Moment(
                    step.at, "followup", str(FOLLOW_UP.label(step.target)), step.reason,
                    followup.level,
                )
            )  # fmt: skip
    progress = db.session.scalars(
        sa.select(Progress).where(Progress.followup_id.in_(list(by_id)))
    ).all()
    for update in progress:
        moments.append(
            Moment(
                update.at, "progress", f"{update.percent} %", update.text,
                by_id[update.followup_id].level,
            )
        )  # fmt: skip
    return sorted(moments, key=lambda m: m.at)
