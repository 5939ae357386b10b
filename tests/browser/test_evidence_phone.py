"""A bottleneck's page on a phone (390 px): the evidence, its months by name and the
occurrences fit without scrolling sideways, and pass axe."""

from datetime import date

import pytest
from playwright.sync_api import expect

from mdma.extensions import db
from tests import factories
from tests.browser.accessibility import assert_accessible, track_loads
from tests.browser.conftest import BROWSER_LOCALE, log_in

pytestmark = pytest.mark.browser


def test_the_evidence_reads_right_at_390_px(browser, live_server):
    from mdma.bottlenecks import services

    with live_server.app.app_context():
        writer = factories.create_user("case_manager", name="Phone Writer", email="w@phone.example")
        bottleneck = factories.create_bottleneck(writer, "Kinderopvang te duur na een verhuis")
        for month in (1, 2, 9, 11):
            services.add_occurrence(
                factories.create_user("social_worker"), bottleneck,
                occurred_on=date(2026, month, 3), domains=["income", "housing"],
                note="Een langere notitie over wat er deze keer anders was aan de situatie.",
            )  # fmt: skip
        db.session.commit()
        bottleneck_id = bottleneck.id

    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, locale=BROWSER_LOCALE
    )
    page = context.new_page()
    track_loads(page)
    log_in(page, live_server, "w@phone.example")
    page.goto(f"/bottlenecks/{bottleneck_id}")
    assert_accessible(page)
    table = page.locator("table.evidence-months")
    expect(table).to_contain_text("september 2026")
    expect(table).to_contain_text("november 2026")
    expect(page.locator(".occurrence-list > li")).to_have_count(5)  # four and the report
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= 390, f"the page is {wide} px wide at 390 px"
    context.close()
