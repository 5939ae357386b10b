"""Policy advice: pre-selection, versions and their comparison, publishing freezes, exports
that open and hold every proposal, the public page with counts only."""

import io
import re
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader

from mdma.core.errors import RuleViolation
from mdma.directory.models import LIFE_DOMAIN_LABELS, LifeDomain
from mdma.proposals import advice, exports, services
from tests.proposals.conftest import draft_of

PERIOD = {"period_start": date(2026, 1, 1), "period_end": date(2026, 12, 31)}


def content(proposals, **fields) -> advice.Content:
    values = {
        "title": "Beleidsadvies Vlaanderen 2026",
        "introduction": "Het netwerk legt **drie** voorstellen voor.",
        "conclusion": "We vragen een antwoord binnen drie maanden.",
        "proposal_ids": [p.id for p in proposals],
    }
    return advice.Content(**{**values, **fields})


@pytest.fixture
def second(session, owner, coordinator, routed):
    proposal = services.save(
        owner, None, draft_of(owner, routed[1:], title="Meer plaatsen kinderopvang",
                              levels={"flemish": "Agentschap Opgroeien"}, kind="agreement"),
    )  # fmt: skip
    services.transition(coordinator, proposal, "under_discussion")
    services.transition(coordinator, proposal, "adopted")
    return proposal


@pytest.fixture
def flemish_advice(adopted, second, coordinator):
    return advice.create(coordinator, level="flemish", **PERIOD, content=content([adopted, second]))


def test_adopted_proposals_for_the_level_in_no_advice_yet_are_preselected(
    adopted, second, proposal, coordinator
):
    assert advice.candidates("flemish") == [adopted, second]
    assert advice.candidates("federal") == []


def test_the_document_groups_proposals_with_their_evidence_counts(flemish_advice):
    document = advice.latest_version(flemish_advice).document
    assert [p["title"] for p in document["proposals"]] == [
        "Automatische rechtentoekenning groeipakket",
        "Meer plaatsen kinderopvang",
    ]
    first = document["proposals"][0]["evidence"]
    assert (first["bottlenecks"], first["occurrences"], first["reporters"]) == (2, 4, 2)
    assert document["annex"]["organisations"] == 2
    # Grouped by the life domain their bottlenecks name most, in the reader's language.
    assert [g.name for g in exports.groups(document)] == [
        str(LIFE_DOMAIN_LABELS[LifeDomain.INCOME]),
        str(LIFE_DOMAIN_LABELS[LifeDomain.CHILDREN_STIMULATION]),
    ]


def test_every_edit_is_a_new_version_and_versions_compare_side_by_side(
    flemish_advice, coordinator, adopted
):
    advice.revise(
        coordinator, flemish_advice,
        content([adopted], conclusion="We vragen een antwoord binnen zes weken."),
    )  # fmt: skip
    assert [v.number for v in flemish_advice.versions] == [1, 2]
    rows = advice.diff(*flemish_advice.versions)
    assert any(
        r.left == "We vragen een antwoord binnen drie maanden."
        and r.right == "We vragen een antwoord binnen zes weken."
        for r in rows
    )
    assert any(r.left == "## Meer plaatsen kinderopvang" and r.change == "delete" for r in rows)


def test_publishing_freezes_the_advice_and_includes_the_levels(
    flemish_advice, coordinator, adopted, second
):
    advice.publish(coordinator, flemish_advice)
    assert adopted.followup("flemish").status == "in_advice"
    assert adopted.followup("flemish").advice_id == flemish_advice.id
    assert adopted.followup("local").status == "planned"
    with pytest.raises(RuleViolation) as refused:
        advice.revise(coordinator, flemish_advice, content([adopted]))
    assert refused.value.status == 409
    assert len(flemish_advice.versions) == 1
    assert advice.candidates("flemish") == []


def test_a_proposal_not_adopted_cannot_be_chosen(coordinator, proposal):
    with pytest.raises(RuleViolation) as refused:
        advice.create(coordinator, level="flemish", **PERIOD, content=content([proposal]))
    assert refused.value.field == "proposal_ids"


def test_the_pdf_opens_and_holds_every_proposal_with_a_title_page_and_page_numbers(
    app, flemish_advice
):
    version = advice.latest_version(flemish_advice)
    reader = PdfReader(io.BytesIO(exports.pdf(version)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Stad Voorbeeld" in reader.pages[0].extract_text()
    assert "Beleidsadvies Vlaanderen 2026" in reader.pages[0].extract_text()
    for title in ("Automatische rechtentoekenning groeipakket", "Meer plaatsen kinderopvang"):
        assert title in text
    contents = reader.pages[1].extract_text()
    assert re.search(r"— ?\d+", contents)  # the table of contents, with page numbers
    assert f"2 / {len(reader.pages)}" in contents  # each page's number after the title page


def test_the_word_document_has_real_headings_and_tables(flemish_advice):
    version = advice.latest_version(flemish_advice)
    word = Document(io.BytesIO(exports.docx(version)))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "Automatische rechtentoekenning groeipakket" in headings
    assert "Meer plaatsen kinderopvang" in headings
    assert len(word.tables) >= 3
    assert word.tables[0].rows[0].cells[0].text == "Knelpunten"


def test_the_html_export_holds_every_proposal(flemish_advice):
    html = exports.html(advice.latest_version(flemish_advice))
    assert "Meer plaatsen kinderopvang" in html and 'lang="nl"' in html
