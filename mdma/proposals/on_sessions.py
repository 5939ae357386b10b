"""What proposals add to sessions, through `sessions.hooks` (sessions never imports proposals):
"turn into a proposal" beside each decision, and agenda items of the kind "proposal"."""

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from mdma.core.errors import RuleViolation
from mdma.core.logbook import record
from mdma.extensions import db
from mdma.permissions import has_permission
from mdma.proposals import services
from mdma.proposals.models import Proposal, proposal_agenda_items, proposal_sessions
from mdma.proposals.states import ProposalPermission
from mdma.sessions import hooks
from mdma.sessions.models import AgendaItem, ItemKind


@hooks.decision_action
def turn_into_proposal(actor, decision) -> list[hooks.Action]:
    if not has_permission(actor, ProposalPermission.WRITE):
        return []
    return [
        hooks.Action(_l("Turn into a proposal"), url_for("proposals.new", decision=decision.id))
    ]


class ProposalItems:
    """Agenda items of the kind "proposal": the planner must be able to read the proposal."""

    def title(self, actor, meeting, subject_id) -> str:
        proposal = db.session.get(Proposal, subject_id or 0)
        if proposal is None or not services.can_read(actor, proposal):
            raise RuleViolation(_("Choose a proposal you can see."), "proposal_id")
        on_agenda = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(proposal_agenda_items)
            .join(AgendaItem, AgendaItem.id == proposal_agenda_items.c.item_id)
            .where(
                AgendaItem.session_id == meeting.id,
                proposal_agenda_items.c.proposal_id == proposal.id,
            )
        )
        if on_agenda:
            raise RuleViolation(_("This proposal is on the agenda already."), "proposal_id")
        return proposal.title

    def attach(self, actor, item, subject_id) -> None:
        """Link the item to its proposal; the session counts as one where it was discussed."""
        db.session.execute(
            proposal_agenda_items.insert().values(item_id=item.id, proposal_id=subject_id)
        )
        linked = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(proposal_sessions)
            .where(
                proposal_sessions.c.proposal_id == subject_id,
                proposal_sessions.c.session_id == item.session_id,
            )
        )
        if not linked:
            db.session.execute(
                proposal_sessions.insert().values(
                    proposal_id=subject_id, session_id=item.session_id
                )
            )
        proposal = db.session.get(Proposal, subject_id)
        db.session.expire(proposal, ["sessions"])
        record(actor, "proposal:on_agenda", proposal, session_id=item.session_id, item_id=item.id)

    def links(self, items) -> dict[int, hooks.Link]:
        rows = db.session.execute(
            sa.select(proposal_agenda_items.c.item_id, Proposal.id, Proposal.title)
            .join(Proposal, Proposal.id == proposal_agenda_items.c.proposal_id)
            .where(proposal_agenda_items.c.item_id.in_([item.id for item in items]))
        ).all()
        return {
            item_id: hooks.Link(url_for("proposals.detail", proposal_id=pid), title)
            for item_id, pid, title in rows
        }


hooks.item_kind(ItemKind.PROPOSAL, ProposalItems())
