"""The signal bundle: every structural bottleneck of a period with its evidence figures (counts,
never case text), exported like any advice; and the annex's sector names in the advice's
language."""

import io
from datetime import date

import pytest
from docx import Document

from mdma.core.errors import RuleViolation
from mdma.directory.models import Sector
from mdma.proposals import advice, exports
from tests import factories
from tests.proposals.test_advice import PERIOD, content

DESCRIPTION = "Een gezin wacht al maanden op een antwoord van de dienst."


@pytest.fixture
def structural(session, reporter, coordinator):
    """Two structural bottlenecks and an intersectoral one, all reported this year."""
    found = []
    for title, sector in (("Huurwaarborg te hoog", "housing"), ("Energiefactuur", "income")):
        bottleneck = factories.create_bottleneck(reporter, title, DESCRIPTION)
        factories.route_bottleneck(bottleneck, sector, coordinator=coordinator)
        bottleneck.level = "structural"
        found.append(bottleneck)
    other = factories.create_bottleneck(reporter, "Geen structureel probleem", DESCRIPTION)
    factories.route_bottleneck(other, "income", coordinator=coordinator)
    session.flush()
    return found


def bundle(coordinator, **fields):
    values = {"level": "local", "kind": "signal_bundle", **PERIOD}
    values["content"] = content([], title="Signalenbundel 2026")
    return advice.create(coordinator, **{**values, **fields})


def test_the_bundle_holds_every_structural_bottleneck_of_the_period_with_counts(
    coordinator, structural
):
    document = advice.latest_version(bundle(coordinator)).document
    assert document["kind"] == "signal_bundle"
    assert [s["title"] for s in document["signals"]] == [b.title for b in structural]
    assert all(s["evidence"]["occurrences"] == 1 for s in document["signals"])
    assert document["annex"]["bottlenecks"] == 2
    assert DESCRIPTION not in str(document)


def test_a_period_without_structural_bottlenecks_gives_an_empty_bundle(coordinator, structural):
    period = {"period_start": date(2020, 1, 1), "period_end": date(2020, 12, 31)}
    created = bundle(coordinator, **period)
    assert advice.latest_version(created).document["signals"] == []
    with pytest.raises(RuleViolation):
        advice.publish(coordinator, created)


def test_a_bundle_is_published_without_proposals_and_exported(coordinator, structural):
    created = bundle(coordinator)
    version = advice.publish(coordinator, created)
    html = exports.html(version)
    assert "Huurwaarborg te hoog" in html and "Energiefactuur" in html
    assert DESCRIPTION not in html
    word = Document(io.BytesIO(exports.docx(version)))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "Huurwaarborg te hoog" in headings


def test_an_unknown_kind_is_refused(coordinator, structural):
    with pytest.raises(RuleViolation) as refused:
        bundle(coordinator, kind="digest")
    assert refused.value.field == "kind"


def test_a_bundle_through_the_api(call, coordinator, structural):
    answer = call(
        "POST", "/api/v1/advices", coordinator,
        json={"kind": "signal_bundle", "level": "local", "period_start": "2026-01-01",
              "period_end": "2026-12-31", "title": "Signalenbundel", "proposal_ids": []},
    )  # fmt: skip
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["kind"] == "signal_bundle"


def test_the_annex_names_sectors_in_the_advice_language(session, coordinator, adopted):
    created = advice.create(
        coordinator, level="flemish", **PERIOD, language="fr", content=content([adopted])
    )
    sectors = advice.latest_version(created).document["annex"]["sectors"]
    french = {s.name_fr for s in session.query(Sector) if s.name_fr}
    assert sectors and set(sectors) <= french


def test_the_public_page_of_a_bundle_counts_its_signals_and_shows_none_of_their_text(
    client, session, coordinator, structural
):
    created = bundle(coordinator)
    advice.publish(coordinator, created)
    advice.set_public(coordinator, created, True)
    session.commit()
    page = client.get(f"/public/advices/{created.id}", headers={"Accept-Language": "en"})
    page = page.get_data(as_text=True)
    assert 'Structural signals in this bundle</th><td class="number">2</td>' in page
    assert "Huurwaarborg te hoog" not in page and DESCRIPTION not in page
