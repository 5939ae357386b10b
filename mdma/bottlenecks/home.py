"""What the home page shows of bottlenecks, per kind of work: each block counted in the
database, a few rows loaded with what they show, in a fixed number of queries."""

from datetime import date

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext

from mdma.bottlenecks.activity import (
    LISTED,
    Row,
    changed,
    count,
    first,
    followed_by,
    reported_by,
    routed_to,
)
from mdma.bottlenecks.links import bottleneck_sectors
from mdma.bottlenecks.models import Bottleneck
from mdma.bottlenecks.queries import awaiting_condition, overdue_condition
from mdma.bottlenecks.signals import queries as signals
from mdma.bottlenecks.states import STATUS_LABELS, Status
from mdma.core.home import ROWS, Block, Visit, per_label, provides
from mdma.directory.models import Sector
from mdma.extensions import db
from mdma.permissions import Permission, has_permission

# --- Front line: case managers and social workers -----------------------------------------------


@provides(10)
def front_line(visit: Visit) -> list[Block]:
    actor = visit.actor
    if not has_permission(actor, Permission.BOTTLENECK_REPORT):
        return []
    return [_my_bottlenecks(actor), _my_drafts(actor), _changed_for_reporter(visit)]


def _my_bottlenecks(actor) -> Block:
    mine = sa.select(Bottleneck).where(*LISTED, reported_by(actor))
    bottlenecks = first(mine.order_by(Bottleneck.submitted_at.desc(), Bottleneck.id.desc()))
    checking = signals.open_checks([b.id for b in bottlenecks])
    return Block(
        key="my-bottlenecks",
        title=_l("My bottlenecks"),
        count=count(mine),
        rows=[Row(b, signals.awaited(b, b.id in checking)) for b in bottlenecks],
        more_url=url_for("signals.my_signals"),
        more_label=_l("All my bottlenecks and what is awaited"),
        empty=_l("You have not reported a bottleneck yet."),
    )


def _my_drafts(actor) -> Block:
    drafts = sa.select(Bottleneck).where(
        Bottleneck.status == Status.DRAFT, Bottleneck.reporter_id == actor.id
    )
    return Block(
        key="my-drafts",
        title=_l("My drafts"),
        count=count(drafts),
        rows=[
            Row(b, when=b.updated_at)
            for b in first(drafts.order_by(Bottleneck.updated_at.desc(), Bottleneck.id.desc()))
        ],
        more_url=url_for("bottlenecks.drafts"),
        more_label=_l("All my drafts"),
        empty=_l("You have no drafts."),
        template="home/_drafts.html",
    )


def _changed_for_reporter(visit: Visit) -> Block:
    actor = visit.actor
    return _changed_since(
        visit,
        sa.or_(reported_by(actor), followed_by(actor)),
        more_url=url_for("bottlenecks.index", mine=1),
        more_label=_l("Everything I reported"),
        empty=_l("Nothing changed on your bottlenecks since your last visit."),
    )


def _changed_since(visit: Visit, concerned, *, more_url: str, more_label, empty) -> Block:
    """What others changed since the last visit on the bottlenecks `concerned` selects."""
    total, rows = changed(visit.actor, visit.since, concerned)
    return Block(
        key="changed",
        title=_l("Changed since your last visit"),
        count=total,
        rows=rows,
        more_url=more_url,
        more_label=more_label,
        empty=empty,
        template="home/_changes.html",
    )


# --- Policy owners: what is routed to their sectors --------------------------------------------


@provides(20)
def sector_answers(visit: Visit) -> list[Block]:
    actor = visit.actor
    # Who answers for sectors: the coordinator, who answers everywhere, has blocks of its own.
    if not has_permission(actor, Permission.BOTTLENECK_ANSWER) or has_permission(
        actor, Permission.BOTTLENECK_TRIAGE
    ):
        return []
    return [_awaiting_our_answer(actor), _changed_threads(visit)]


def _awaiting_our_answer(actor, today: date | None = None) -> Block:
    today = today or date.today()
    # Each routed sector owes its own first answer: ours is what our sectors still owe (a
    # named owner outside the routed sectors answers for any).
    ours = [sector.id for sector in actor.sectors] or None
    waiting = sa.select(Bottleneck).where(*LISTED, routed_to(actor), awaiting_condition(ours))
    bottlenecks = first(waiting.order_by(Bottleneck.answer_due_on.asc(), Bottleneck.id.asc()))
    total, overdue = count(waiting), count(waiting.where(Bottleneck.answer_due_on < today))
    return Block(
        key="awaiting-answer",
        title=_l("Awaiting our first answer"),
        count=total,
        rows=[
            Row(b, signals.awaited(b), b.answer_due_on, b.answer_due_on < today)
            for b in bottlenecks
        ],
        more_url=url_for("bottlenecks.index", routed=1, awaiting=1),
        more_label=(
            _l("All %(num)d awaiting our answer, %(late)d overdue", num=total, late=overdue)
            if overdue
            else _l("All awaiting our answer")
        ),
        empty=_l("Nothing routed to your sectors awaits a first answer."),
        template="home/_deadlines.html",
    )


