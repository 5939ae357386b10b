"""The live privacy check: typing shows what looks like personal data before saving."""

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_typing_a_phone_number_highlights_it_and_the_redaction_removes_it(page, live_server):
    live_server.create_user("case_manager", name="Ward Live", email="ward.live@test.example")
    log_in(page, live_server, "ward.live@test.example")
    dutch = live_server.translator("nl")
    page.goto("/privacy/check")
    assert_accessible(page)
    text = page.get_by_label(dutch("Text to check"))
    text.fill("De moeder is bereikbaar op 0471 23 45 67 na vier uur.")
    live = page.locator("#text-live")
    expect(live.locator("mark")).to_contain_text("0471 23 45 67")
    assert_accessible(page)

    page.get_by_role("button", name=dutch("Check"), exact=True).click()
    expect(page.locator("#text-privacy mark").first).to_contain_text("0471 23 45 67")
    assert_accessible(page)
    page.get_by_role("button", name=dutch("Use the suggested redaction")).click()
    expect(text).to_have_value("De moeder is bereikbaar op [telefoonnummer] na vier uur.")
    assert_accessible(page)
    page.get_by_role("button", name=dutch("Check"), exact=True).click()
    expect(page.get_by_role("status").last).to_have_text(dutch("No personal data found."))
    assert_accessible(page)
