"""On a bottleneck's page: the proposals that took it up, with the state of each target
level (a section registered with `bottlenecks.hooks.panel`)."""

import sqlalchemy as sa
from flask import render_template

from mdma.bottlenecks import hooks
from mdma.extensions import db
from mdma.permissions import allowed
from mdma.proposals.models import Proposal, proposal_bottlenecks
from mdma.proposals.states import ProposalPermission


@hooks.panel
def proposals_panel(reader, bottleneck) -> str:
    if not allowed(reader, ProposalPermission.READ):
        return ""
    found = [
        proposal
        for proposal in db.session.scalars(
            sa.select(Proposal)
            .join(proposal_bottlenecks, proposal_bottlenecks.c.proposal_id == Proposal.id)
            .where(proposal_bottlenecks.c.bottleneck_id == bottleneck.id)
            .order_by(Proposal.id)
        ).unique()
        if allowed(reader, ProposalPermission.READ, proposal)
    ]
    if not found:
        return ""
    return render_template("proposals/_on_bottleneck.html", proposals=found)
