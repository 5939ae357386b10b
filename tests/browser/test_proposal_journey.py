"""A proposal, as its people make it in the browser: the coordinator turns a session's decision
on a routed bottleneck into a proposal, adopts it, compiles an advice for the Flemish level,
publishes it and downloads the PDF; then records the Flemish answer and an implementation
update, and the reporter of the linked bottleneck reads it on "my signals"."""

import pytest
from playwright.sync_api import expect

from mdma.bottlenecks import routing, services
from mdma.extensions import db
from mdma.sessions import agenda
from tests import factories
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import log_in
from tests.browser.test_bottleneck_journey import log_out
from tests.sessions.conftest import plan_session

pytestmark = pytest.mark.browser
TITLE = "Kinderbijslag stopt na verhuis naar een andere gemeente"


def _seed(live_server) -> tuple[int, int]:
    with live_server.app.app_context():
        reporter = factories.create_user(
            "case_manager", name="Ann Voorstel", email="ann.p@test.example"
        )
        coordinator = factories.create_user(
            "coordinator", name="Cor Voorstel", email="cor.p@test.example"
        )
        bottleneck = services.report(reporter, services.Report(TITLE, "Het dossier valt stil."))
        routing.triage(
            coordinator, bottleneck, sectors=[factories.sector("income")], level="intersectoral"
        )
        meeting = plan_session(coordinator, theme="Groeipakket na een verhuis", days=3)
        item = agenda.add_item(coordinator, meeting, kind="bottleneck", bottleneck=bottleneck)
        agenda.add_decision(coordinator, item, "Het dossier verhuist automatisch mee.")
        db.session.commit()
        return bottleneck.id, meeting.id


def test_proposal_adopted_advised_answered_and_followed(page, live_server):
    dutch = live_server.translator("nl")
    bottleneck_id, session_id = _seed(live_server)

    log_in(page, live_server, "cor.p@test.example")
    page.goto(f"/sessions/{session_id}")
    assert_accessible(page)
    page.get_by_role("link", name=dutch("Turn into a proposal")).click()
    assert_accessible(page)
    expect(page.get_by_label(dutch("Title"))).to_have_value("Groeipakket na een verhuis")
    expect(page.get_by_label(dutch("Proposal"), exact=True)).to_have_value(
        "Het dossier verhuist automatisch mee."
    )
    page.get_by_label(dutch("Title")).fill("Groeipakket volgt het gezin bij een verhuis")
    page.get_by_label(dutch("Problem")).fill("Na een verhuis valt het groeipakket stil.")
    page.get_by_label(dutch("Structural policy proposal")).check()
    page.get_by_label(dutch("Flemish"), exact=True).check()
    page.get_by_label(dutch("Body at the Flemish level")).fill("Vlaams minister van Welzijn")
    page.get_by_role("button", name=dutch("Save")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Groeipakket volgt het gezin bij een verhuis"
    )
    assert_accessible(page)
    expect(page.locator("#sessions")).to_contain_text("Groeipakket na een verhuis")
    expect(page.get_by_role("link", name=TITLE)).to_have_attribute(
        "href", f"/bottlenecks/{bottleneck_id}"
    )
    page.get_by_role("button", name=dutch("Put up for discussion")).click()
    assert_accessible(page)
    page.get_by_role("button", name=dutch("Adopt")).click()
    assert_accessible(page)
    proposal_url = page.url

    page.get_by_role("navigation", name=dutch("Main menu")).get_by_role(
        "link", name=dutch("Policy advice")
    ).click()
    assert_accessible(page)
    page.get_by_role("link", name=dutch("Compile an advice")).click()
    assert_accessible(page)
    page.get_by_label(dutch("Level"), exact=True).select_option("flemish")
    page.get_by_role("button", name=dutch("Show its proposals")).click()
    assert_accessible(page)
    expect(page.get_by_label("Groeipakket volgt het gezin bij een verhuis")).to_be_checked()
    page.get_by_label(dutch("Period from")).fill("2026-01-01")
    page.get_by_label(dutch("Period until")).fill("2026-12-31")
    page.get_by_label(dutch("Title")).fill("Advies aan de Vlaamse overheid")
    page.get_by_role("button", name=dutch("Save")).click()
    assert_accessible(page)
    page.get_by_role("button", name=dutch("Publish this version")).click()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=dutch("Download as PDF")).click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    page.goto(proposal_url)
    assert_accessible(page)
    page.get_by_role("link", name=dutch("Submitted")).click()
    assert_accessible(page)
    page.get_by_label(dutch("Submitted on")).fill("2026-09-01")
    page.get_by_label(dutch("Submitted to")).fill("Kabinet Welzijn")
    page.get_by_role("button", name=dutch("Save")).click()
    assert_accessible(page)
    page.get_by_role("link", name=dutch("Record the answer")).click()
    assert_accessible(page)
    page.get_by_label(dutch("Partly accepted")).check()
    page.get_by_label(dutch("Answered on")).fill("2026-10-15")
    page.get_by_role("button", name=dutch("Save")).click()
    assert_accessible(page)
    page.get_by_role("button", name=dutch("Start implementation")).click()
    assert_accessible(page)
    page.get_by_role("link", name=dutch("Report progress")).click()
    assert_accessible(page)
    page.get_by_label(dutch("Progress (percent)")).fill("30")
    page.get_by_label(dutch("What happened")).fill("Een eerste gemeente werkt zo.")
    page.get_by_role("button", name=dutch("Save")).click()
    assert_accessible(page)
    expect(page.get_by_text("30 %").first).to_be_visible()
    log_out(page, live_server)

    log_in(page, live_server, "ann.p@test.example")
    page.get_by_role("navigation", name=dutch("Main menu")).get_by_role(
        "link", name=dutch("My signals")
    ).click()
    assert_accessible(page)
    row = page.get_by_role("row", name=TITLE)
    expect(row).to_contain_text("Groeipakket volgt het gezin bij een verhuis")
    expect(row).to_contain_text(dutch("In implementation"))
