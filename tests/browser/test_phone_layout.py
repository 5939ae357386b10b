"""At 390 px wide (a phone), every page of the main journeys fits: no horizontal scrolling, no
element drawn over another, the menu folded behind one button that works without JavaScript,
and axe still finds nothing."""

import pytest
from playwright.sync_api import Page, expect

from mdma.extensions import db
from mdma.permissions import Role
from tests import factories
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import BROWSER_LOCALE, log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# What reaches past the right edge, to say why a page scrolls sideways.
WIDE = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.checkVisibility() && e.getBoundingClientRect().right > window.innerWidth)
  .slice(0, 5)
  .map(e => e.tagName.toLowerCase() + '.' + e.className + ' ' + e.outerHTML.slice(0, 80))"""

# Text and controls people read or touch; their boxes, line by line, must not cross.
OVERLAPS = """() => {
  const selector = 'a, button, input, select, textarea, label, summary, h1, h2, h3, th, td,'
    + ' .badge, .count, .brand, .language-current, p, dt, dd';
  const boxes = [];
  for (const element of document.querySelectorAll(selector)) {
    // Not drawn: hidden, or inside a closed <details> (laid out but skipped).
    if (!element.checkVisibility({visibilityProperty: true})) continue;
    for (const r of element.getClientRects()) {
      if (r.width > 1 && r.height > 1 && r.right > 0) boxes.push([element, r]);
    }
  }
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '')
    + ' "' + (e.textContent || e.value || '').trim().slice(0, 30) + '"';
  const found = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, ra] = boxes[i], [b, rb] = boxes[j];
      if (a === b || a.contains(b) || b.contains(a)) continue;
      if (a.tagName === 'LABEL' && a.control === b || b.tagName === 'LABEL' && b.control === a) continue;
      const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
      const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
      if (w > 2 && h > 2) found.push(name(a) + ' overlaps ' + name(b));
    }
  }
  return [...new Set(found)].slice(0, 10);
}"""


def _phone(browser, live_server, **options):
    options = {"locale": BROWSER_LOCALE, **options}
    return browser.new_context(base_url=live_server.url, viewport=PHONE, **options)


def assert_fits_a_phone(page: Page) -> None:
    assert_accessible(page)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} scrolls sideways: {width} px wide, " + str(
        page.evaluate(WIDE)
    )
    overlaps = page.evaluate(OVERLAPS)
    assert not overlaps, f"{page.url}: " + "; ".join(overlaps)


@pytest.fixture(scope="module")
def journeys(live_server):
    """One account per role and bottlenecks in the states the journeys pass through."""
    from mdma.accounts import services as accounts
    from mdma.bottlenecks import routing
    from mdma.bottlenecks import services as bottlenecks

    with live_server.app.app_context():
        income = factories.sector("income")
        organisation = factories.create_organisation("Sociaal Huis Telefoonstraat")
        users = {
            role: factories.create_user(
                role,
                name=f"Phone {role.replace('_', ' ').title()}",
                email=f"{role}@phone.example",
                organisation=organisation,
                sectors=[income] if role == Role.POLICY_OWNER else None,
            )
            for role in Role
        }
        writer, coordinator = users[Role.CASE_MANAGER], users[Role.COORDINATOR]
        routed = factories.create_bottleneck(
            writer,
            title="Aanvraag schooltoelage blijft hangen bij een verhuis naar een andere gemeente",
        )
        routing.triage(coordinator, routed, sectors=[income], level="intersectoral", tags=["geld"])
        bottlenecks.add_post(users[Role.POLICY_OWNER], routed, "We **bekijken** het.\n\n- eerst")
        bottlenecks.add_occurrence(writer, routed, occurred_on=routed.created_at.date())
        waiting = factories.create_bottleneck(writer, title="Kinderopvang weigert zonder attest")
        draft = bottlenecks.save_draft(writer, bottlenecks.Report("Concept: busabonnement", ""))
        meeting = _session_with_an_agenda(coordinator, routed, users[Role.POLICY_OWNER])
        accounts.invite(
            users[Role.ADMIN], email="nieuw@phone.example", name="Nieuwe Collega", role="researcher"
        )
        db.session.commit()
        return {
            "emails": {role: user.email for role, user in users.items()},
            "routed": routed.id,
            "waiting": waiting.id,
            "draft": draft.id,
            "user": writer.id,
            "session": meeting.id,
        }


def _session_with_an_agenda(coordinator, bottleneck, owner):
    """A deep-dive with the bottleneck on its agenda, minutes, a decision and an action point."""
    from datetime import date

    from mdma.sessions import agenda, registrations
    from tests.sessions.conftest import plan_session

    meeting = plan_session(coordinator, people=[owner], capacity=10,
                           theme="Schooltoelagen bij een verhuis naar een andere gemeente")  # fmt: skip
    registrations.register(owner, meeting)
    item = agenda.add_item(coordinator, meeting, kind="bottleneck", bottleneck=bottleneck,
                           minutes_slot=30, presenter=owner)  # fmt: skip
    agenda.record_minutes(coordinator, item, "Afgesproken: **altijd** de aanvraag indienen.")
    agenda.add_decision(coordinator, item, "De dienst onderwijs stuurt een richtlijn rond.")
    agenda.add_action_point(coordinator, item, text="Richtlijn rondsturen naar de scholen",
                            owner=owner, due_on=date.today())  # fmt: skip
    return meeting


def _pages(role, j) -> list[str]:
    bottleneck = f"/bottlenecks/{j['routed']}"
    meeting = f"/sessions/{j['session']}"
    reading = ["/", "/bottlenecks", "/bottlenecks?q=schooltoelage", bottleneck, "/notifications",
               "/sessions", meeting]  # fmt: skip
    return {
        Role.CASE_MANAGER: reading
        + [
            "/bottlenecks/new",
            "/bottlenecks/drafts",
            f"/bottlenecks/{j['draft']}/edit",
            f"{bottleneck}/occurrences/new",
            "/bottlenecks/my-signals",
            "/account/profile",
        ],
        Role.SOCIAL_WORKER: reading + ["/bottlenecks/my-signals"],
        Role.POLICY_OWNER: reading
        + ["/bottlenecks?routed=1&awaiting=1", "/directory", "/sessions/action-points"],
        Role.COORDINATOR: reading
        + [
            "/bottlenecks/triage",
            f"/bottlenecks/{j['waiting']}/triage",
            "/privacy/findings",
            "/privacy/check",
            "/sessions/new",
            f"{meeting}/edit",
            "/sessions/month",
            "/sessions/calendar",
        ],
        Role.RESEARCHER: reading + ["/bottlenecks?sort=occurrences"],
        Role.ADMIN: [
            "/",
            "/admin/users",
            "/admin/invitations",
            "/admin/users/invite",
            f"/admin/users/{j['user']}",
            "/admin/sectors",
            "/directory",
            "/account/tokens",
        ],
        # A guest from outside the network: the sessions they are invited to, their account.
        Role.GUEST: ["/", "/sessions", "/notifications", "/account/profile"],
    }[role]


@pytest.mark.parametrize("role", list(Role))
def test_every_page_of_the_journey_fits_a_phone(browser, live_server, journeys, role):
    context = _phone(browser, live_server)
    page = context.new_page()
    try:
        log_in(page, live_server, journeys["emails"][role])
        assert_fits_a_phone(page)
        for target in _pages(role, journeys):
            response = page.goto(target)
            assert response.status == 200, target
            assert_fits_a_phone(page)
    finally:
        context.close()


def test_an_english_browser_sees_the_log_in_in_english(browser, live_server):
    context = _phone(browser, live_server, locale="en-GB")
    page = context.new_page()
    try:
        page.goto("/login")
        assert_fits_a_phone(page)
        expect(page.locator("html")).to_have_attribute("lang", "en")
        expect(page.get_by_role("button", name="Log in", exact=True)).to_be_visible()
    finally:
        context.close()


def test_anonymous_pages_fit_a_phone(browser, live_server):
    context = _phone(browser, live_server)
    page = context.new_page()
    try:
        for target in ("/login", "/account/forgot"):
            page.goto(target)
            assert_fits_a_phone(page)
    finally:
        context.close()


def _log_in_without_checks(page: Page, live_server, email: str) -> None:
    """The log-in form alone: axe runs in the page's JavaScript, so not when it is off."""
    dutch = live_server.translator("nl")
    page.goto("/login")
    page.get_by_label(dutch("E-mail address")).fill(email)
    page.get_by_label(dutch("Password"), exact=True).fill(factories.PASSWORD)
    page.get_by_role("button", name=dutch("Log in"), exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_phone_menu_opens_from_one_button(browser, live_server, journeys, javascript):
    context = _phone(browser, live_server, java_script_enabled=javascript)
    page = context.new_page()
    dutch = live_server.translator("nl")
    email = journeys["emails"][Role.CASE_MANAGER]
    try:
        if javascript:
            log_in(page, live_server, email)
        else:
            _log_in_without_checks(page, live_server, email)
        menu = page.get_by_role("navigation", name=dutch("Main menu"))
        expect(menu).to_be_hidden()
        page.get_by_text(dutch("Menu"), exact=True).click()
        expect(menu).to_be_visible()
        if javascript:
            assert_fits_a_phone(page)
        menu.get_by_role("link", name=dutch("Bottlenecks")).click()
        expect(page).to_have_url(f"{live_server.url}/bottlenecks")
        if javascript:
            assert_accessible(page)
        expect(menu).to_be_hidden()
    finally:
        context.close()


def test_the_filters_fold_away_on_a_phone_and_stay_open_in_use(browser, live_server, journeys):
    context = _phone(browser, live_server)
    page = context.new_page()
    dutch = live_server.translator("nl")
    try:
        log_in(page, live_server, journeys["emails"][Role.COORDINATOR])
        page.goto("/bottlenecks")
        assert_accessible(page)
        status = page.get_by_label(dutch("Status"))
        expect(status).to_be_hidden()
        page.get_by_text(dutch("Filters"), exact=True).click()
        expect(status).to_be_visible()
        status.select_option("triaged")
        page.get_by_role("button", name=dutch("Search")).click()
        assert_accessible(page)
        expect(page.get_by_label(dutch("Status"))).to_be_visible()
    finally:
        context.close()


def test_on_a_wide_screen_menu_and_filters_show_without_a_button(page, live_server, journeys):
    dutch = live_server.translator("nl")
    log_in(page, live_server, journeys["emails"][Role.COORDINATOR])
    expect(page.get_by_role("navigation", name=dutch("Main menu"))).to_be_visible()
    expect(page.locator(".site-menu > summary")).to_be_hidden()
    page.goto("/bottlenecks")
    assert_accessible(page)
    expect(page.get_by_label(dutch("Status"))).to_be_visible()
