"""The first journey: an administrator invites a case manager, who joins by the mailed link."""

import re

import pytest
from playwright.sync_api import expect

from mdma import config
from mdma.accounts import services
from mdma.extensions import db
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import choose_language, log_in
from tests.conftest import wait_for
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

FRENCH_CATALOGUE = config.ROOT / "translations" / "fr" / "LC_MESSAGES" / "messages.mo"


def mail_to(inbox, address: str):
    return next((message for message in inbox.messages if message["To"] == address), None)


def test_admin_invites_a_case_manager_who_joins_and_works_in_french(page, live_server, smtp_server):
    _controller, inbox = smtp_server
    dutch = live_server.translator("nl")
    with live_server.app.app_context():
        services.create_user(
            None, email="beheer@journey.example", name="Bea Beheer", role="admin", password=PASSWORD
        )
        db.session.commit()

    log_in(page, live_server, "beheer@journey.example")
    page.get_by_role("navigation", name=dutch("Main menu")).get_by_role(
        "link", name=dutch("Users"), exact=True
    ).click()
    expect(page).to_have_url(f"{live_server.url}/admin/users")
    assert_accessible(page)

    page.get_by_role("link", name=dutch("Invite someone")).click()
    expect(page).to_have_url(f"{live_server.url}/admin/users/invite")
    assert_accessible(page)
    page.get_by_label(dutch("Name"), exact=True).fill("Griet Van Acker")
    page.get_by_label(dutch("E-mail address")).fill("griet@journey.example")
    page.get_by_label(dutch("Role")).select_option(label=dutch("Case manager"))
    page.get_by_role("button", name=dutch("Send the invitation")).click()
    expect(page).to_have_url(f"{live_server.url}/admin/invitations")
    expect(page.get_by_role("status")).to_contain_text("griet@journey.example")
    expect(page.get_by_role("cell", name="griet@journey.example")).to_be_visible()
    assert_accessible(page)

    mail = wait_for(lambda: mail_to(inbox, "griet@journey.example"))
    assert mail is not None, "the invitation never reached the SMTP server"
    link = re.search(
        re.escape(live_server.url) + r"/account/invitation/\S+", mail.get_content()
    ).group(0)

    page.get_by_role("button", name=dutch("Log out")).click()
    expect(page).to_have_url(f"{live_server.url}/login")
    assert_accessible(page)

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(dutch("Accept your invitation"))
    assert_accessible(page)
    password = page.get_by_label(dutch("New password"), exact=True)
    confirm = page.get_by_label(dutch("Repeat the new password"), exact=True)
    password.fill("te kort!")
    confirm.fill("te kort!")
    page.get_by_role("button", name=dutch("Create my account")).click()
    too_short = dutch("Use at least %(num)d character.", "Use at least %(num)d characters.", num=12)
    expect(password).to_have_attribute("aria-invalid", "true")
    expect(password).to_have_accessible_description(re.compile(re.escape(too_short)))
    expect(page.get_by_text(too_short)).to_be_visible()
    assert_accessible(page)

    password.fill("een lange zin als wachtwoord")
    confirm.fill("een lange zin als wachtwoord")
    page.get_by_role("button", name=dutch("Create my account")).click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Griet Van Acker")
    assert_accessible(page)

    # The new password is the one that opens the account from now on.
    page.get_by_role("button", name=dutch("Log out")).click()
    expect(page).to_have_url(f"{live_server.url}/login")
    assert_accessible(page)
    log_in(page, live_server, "griet@journey.example", "een lange zin als wachtwoord")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Griet Van Acker")

    choose_language(page, live_server, "nl", "fr")
    french = live_server.translator("fr")
    assert FRENCH_CATALOGUE.exists(), "run scripts/i18n compile (scripts/setup does)"
    assert french("Log out") != "Log out", "the French catalogue does not translate 'Log out'"
    expect(page.get_by_role("button", name=french("Log out"))).to_be_visible()

    page.get_by_role("button", name=french("Log out")).click()
    expect(page).to_have_url(f"{live_server.url}/login")
    # The log-in page stays in the language the user chose.
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text(french("Log in"))
    assert_accessible(page)
