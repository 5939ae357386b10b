"""Browser fixtures: the app served live from its own SQLite file (committed data, CSRF on,
mail to the real test SMTP server), Debian's Chromium through Playwright, and a page that
fails its test when a document it loaded was never checked by axe.

These fixtures stand apart from the per-backend `app`/`session` fixtures on purpose: the
browser layer runs once, on SQLite.
"""

import threading
from dataclasses import dataclass

import pytest
from flask import Flask
from flask_babel import force_locale, gettext, ngettext
from flask_migrate import upgrade
from playwright.sync_api import Browser, Page, expect, sync_playwright
from werkzeug.serving import make_server

from mdma import create_app
from mdma.core.i18n import BABEL_LOCALES, LANGUAGE_NAMES
from mdma.extensions import db
from mdma.privacy import names
from tests import factories
from tests.browser.accessibility import assert_accessible, track_loads, unchecked_loads
from tests.conftest import shared_extensions_kept, testing_config

#: The language the test browser asks for (Accept-Language), as a browser in Flanders does.
BROWSER_LOCALE = "nl-BE"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class LiveServer:
    app: Flask
    url: str

    def create_user(self, role: str, *, name: str, email: str, **fields) -> int:
        """A committed account the browser can log in with (password factories.PASSWORD)."""
        with self.app.app_context():
            user = factories.create_user(role, name=name, email=email, **fields)
            db.session.commit()
            return user.id

    def translator(self, language: str):
        """The interface's own words in one language, read from the compiled catalogue.

        Until a catalogue is compiled this gives back the English source text, which is
        then also what the page shows; so locators built with it hold either way.
        """

        def translate(message: str, plural: str | None = None, num: int = 1, **variables) -> str:
            with self.app.test_request_context(), force_locale(BABEL_LOCALES[language]):
                if plural is not None:
                    return ngettext(message, plural, num, **variables)
                return gettext(message, **variables)

        return translate


@pytest.fixture(scope="session")
def live_server(smtp_server, tmp_path_factory):
    instance = tmp_path_factory.mktemp("browser")
    # Bind first: the app must know its own address for the links it mails.
    server = make_server("127.0.0.1", 0, None, threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"
    config = testing_config(
        f"sqlite:///{instance / 'browser.sqlite'}", smtp_server[0].port, instance
    )
    config.update(WTF_CSRF_ENABLED=True, MDMA_BASE_URL=url)
    names.preload()  # as a server does at start: no live check waits on the word lists
    with shared_extensions_kept():
        app = create_app(config, instance_path=str(instance))
        with app.app_context():
            upgrade()
        server.app = app
        thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
        thread.start()
        yield LiveServer(app, url)
        server.shutdown()
        thread.join(timeout=5)
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


_call_report = pytest.StashKey[pytest.TestReport]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash[_call_report] = report
    return report


@pytest.fixture
def page(request, browser: Browser, live_server: LiveServer):
    """A fresh browser context; every document it loads must pass through assert_accessible."""
    # A Flemish browser: anonymous pages follow its Accept-Language.
    context = browser.new_context(base_url=live_server.url, locale=BROWSER_LOCALE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    track_loads(page)
    yield page
    missed = unchecked_loads(page)
    context.close()
    report = request.node.stash.get(_call_report, None)
    if missed and report is not None and report.passed:
        pytest.fail(f"pages loaded but never checked with assert_accessible(): {missed}")


# --- Steps shared by the journeys ---------------------------------------------------------


def log_in(page: Page, live_server: LiveServer, email: str, password=factories.PASSWORD):
    """Log in through the form, as a person would; both pages on the way must pass axe."""
    dutch = live_server.translator("nl")
    page.goto("/login")
    assert_accessible(page)
    page.get_by_label(dutch("E-mail address")).fill(email)
    page.get_by_label(dutch("Password"), exact=True).fill(password)
    page.get_by_role("button", name=dutch("Log in"), exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/")
    assert_accessible(page)


def choose_language(page: Page, live_server: LiveServer, current: str, new: str) -> None:
    """Switch the interface in one step: the new language's button in the page header."""
    header = page.get_by_role("banner")
    header.get_by_role("button", name=LANGUAGE_NAMES[new], exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", new)
    assert_accessible(page)


def shut_lists(page: Page, tries=6) -> None:
    """Shut every open Tom Select list, as Escape does. After a choice Tom Select hands the
    chosen-from list its focus back a tick later, which can reopen that list after the next
    step; and it ignores a blur while the browser reports the page unfocused."""
    lists = page.locator(".ts-dropdown:visible")
    for _ in range(tries):
        page.keyboard.press("Escape")
        try:
            expect(lists).to_have_count(0, timeout=500)
            return
        except AssertionError:
            continue
    expect(lists).to_have_count(0)


def open_list(page: Page, control, tries=6) -> None:
    """Open a Tom Select list with no other list left open over it."""
    for _ in range(tries):
        shut_lists(page)
        control.focus()  # as the keyboard moves on; a click could land on a list reopened over it
        try:
            expect(control).to_have_attribute("aria-expanded", "true", timeout=2_000)
            return
        except AssertionError:
            continue
    expect(control).to_have_attribute("aria-expanded", "true")
