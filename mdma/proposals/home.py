"""What the home page shows of proposals: the coordinator's follow-ups that wait too long for
a level's answer and adopted proposals in no advice yet; an owner's levels that await their
step. Each block counted in the database, its first rows loaded, in a fixed number of queries."""

from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import lazy_gettext as _l

from mdma.core.home import ROWS, Block, Visit, provides
from mdma.extensions import db
from mdma.permissions import has_permission
from mdma.proposals.models import Followup, Proposal
from mdma.proposals.states import FollowUp, ProposalPermission, Status

#: The steps of a level that are its owner's to take: submit, record the answer, implement.
OWNER_STEPS = (
    FollowUp.IN_ADVICE,
    FollowUp.SUBMITTED,
    FollowUp.ANSWERED,
    FollowUp.IN_IMPLEMENTATION,
)
FOLLOWED = (Status.ADOPTED, Status.CLOSED)


def _count(query: sa.Select) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0


def _level_rows(query: sa.Select, *, late: bool = False) -> list[dict]:
    followups = db.session.scalars(query.limit(ROWS)).unique().all()
    return [
        {
            "label": f.proposal.title,
            "url": url_for("proposals.detail", proposal_id=f.proposal_id),
            "note": f"{f.level_label}: {f.status_label}",
            "when": f.submitted_on,
            "late": late,
        }
        for f in followups
    ]


@provides(35)
def coordination(visit: Visit) -> list[Block]:
    if not has_permission(visit.actor, ProposalPermission.STEER):
        return []
    return [_waiting_too_long(), _in_no_advice()]


def _waiting_too_long(today: date | None = None) -> Block:
    weeks = current_app.config["MDMA_PROPOSAL_ANSWER_WEEKS"]
    since = (today or date.today()) - timedelta(weeks=weeks)
    waiting = (
        sa.select(Followup)
        .join(Followup.proposal)
        .where(
            Proposal.status.in_(FOLLOWED),
            Followup.status == FollowUp.SUBMITTED,
            Followup.submitted_on < since,
        )
    )
    return Block(
        key="proposal-answers-overdue",
        title=_l("Follow-ups waiting too long for an answer"),
        count=_count(waiting),
        rows=_level_rows(waiting.order_by(Followup.submitted_on, Followup.id), late=True),
        more_url=url_for("proposals.board", overdue="y"),
        more_label=_l("All overdue follow-ups on the board"),
        empty=_l("Every level answered in time."),
        template="home/_proposals.html",
    )


def _in_no_advice() -> Block:
    included = sa.select(Followup.id).where(
        Followup.proposal_id == Proposal.id, Followup.advice_id.is_not(None)
    )
    adopted = sa.select(Proposal).where(Proposal.status == Status.ADOPTED, ~included.exists())
    proposals = db.session.scalars(
        adopted.order_by(Proposal.adopted_at, Proposal.id).limit(ROWS)
    ).all()
    return Block(
        key="proposals-in-no-advice",
        title=_l("Adopted proposals in no advice"),
        count=_count(adopted),
        rows=[
            {
                "label": p.title,
                "url": url_for("proposals.detail", proposal_id=p.id),
                "note": "",
                "when": p.adopted_at,
                "late": False,
            }
            for p in proposals
        ],
        more_url=url_for("advices.new"),
        more_label=_l("Compile an advice"),
        empty=_l("Every adopted proposal is in an advice."),
        template="home/_proposals.html",
    )


@provides(36)
def ownership(visit: Visit) -> list[Block]:
    actor = visit.actor
    if not has_permission(actor, ProposalPermission.WRITE):
        return []
    awaiting = (
        sa.select(Followup)
        .join(Followup.proposal)
        .where(
            Proposal.owner_id == actor.id,
            Proposal.status.in_(FOLLOWED),
            Followup.status.in_(OWNER_STEPS),
        )
    )
    total = _count(awaiting)
    if not total and has_permission(actor, ProposalPermission.STEER):
        return []  # the coordinator's own blocks say enough
    return [
        Block(
            key="my-proposal-levels",
            title=_l("My proposals: levels awaiting my step"),
            count=total,
            rows=_level_rows(awaiting.order_by(Followup.status, Followup.id)),
            more_url=url_for("proposals.board", owner=actor.id),
            more_label=_l("My proposals on the board"),
            empty=_l("None of your proposals' levels awaits your step."),
            template="home/_proposals.html",
        )
    ]
