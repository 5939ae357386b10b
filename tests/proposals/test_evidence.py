"""The evidence panel against a known fixture, counted in a fixed number of queries."""

from datetime import date

from mdma.bottlenecks import services as bottleneck_services
from mdma.proposals import queries, services
from tests import factories
from tests.proposals.conftest import draft_of


def test_the_evidence_of_a_proposal_is_counted_from_its_bottlenecks(proposal, routed):
    evidence = queries.evidence(proposal.id)
    assert evidence.bottlenecks == 2
    assert evidence.occurrences == 4  # two reports and two occurrences
    assert evidence.reporters == 2
    assert evidence.organisations == 2
    assert evidence.domains == {"income": 2, "children_stimulation": 1}
    assert dict(evidence.sectors).keys() == {
        routed[0].sectors[0].name,
        routed[1].sectors[0].name,
    }
    assert evidence.first == date(2026, 2, 3)
    assert evidence.last == date.today()
    today = date.today()
    assert evidence.quarters["2026 Q1"] == 1 and evidence.quarters["2026 Q3"] == 1
    assert evidence.quarters[f"{today.year} Q{(today.month - 1) // 3 + 1}"] >= 2
    assert sum(evidence.quarters.values()) == 4


def test_the_evidence_takes_the_same_queries_however_much_evidence_there_is(
    session, proposal, routed, count_queries
):
    session.flush()
    with count_queries() as few:
        queries.evidence(proposal.id)
    other = factories.create_user("case_manager", organisation=factories.create_organisation())
    for day in range(1, 25):
        bottleneck_services.add_occurrence(
            other, routed[1], occurred_on=date(2025, 1 + day % 12, day)
        )
    session.flush()
    with count_queries() as many:
        evidence = queries.evidence(proposal.id)
    assert evidence.occurrences == 28
    assert len(few) == len(many) == 4


def test_the_board_marks_an_overdue_answer(adopted, coordinator):
    flemish = adopted.followup("flemish")
    services.followup_step(coordinator, flemish, "in_advice")
    services.submit(coordinator, flemish, on=date(2026, 1, 5), to="Kabinet")
    rows = queries.board(queries.BoardFilter(level="flemish"), 12, today=date(2026, 6, 1))
    assert [(r.followup, r.overdue) for r in rows] == [(flemish, True)]
    assert queries.board(queries.BoardFilter(overdue=True), 12, today=date(2026, 2, 1)) == []


def test_the_evidence_of_each_proposal_takes_four_queries_for_all(
    session, proposal, adopted, routed, owner, count_queries
):
    other = services.save(owner, None, draft_of(owner, routed[1:], title="Tweede"))
    session.flush()
    with count_queries() as counted:
        each = queries.evidence_each([proposal.id, other.id])
    assert len(counted) == 4
    assert each[proposal.id] == queries.evidence(proposal.id)
    assert (each[other.id].bottlenecks, each[other.id].occurrences) == (1, 1)