def _changed_threads(visit: Visit) -> Block:
    actor = visit.actor
    return _changed_since(
        visit,
        sa.or_(routed_to(actor), followed_by(actor)),
        more_url=url_for("bottlenecks.index", routed=1),
        more_label=_l("Everything routed to my sectors"),
        empty=_l("Nothing changed on what is routed to you since your last visit."),
    )


# --- The coordinator ------------------------------------------------------------------------------


@provides(30)
def coordination(visit: Visit) -> list[Block]:
    if not has_permission(visit.actor, Permission.BOTTLENECK_TRIAGE):
        return []
    return [_triage_queue(), _overdue_per_sector(), _candidates(), _overdue_reports()]


def _triage_queue() -> Block:
    queue = sa.select(Bottleneck).where(
        Bottleneck.status == Status.SUBMITTED, Bottleneck.merged_into_id.is_(None)
    )
    return Block(
        key="triage",
        title=_l("To route"),
        count=count(queue),
        rows=[
            Row(b, when=b.submitted_at)
            for b in first(queue.order_by(Bottleneck.submitted_at.asc(), Bottleneck.id.asc()))
        ],
        more_url=url_for("bottlenecks.triage_queue"),
        more_label=_l("The whole triage queue"),
        empty=_l("Nothing waits to be routed."),
        template="home/_submitted.html",
    )


def _overdue_per_sector(today: date | None = None) -> Block:
    today = today or date.today()
    link = bottleneck_sectors.c
    overdue = sa.select(Bottleneck.id).where(*LISTED, overdue_condition(today))
    per_sector = db.session.execute(
        sa.select(Sector, sa.func.count(link.bottleneck_id).label("overdue"))
        .join(bottleneck_sectors, link.sector_id == Sector.id)
        .where(link.bottleneck_id.in_(overdue))
        .group_by(Sector.id)
        .order_by(sa.desc("overdue"), Sector.position)
    ).all()
    return Block(
        key="overdue-per-sector",
        title=_l("Overdue first answers per sector"),
        count=count(overdue),
        rows=[
            (sector.name, number, url_for("bottlenecks.index", overdue=1, sector=sector.id))
            for sector, number in per_sector
        ],
        more_url=url_for("bottlenecks.index", overdue=1),
        more_label=_l("All overdue answers"),
        empty=_l("No routed sector is late with its first answer."),
        template="home/_per_sector.html",
    )


def _candidates() -> Block:
    query = signals.candidates_query()
    found = db.session.execute(query.limit(ROWS)).all()
    return Block(
        key="candidates",
        title=_l("Candidates for a structural check"),
        count=count(query),
        rows=[Row(b, when=signal.candidate_since) for b, signal in found],
        more_url=url_for("bottlenecks.triage_queue") + "#candidates-heading",
        more_label=_l("All candidates"),
        empty=_l("No bottleneck has the evidence of a candidate yet."),
        template="home/_candidates.html",
    )


def _overdue_reports() -> Block:
    query = signals.overdue_reports_query(date.today())
    found = db.session.execute(query.limit(ROWS)).all()
    return Block(
        key="overdue-reports",
        title=_l("Overdue progress reports"),
        count=count(query),
        rows=[Row(b, when=signal.next_report_due_on, late=True) for b, signal in found],
        more_url=url_for("bottlenecks.triage_queue") + "#reports-heading",
        more_label=_l("All overdue progress reports"),
        empty=_l("Every owner of a structural signal reported on time."),
        template="home/_deadlines.html",
    )


# --- Researchers: the evidence ----------------------------------------------------------------


@provides(40)
def research(visit: Visit) -> list[Block]:
    actor = visit.actor
    # Who reads for research: the logbook's reader who neither triages nor manages accounts.
    if not has_permission(actor, Permission.LOGBOOK_READ) or any(
        has_permission(actor, p) for p in (Permission.BOTTLENECK_TRIAGE, Permission.USER_MANAGE)
    ):
        return []
    return [_per_status(), _most_evidence()]


def _per_status() -> Block:
    counts = dict(
        db.session.execute(
            sa.select(Bottleneck.status, sa.func.count()).where(*LISTED).group_by(Bottleneck.status)
        ).all()
    )
    rows = per_label(
        counts, STATUS_LABELS, lambda status: url_for("bottlenecks.index", status=status.value)
    )
    return Block(
        key="per-status",
        title=_l("Bottlenecks per state"),
        count=sum(counts.values()),
        rows=rows,
        more_url=url_for("bottlenecks.index"),
        more_label=_l("Search all bottlenecks"),
        empty=_l("No bottleneck has been reported yet."),
        template="home/_per_sector.html",
    )


def _most_evidence() -> Block:
    listed = sa.select(Bottleneck).where(*LISTED)
    return Block(
        key="most-evidence",
        title=_l("Most evidence"),
        count=count(listed.where(Bottleneck.occurrence_count > 0)),
        rows=[
            Row(b, lazy_ngettext("%(num)d occurrence", "%(num)d occurrences", b.occurrence_count))
            for b in first(
                listed.order_by(Bottleneck.occurrence_count.desc(), Bottleneck.id.desc())
            )
        ],
        more_url=url_for("bottlenecks.index", sort="occurrences"),
        more_label=_l("All, the most occurrences first"),
        empty=_l("No bottleneck has been reported yet."),
    )
