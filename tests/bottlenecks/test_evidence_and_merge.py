"""Evidence counts and merging duplicates."""

from collections import Counter
from datetime import date

import pytest

from mdma.bottlenecks import evidence, merging, services
from mdma.bottlenecks.signals import services as signals
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
    found = evidence.of(bottleneck)
    # The original report is the first occurrence, counted in the month it was submitted.
    assert (found.occurrences, found.reporters, found.families) == (4, 2, 4)
    reported = bottleneck.submitted_at.strftime("%Y-%m")
    assert found.per_month == Counter({"2026-09": 1, "2026-10": 2, reported: 1})
    assert found.domains == {"housing": 2, "income": 1}


def test_a_new_bottleneck_has_one_occurrence_everywhere(session, create_user):
    bottleneck = create_bottleneck(create_user(), domains=("housing",), sectors=())
    assert evidence.of(bottleneck).occurrences == 1
    assert bottleneck.occurrence_total == 1
    assert signals.evidence_figures(bottleneck)["occurrences"] == 1


def test_months_of_the_evidence_are_named_in_the_readers_language(app, session, create_user):
    bottleneck = create_bottleneck(create_user(), domains=("housing",), sectors=())
    services.add_occurrence(create_user(), bottleneck, occurred_on=date(2026, 3, 4))
    with app.test_request_context(headers={"Accept-Language": "nl"}):
        from flask_babel import force_locale

        with force_locale("nl"):
            assert ("maart 2026", 1) in evidence.of(bottleneck).months
        with force_locale("fr"):
            assert ("mars 2026", 1) in evidence.of(bottleneck).months


def test_merge_moves_occurrences_and_followers_and_counts_the_duplicate(session, create_user):
    coordinator = create_user("coordinator")
    first, second = create_user(), create_user()
    keep = create_bottleneck(first, domains=("housing",), sectors=())
    duplicate = create_bottleneck(second, "Waarborg te duur", domains=("income",), sectors=())
    services.add_occurrence(first, duplicate, occurred_on=date(2026, 11, 2))
    merging.merge(coordinator, keep, duplicate)
    assert duplicate.merged_into_id == keep.id and duplicate.status == Status.CLOSED
    assert second in keep.followers
    # Its own report, the moved one and the duplicate's report.
    assert evidence.of(keep).occurrences == 3
    assert keep.occurrence_total == 3
    assert set(keep.domain_list) == {"housing", "income"}


def test_only_the_coordinator_merges(session, create_user):
    writer = create_user()
    keep, duplicate = (
        create_bottleneck(writer, domains=("housing",), sectors=()),
        create_bottleneck(writer, "Ander", domains=("housing",), sectors=()),
    )
    with pytest.raises(RuleViolation) as refused:
        merging.merge(writer, keep, duplicate)
    assert refused.value.status == 403
    assert duplicate.merged_into_id is None


def test_a_merged_bottleneck_takes_no_more_occurrences(session, create_user):
    coordinator, writer = create_user("coordinator"), create_user()
    keep, duplicate = (
        create_bottleneck(writer, domains=("housing",), sectors=()),
        create_bottleneck(writer, "Ander", domains=("housing",), sectors=()),
    )
    merging.merge(coordinator, keep, duplicate)
    with pytest.raises(RuleViolation):
        services.add_occurrence(writer, duplicate, occurred_on=date(2026, 11, 2))
    with pytest.raises(RuleViolation):
        merging.merge(coordinator, keep, duplicate)


def test_evidence_takes_two_queries_whatever_the_number_of_occurrences(
    session, create_user, count_queries
):
    writer = create_user()
    bottleneck = create_bottleneck(writer, domains=("housing",), sectors=())
    for day in range(1, 21):
        services.add_occurrence(writer, bottleneck, occurred_on=date(2026, 10, day))
    session.flush()
    with count_queries() as counted:
        evidence.of(bottleneck)
    assert len(counted) <= 2


def test_sector_choice_is_kept_when_merging(session, create_user):
    coordinator, writer = create_user("coordinator"), create_user()
    keep = create_bottleneck(writer, domains=("housing",), sectors=())
    duplicate = services.report(
        writer,
        services.Report(title="Dubbel", description="", sectors=[factories.sector("health")]),
    )
    merging.merge(coordinator, keep, duplicate)
    assert factories.sector("health") in keep.sectors


def test_the_page_shows_each_occurrence_and_the_report_as_the_first(
    client, session, create_user, login_as
):
    writer, colleague = create_user(), create_user("social_worker", name="Jonas Peeters")
    bottleneck = create_bottleneck(writer, domains=("housing",), sectors=())
    services.add_occurrence(
        colleague, bottleneck, occurred_on=date(2026, 3, 4), domains=["income"],
        note="Ook hier duurde het zes weken.",
    )  # fmt: skip
    login_as(writer)
    page = client.get(f"/bottlenecks/{bottleneck.id}").get_data(as_text=True)
    occurrences = page[page.index('id="occurrences-heading"') :]
    occurrences = occurrences[: occurrences.index("</section>")]
    assert "Jonas Peeters" in occurrences and "Ook hier duurde het zes weken." in occurrences
    assert "Inkomen" in occurrences and "4 maart 2026" in occurrences
    assert "De oorspronkelijke melding" in occurrences and writer.name in occurrences
    assert "maart 2026" in page


def test_a_new_bottleneck_counts_one_occurrence_in_the_list(client, session, create_user, login_as):
    writer = create_user()
    create_bottleneck(writer, domains=("housing",), sectors=())
    login_as(writer)
    assert "1 melding" in client.get("/bottlenecks").get_data(as_text=True)
