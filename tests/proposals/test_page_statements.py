"""The proposal pages read what they show in a fixed number of statements: the list and the
board do not grow with their rows, the proposal page not with its bottlenecks and levels."""

from mdma.proposals import services
from tests import factories
from tests.conftest import login
from tests.proposals.conftest import draft_of


def _adopted(coordinator, owner, count: int, bottlenecks=()) -> list:
    made = []
    for number in range(count):
        proposal = services.save(
            owner, None,
            draft_of(owner, bottlenecks, title=f"Voorstel {number}",
                     levels={"local": "Raad", "flemish": "Minister", "federal": ""}),
        )  # fmt: skip
        services.transition(coordinator, proposal, "under_discussion")
        services.transition(coordinator, proposal, "adopted")
        made.append(proposal)
    return made


def _statements(client, session, count_queries, reader, url) -> list[str]:
    session.commit()  # expires every loaded object: the request starts cold
    login(client, reader)
    with count_queries() as counted:
        assert client.get(url).status_code == 200
    return counted.statements


def test_the_list_and_the_board_do_not_grow_with_their_rows(
    client, session, count_queries, coordinator, owner
):
    _adopted(coordinator, owner, 2)
    few = {
        url: len(_statements(client, session, count_queries, coordinator, url))
        for url in ("/proposals", "/proposals/board")
    }
    _adopted(coordinator, owner, 12)
    many = {
        url: len(_statements(client, session, count_queries, coordinator, url))
        for url in ("/proposals", "/proposals/board")
    }
    assert many == few


def test_the_proposal_page_does_not_grow_with_its_evidence(
    client, session, count_queries, coordinator, owner, routed
):
    [small] = _adopted(coordinator, owner, 1, routed[:1])
    more = [factories.create_bottleneck() for _ in range(6)]
    for bottleneck in more:
        factories.route_bottleneck(bottleneck, coordinator=coordinator)
    [large] = _adopted(coordinator, owner, 1, [*routed, *more])
    few = _statements(client, session, count_queries, coordinator, f"/proposals/{small.id}")
    many = _statements(client, session, count_queries, coordinator, f"/proposals/{large.id}")
    assert len(many) == len(few), "\n".join(s[:150] for s in many)
