"""The issue's journey in a browser: the coordinator plans a deep-dive and puts a bottleneck on
its agenda, an invited policy owner registers, the coordinator records minutes, a decision and
an action point, and the action point shows on the bottleneck."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from mdma.extensions import db
from tests import factories
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_plan_a_deep_dive_register_and_follow_up_on_the_bottleneck(page, live_server):
    with live_server.app.app_context():
        coordinator = factories.create_user(
            "coordinator", name="Journey Coordinator", email="coord@journey.example"
        )
        factories.create_user("policy_owner", name="Journey Eigenaar", email="own@journey.example")
        bottleneck = factories.route_bottleneck(
            factories.create_bottleneck(title="Noodopvang weigert gezinnen met kleine kinderen"),
            "housing", coordinator=coordinator,
        )  # fmt: skip
        db.session.commit()
        bottleneck_id = bottleneck.id
    nl = live_server.translator("nl")
    day = (date.today() + timedelta(days=21)).isoformat()

    log_in(page, live_server, "coord@journey.example")
    page.goto("/sessions/new")
    assert_accessible(page)
    page.get_by_label(nl("Type"), exact=True).select_option(label="Verdiepingssessie")
    page.get_by_label(nl("Theme"), exact=True).fill("Huisvesting en dakloosheid")
    page.get_by_label(nl("Day"), exact=True).fill(day)
    page.get_by_label(nl("Start (Brussels time)")).fill("09:30")
    page.get_by_label(nl("End (Brussels time)")).fill("12:00")
    page.get_by_label(nl("Capacity"), exact=True).fill("12")
    page.get_by_role("button", name=nl("Plan"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Huisvesting en dakloosheid")
    assert_accessible(page)

    page.locator("#people").select_option(label="Journey Eigenaar", force=True)
    page.get_by_role("button", name=nl("Send the invitations")).click()
    expect(page.get_by_text(nl("%(count)s people invited.", count=1))).to_be_visible()
    assert_accessible(page)

    page.get_by_text(nl("Add an item to the agenda")).click()
    page.get_by_label(nl("Kind of item")).select_option("bottleneck")
    page.get_by_label(nl("Bottleneck number")).fill(str(bottleneck_id))
    page.get_by_role("button", name=nl("Add to the agenda")).click()
    expect(page.get_by_role("link", name="Noodopvang weigert gezinnen")).to_be_visible()
    assert_accessible(page)
    session_url = page.url.split("#")[0]

    page.get_by_role("button", name=nl("Log out")).click()
    assert_accessible(page)
    log_in(page, live_server, "own@journey.example")
    page.goto(session_url)
    assert_accessible(page)
    page.get_by_role("button", name=nl("Register"), exact=True).click()
    expect(page.get_by_text(nl("You are registered."))).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name=nl("Log out")).click()
    assert_accessible(page)
    log_in(page, live_server, "coord@journey.example")
    page.goto(session_url)
    assert_accessible(page)
    registrations = page.locator("#registrations")
    expect(registrations.get_by_text("Journey Eigenaar")).to_be_visible()
    page.get_by_text(nl("Minutes, decisions and action points")).click()
    item = page.locator(".agenda > li").first
    item.get_by_label(nl("Minutes"), exact=True).fill(
        "Afgesproken: de noodopvang meldt elke weigering."
    )
    item.get_by_role("button", name=nl("Save the minutes")).click()
    expect(page.get_by_text(nl("Minutes saved."))).to_be_visible()
    assert_accessible(page)
    page.get_by_text(nl("Minutes, decisions and action points")).click()
    item = page.locator(".agenda > li").first
    item.get_by_label(nl("Decision"), exact=True).fill("Het OCMW overlegt met de noodopvang.")
    item.get_by_role("button", name=nl("Record the decision")).click()
    expect(page.get_by_text(nl("Decision recorded."))).to_be_visible()
    assert_accessible(page)
    page.get_by_text(nl("Minutes, decisions and action points")).click()
    item = page.locator(".agenda > li").first
    item.get_by_label(nl("Action point"), exact=True).fill("Overleg plannen met de noodopvang")
    item.get_by_label(nl("Owner"), exact=True).select_option(label="Journey Eigenaar")
    item.get_by_label(nl("Due on"), exact=True).fill(day)
    item.get_by_role("button", name=nl("Add the action point")).click()
    expect(page.get_by_text(nl("Action point added; its owner has been told."))).to_be_visible()
    assert_accessible(page)

    page.goto(f"/bottlenecks/{bottleneck_id}")
    assert_accessible(page)
    expect(page.get_by_text("Overleg plannen met de noodopvang")).to_be_visible()
    expect(
        page.get_by_role("link", name="Verdiepingssessie: Huisvesting en dakloosheid")
    ).to_be_visible()
