"""The triage form as the coordinator meets it: the bottleneck and its evidence beside the
form, policy owners grouped by sector, searchable multi-selects that still work as plain
selects without JavaScript; every page passes axe."""

import itertools

import pytest
from playwright.sync_api import expect

from mdma.directory.models import Sector
from mdma.extensions import db
from tests import factories
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import BROWSER_LOCALE, log_in, open_list

pytestmark = pytest.mark.browser
_runs = itertools.count()


@pytest.fixture
def waiting(live_server):
    """A submitted bottleneck with an occurrence, and policy owners of two sectors."""
    from mdma.bottlenecks import services

    with live_server.app.app_context():
        income = db.session.query(Sector).filter_by(code="income").one()
        health = db.session.query(Sector).filter_by(code="health").one()
        email = f"co{next(_runs)}@triage.example"
        factories.create_user("coordinator", name="Triage Co", email=email)
        writer = factories.create_user("case_manager", name="Triage Writer")
        factories.create_user("policy_owner", name="Ilse Inkomen", sectors=[income])
        factories.create_user("policy_owner", name="Tom Twee", sectors=[income, health])
        bottleneck = factories.create_bottleneck(
            writer, "Energiepremie komt te laat", description="Premies komen **maanden** later."
        )
        services.add_occurrence(
            factories.create_user("social_worker", name="Triage Colleague"), bottleneck,
            occurred_on=bottleneck.created_at.date(), note="Ook bij ons, drie maanden.",
        )  # fmt: skip
        db.session.commit()
        return {"id": bottleneck.id, "income": income.name_nl, "health": health.name_nl,
                "email": email}  # fmt: skip


def test_the_coordinator_routes_with_the_bottleneck_beside_the_form(page, live_server, waiting):
    dutch = live_server.translator("nl")
    log_in(page, live_server, waiting["email"])
    page.goto(f"/bottlenecks/{waiting['id']}/triage")
    assert_accessible(page)
    context = page.locator(".triage-context")
    expect(context).to_contain_text("Energiepremie komt te laat")
    expect(context.locator("strong", has_text="maanden")).to_be_visible()
    expect(context).to_contain_text("Ook bij ons, drie maanden.")

    sectors = page.get_by_role("combobox", name=dutch("Route to sectors"))
    sectors.fill(waiting["health"][:4])
    page.locator(".ts-dropdown").get_by_role("option", name=waiting["health"]).click()
    owners = page.get_by_role("combobox", name=dutch("Named policy owners (optional)"))
    open_list(page, owners)
    # Grouped by sector; someone of two sectors shows with both.
    dropdown = page.locator(".ts-dropdown").filter(has_text="Ilse Inkomen")
    expect(dropdown.locator(".optgroup-header").first).to_be_visible()
    expect(dropdown).to_contain_text(f"Tom Twee ({waiting['income']}, {waiting['health']})")
    assert_accessible(page)
    owners.fill("Tom")
    page.get_by_role(
        "option", name=f"Tom Twee ({waiting['income']}, {waiting['health']})"
    ).first.click()
    page.get_by_label(dutch("Level")).select_option("intersectoral")
    page.get_by_role("button", name=dutch("Route"), exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text(
        dutch("Routed. The sectors' policy owners have been notified.")
    )
    assert_accessible(page)
    page.goto(f"/bottlenecks/{waiting['id']}")
    assert_accessible(page)
    facts = page.locator(".facts").first
    expect(facts).to_contain_text(waiting["health"])
    expect(facts).to_contain_text("Tom Twee")


def test_without_javascript_the_plain_selects_route_it(browser, live_server, waiting):
    """axe runs in the page's JavaScript, so this page is checked with it on (above)."""
    dutch = live_server.translator("nl")
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale=BROWSER_LOCALE
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto("/login")
        page.get_by_label(dutch("E-mail address")).fill(waiting["email"])
        page.get_by_label(dutch("Password"), exact=True).fill(factories.PASSWORD)
        page.get_by_role("button", name=dutch("Log in"), exact=True).click()
        page.goto(f"/bottlenecks/{waiting['id']}/triage")
        hint = dutch("Hold Ctrl (or Cmd) to choose several.")
        expect(page.get_by_text(hint).first).to_be_visible()
        page.get_by_label(dutch("Route to sectors")).select_option(label=waiting["income"])
        page.get_by_label(dutch("Level")).select_option("intersectoral")
        page.get_by_role("button", name=dutch("Route"), exact=True).click()
        expect(page.get_by_role("status").first).to_contain_text(
            dutch("Routed. The sectors' policy owners have been notified.")
        )
    finally:
        context.close()
