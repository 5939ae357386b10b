"""The home page's proposal blocks: the coordinator's follow-ups waiting too long and adopted
proposals in no advice; an owner's levels awaiting their step; in a fixed number of queries."""

from datetime import date, timedelta

import pytest

from mdma.proposals import services
from mdma.proposals.states import FollowUp
from tests.proposals.conftest import draft_of


def adopted_proposals(owner, coordinator, bottlenecks, number, *, submitted=False):
    found = []
    for n in range(number):
        proposal = services.save(owner, None, draft_of(owner, bottlenecks, title=f"Voorstel {n}"))
        services.transition(coordinator, proposal, "under_discussion")
        services.transition(coordinator, proposal, "adopted")
        if submitted:  # sent long ago, no answer since
            followup = proposal.followup("flemish")
            followup.status = FollowUp.SUBMITTED
            followup.submitted_on = date.today() - timedelta(weeks=52)
        found.append(proposal)
    return found


def block(page: str, key: str) -> str:
    start = page.index(f'id="block-{key}"')
    return page[start : page.index("</section>", start)]


def test_the_coordinator_sees_follow_ups_waiting_too_long(
    client, session, login_as, owner, coordinator, routed
):
    late = adopted_proposals(owner, coordinator, routed, 1, submitted=True)[0]
    login_as(coordinator)
    page = client.get("/").get_data(as_text=True)
    assert late.title in block(page, "proposal-answers-overdue")


def test_the_coordinator_sees_adopted_proposals_in_no_advice(
    client, session, login_as, owner, coordinator, routed
):
    waiting = adopted_proposals(owner, coordinator, routed, 1)[0]
    login_as(coordinator)
    page = client.get("/").get_data(as_text=True)
    assert waiting.title in block(page, "proposals-in-no-advice")


def test_an_owner_sees_the_levels_awaiting_their_step(
    client, session, login_as, owner, coordinator, routed
):
    mine = adopted_proposals(owner, coordinator, routed, 1, submitted=True)[0]
    login_as(owner)
    page = client.get("/").get_data(as_text=True)
    assert mine.title in block(page, "my-proposal-levels")
    assert "block-proposals-in-no-advice" not in page


@pytest.mark.parametrize("who", ["coordinator", "owner"])
def test_the_blocks_take_the_same_queries_however_much_work(
    client, session, login_as, count_queries, owner, coordinator, routed, who
):
    user = {"coordinator": coordinator, "owner": owner}[who]
    adopted_proposals(owner, coordinator, routed, 1, submitted=True)
    adopted_proposals(owner, coordinator, routed, 1)
    session.commit()
    login_as(user)
    with count_queries() as few:
        assert client.get("/").status_code == 200
    adopted_proposals(owner, coordinator, routed, 6, submitted=True)
    adopted_proposals(owner, coordinator, routed, 6)
    session.commit()
    with count_queries() as many:
        assert client.get("/").status_code == 200
    assert len(many) == len(few), "\n".join(s[:150] for s in many.statements)
