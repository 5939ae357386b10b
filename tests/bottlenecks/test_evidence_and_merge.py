"""Evidence counts and merging duplicates."""

from datetime import date

import pytest

from mdma.bottlenecks import queries, services
from mdma.bottlenecks.states import Status
from mdma.core.errors import RuleViolation
from tests import factories
from tests.factories import create_bottleneck


def test_evidence_counts_occurrences_reporters_families_months_and_domains(session, create_user):
    writer, colleague = create_user(), create_user("social_worker")
    bottleneck = create_bottleneck(writer, domains=("housing",), sectors=())
    services.add_occurrence(colleague, bottleneck, occurred_on=date(2026, 9, 3), domains=["income"])
    services.add_occurrence(
        colleague, bottleneck, occurred_on=date(2026, 10, 8), domains=["housing"]
    )
    services.add_occurrence(writer, bottleneck, occurred_on=date(2026, 10, 20))
    found = queries.evidence(bottleneck)
    assert (found.occurrences, found.reporters, found.families) == (3, 2, 4)
    assert found.per_month == {"2026-09": 1, "2026-10": 2}
    assert found.domains == {"housing": 2, "income": 1}


def test_merge_moves_occurrences_and_followers_and_counts_the_duplicate(session, create_user):
    coordinator = create_user("coordinator")
    first, second = create_user(), create_user()
    keep = create_bottleneck(first, domains=("housing",), sectors=())
    duplicate = create_bottleneck(second, "Waarborg te duur", domains=("income",), sectors=())
    services.add_occurrence(first, duplicate, occurred_on=date(2026, 11, 2))
    services.merge(coordinator, keep, duplicate)
    assert duplicate.merged_into_id == keep.id and duplicate.status == Status.CLOSED
    assert second in keep.followers
    assert queries.evidence(keep).occurrences == 2  # the moved one and the duplicate itself
    assert set(keep.domain_list) == {"housing", "income"}


def test_only_the_coordinator_merges(session, create_user):
    writer = create_user()
    keep, duplicate = (
        create_bottleneck(writer, domains=("housing",), sectors=()),
        create_bottleneck(writer, "Ander", domains=("housing",), sectors=()),
    )
    with pytest.raises(RuleViolation) as refused:
        services.merge(writer, keep, duplicate)
    assert refused.value.status == 403
    assert duplicate.merged_into_id is None


def test_a_merged_bottleneck_takes_no_more_occurrences(session, create_user):
    coordinator, writer = create_user("coordinator"), create_user()
    keep, duplicate = (
        create_bottleneck(writer, domains=("housing",), sectors=()),
        create_bottleneck(writer, "Ander", domains=("housing",), sectors=()),
    )
    services.merge(coordinator, keep, duplicate)
    with pytest.raises(RuleViolation):
        services.add_occurrence(writer, duplicate, occurred_on=date(2026, 11, 2))
    with pytest.raises(RuleViolation):
        services.merge(coordinator, keep, duplicate)


def test_evidence_takes_two_queries_whatever_the_number_of_occurrences(
    session, create_user, count_queries
):
    writer = create_user()
    bottleneck = create_bottleneck(writer, domains=("housing",), sectors=())
    for day in range(1, 21):
        services.add_occurrence(writer, bottleneck, occurred_on=date(2026, 10, day))
    session.flush()
    with count_queries() as counted:
        queries.evidence(bottleneck)
    assert len(counted) <= 2


def test_sector_choice_is_kept_when_merging(session, create_user):
    coordinator, writer = create_user("coordinator"), create_user()
    keep = create_bottleneck(writer, domains=("housing",), sectors=())
    duplicate = services.report(
        writer,
        services.Report(title="Dubbel", description="", sectors=[factories.sector("health")]),
    )
    services.merge(coordinator, keep, duplicate)
    assert factories.sector("health") in keep.sectors
