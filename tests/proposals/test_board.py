"""The tracking board in pages (`core.pagination`): every follow-up reachable, the same
statements whatever the page size."""

from tests.proposals.test_home import adopted_proposals


def test_the_board_pages_through_every_follow_up(
    client, session, login_as, owner, coordinator, routed
):
    proposals = adopted_proposals(owner, coordinator, routed, 3)  # two levels each
    login_as(coordinator)
    seen = ""
    for number in (1, 2, 3):
        page = client.get(f"/proposals/board?per_page=2&page={number}").get_data(as_text=True)
        assert page.count('<th scope="row">') == 2
        seen += page
    assert all(p.title in seen for p in proposals)
    first = client.get("/proposals/board?per_page=2").get_data(as_text=True)
    assert 'rel="next"' in first and 'aria-label="Pages"' in first


def test_a_board_page_takes_the_same_queries_at_two_sizes(
    client, session, login_as, count_queries, owner, coordinator, routed
):
    adopted_proposals(owner, coordinator, routed, 6)
    session.commit()
    login_as(coordinator)
    client.get("/proposals/board")  # what a first request loads once
    with count_queries() as few:
        assert client.get("/proposals/board?per_page=2").status_code == 200
    with count_queries() as many:
        assert client.get("/proposals/board?per_page=10").status_code == 200
    assert len(many) == len(few), "\n".join(s[:150] for s in many.statements)
