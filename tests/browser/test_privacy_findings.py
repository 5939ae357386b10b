"""A coordinator reviews what a re-scan found in stored texts, in the browser."""

import pytest
from playwright.sync_api import expect

from mdma.extensions import db
from mdma.privacy.rescan import rescan
from tests import factories
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_coordinator_redacts_a_finding_in_a_stored_text(page, live_server):
    with live_server.app.app_context():
        factories.create_user("coordinator", name="Review Co", email="co@findings.example")
        bottleneck = factories.create_bottleneck(title="Huurwaarborg blijft geblokkeerd")
        bottleneck.description = "Gesprek met dhr. Vanhoorebeke: de waarborg is nog niet terug."
        rescan()
        db.session.commit()
        bottleneck_id = bottleneck.id

    dutch = live_server.translator("nl")
    log_in(page, live_server, "co@findings.example")
    page.goto("/privacy/findings")
    expect(page.locator("mark")).to_have_text("Vanhoorebeke")
    assert_accessible(page)
    page.get_by_role("button", name=dutch("Redact")).click()
    expect(page.get_by_role("status").or_(page.locator(".flash-success"))).to_be_visible()
    assert_accessible(page)
    page.goto(f"/bottlenecks/{bottleneck_id}")
    expect(page.get_by_text("Gesprek met dhr. [naam]")).to_be_visible()
    assert_accessible(page)
