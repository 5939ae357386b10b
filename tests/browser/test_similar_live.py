"""The live similar suggestions: typing a bottleneck's title shows existing ones that may be
the same problem, why, and a way to add an occurrence there instead."""

import pytest
from playwright.sync_api import expect

from mdma.extensions import db
from tests import factories
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_typing_a_title_suggests_an_existing_bottleneck(page, live_server):
    live_server.create_user("case_manager", name="Nina Similar", email="nina.s@test.example")
    with live_server.app.app_context():
        existing = factories.create_bottleneck(
            title="Budgetmeter voor gas geplaatst zonder overleg",
            description="De netbeheerder plaatst een budgetmeter zonder het OCMW te verwittigen.",
        )
        db.session.commit()
        existing_id = existing.id
    dutch = live_server.translator("nl")
    log_in(page, live_server, "nina.s@test.example")
    page.goto("/bottlenecks/new")
    assert_accessible(page)
    suggestions = page.locator("#similar-live")
    expect(suggestions).to_be_hidden()

    page.get_by_label(dutch("Title")).fill("Budgetmeter gas zonder overleg geplaatst")
    expect(suggestions).to_be_visible()
    expect(suggestions.locator(".similar-title")).to_have_text(
        dutch("Is it one of these? Then add an occurrence there instead.")
    )
    expect(
        suggestions.get_by_role("link", name=dutch("Add my occurrence here")).first
    ).to_have_attribute("href", f"/bottlenecks/{existing_id}/occurrences/new")
    expect(suggestions).to_contain_text(dutch("shares:") + " budgetmeter")
    assert_accessible(page)
