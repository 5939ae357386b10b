"""A thread lives: two people on one bottleneck's page, one writes and posts, the other sees
who is writing and the new post appear without reloading."""

import pytest
from playwright.sync_api import expect

from mdma.accounts.models import User
from mdma.extensions import db
from tests import factories
from tests.browser.accessibility import assert_accessible, track_loads, unchecked_loads
from tests.browser.conftest import BROWSER_LOCALE, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def second_page(browser, live_server):
    """Another person's browser, checked by axe like the first."""
    context = browser.new_context(base_url=live_server.url, locale=BROWSER_LOCALE)
    context.set_default_timeout(10_000)
    other = context.new_page()
    track_loads(other)
    yield other
    missed = unchecked_loads(other)
    context.close()
    assert not missed, f"pages loaded but never checked with assert_accessible(): {missed}"


def test_a_reader_sees_who_writes_and_the_new_post_without_reloading(
    page, second_page, live_server
):
    writer_id = live_server.create_user(
        "case_manager", name="Lotte Live", email="lotte.live@test.example"
    )
    live_server.create_user("coordinator", name="Omar Watcher", email="omar.live@test.example")
    with live_server.app.app_context():
        writer = db.session.get(User, writer_id)
        bottleneck = factories.create_bottleneck(writer, title="Wachttijd leefloon loopt op")
        factories.route_bottleneck(bottleneck, "income")
        db.session.commit()
        address = f"/bottlenecks/{bottleneck.id}"
    dutch = live_server.translator("nl")

    reader = page
    log_in(reader, live_server, "omar.live@test.example")
    reader.goto(address)
    assert_accessible(reader)
    thread = reader.locator("[data-live-thread]")
    expect(thread).to_have_attribute("data-live-joined", "")
    reader.evaluate("window.notReloaded = true")

    log_in(second_page, live_server, "lotte.live@test.example")
    second_page.goto(address)
    assert_accessible(second_page)
    expect(second_page.locator("[data-live-thread]")).to_have_attribute("data-live-joined", "")
    second_page.get_by_label(dutch("Your contribution")).press_sequentially("Ook bij ons")

    expect(thread.locator(".typing")).to_have_text(dutch("%(name)s is writing…", name="Lotte Live"))

    second_page.get_by_label(dutch("Your contribution")).fill("Ook bij ons loopt dit op.")
    second_page.get_by_role("button", name=dutch("Post"), exact=True).click()
    assert_accessible(second_page)

    new_post = thread.locator("li.post", has_text="Ook bij ons loopt dit op.")
    expect(new_post).to_be_visible()
    expect(new_post).to_contain_text("Lotte Live")
    expect(thread.locator(".typing")).to_have_text("")
    assert reader.evaluate("window.notReloaded") is True
    assert_accessible(reader)


def test_without_websockets_the_page_stays_live_over_long_polling(page, second_page, live_server):
    writer_id = live_server.create_user(
        "case_manager", name="Pieter Polling", email="pieter.poll@test.example"
    )
    live_server.create_user("coordinator", name="Ann Proxy", email="ann.proxy@test.example")
    with live_server.app.app_context():
        bottleneck = factories.create_bottleneck(db.session.get(User, writer_id))
        factories.route_bottleneck(bottleneck, "income")
        db.session.commit()
        address = f"/bottlenecks/{bottleneck.id}"
    dutch = live_server.translator("nl")
    upgrades = []

    def refuse(websocket):  # a proxy that does not pass WebSockets on
        upgrades.append(websocket.url)
        websocket.close()

    reader = page
    reader.route_web_socket("**/socket.io/**", refuse)
    log_in(reader, live_server, "ann.proxy@test.example")
    reader.goto(address)
    assert_accessible(reader)
    thread = reader.locator("[data-live-thread]")
    expect(thread).to_have_attribute("data-live-joined", "")

    log_in(second_page, live_server, "pieter.poll@test.example")
    second_page.goto(address)
    assert_accessible(second_page)
    second_page.get_by_label(dutch("Your contribution")).fill("Ook zonder WebSocket te zien.")
    second_page.get_by_role("button", name=dutch("Post"), exact=True).click()
    assert_accessible(second_page)

    expect(thread.locator("li.post", has_text="Ook zonder WebSocket te zien.")).to_be_visible()
    assert upgrades, "the page tried to upgrade to a WebSocket"
    assert_accessible(reader)
