"""A bottleneck's way through the platform, as its people do it in the browser: a case
manager posts it and the guard stops a phone number; the coordinator routes it; the sector's
policy owner finds it under "routed to my sector" and answers for their sector."""

import pytest
from playwright.sync_api import expect

from mdma.directory.models import Sector
from mdma.extensions import db
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import log_in, shut_lists

pytestmark = pytest.mark.browser


def log_out(page, live_server):
    dutch = live_server.translator("nl")
    page.get_by_role("button", name=dutch("Log out")).click()
    assert_accessible(page)


def test_post_route_and_answer_a_bottleneck(page, live_server):
    dutch = live_server.translator("nl")
    with live_server.app.app_context():
        housing = db.session.query(Sector).filter_by(code="housing").one()
        housing_id, housing_name = housing.id, housing.name_nl
    live_server.create_user("case_manager", name="Lotte Journey", email="lotte.j@test.example")
    live_server.create_user("coordinator", name="Koen Journey", email="koen.j@test.example")
    with live_server.app.app_context():
        from tests import factories

        factories.create_user(
            "policy_owner",
            name="Hilde Journey",
            email="hilde.j@test.example",
            sectors=[db.session.get(Sector, housing_id)],
        )
        db.session.commit()

    # The case manager posts; the guard stops the phone number in the description.
    log_in(page, live_server, "lotte.j@test.example")
    page.get_by_role("navigation", name=dutch("Main menu")).get_by_role(
        "link", name=dutch("Bottlenecks")
    ).click()
    assert_accessible(page)
    page.get_by_role("link", name=dutch("Post a bottleneck")).click()
    assert_accessible(page)
    page.get_by_label(dutch("Title")).fill("Huurwaarborg komt te laat voor een nieuwe woning")
    description = page.get_by_label(dutch("Description"))
    description.fill("De moeder belde ons op 0471 23 45 67: de waarborg kwam pas na zes weken.")
    expect(page.locator("#description-live mark")).to_contain_text("0471 23 45 67")
    page.get_by_label(dutch("Housing")).first.check()
    page.get_by_role("button", name=dutch("Submit"), exact=True).click()
    expect(page.locator("#description-privacy mark").first).to_contain_text("0471 23 45 67")
    assert_accessible(page)
    description.fill("Gezinnen vinden een woning, maar de waarborg komt pas na zes weken.")
    page.get_by_role("button", name=dutch("Submit"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Huurwaarborg komt te laat voor een nieuwe woning"
    )
    expect(page.locator(".badge").first).to_have_text(dutch("Submitted"))
    assert_accessible(page)
    log_out(page, live_server)

    # The coordinator routes it to housing from the triage queue.
    log_in(page, live_server, "koen.j@test.example")
    page.get_by_role("navigation", name=dutch("Main menu")).get_by_role(
        "link", name=dutch("Triage")
    ).click()
    assert_accessible(page)
    page.get_by_role("link", name="Huurwaarborg komt te laat voor een nieuwe woning").click()
    assert_accessible(page)
    page.locator("#main").get_by_role("link", name=dutch("Route"), exact=True).click()
    assert_accessible(page)
    # The sectors are a searchable multi-select: type, then choose.
    page.get_by_role("combobox", name=dutch("Route to sectors")).fill(housing_name[:4])
    page.locator(".ts-dropdown").get_by_role("option", name=housing_name).click()
    shut_lists(page)
    page.get_by_label(dutch("Level")).select_option("intersectoral")
    page.get_by_role("button", name=dutch("Route"), exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text(
        dutch("Routed. The sectors' policy owners have been notified.")
    )
    assert_accessible(page)
    log_out(page, live_server)

    # The policy owner of housing finds it under "routed to my sector" and answers.
    log_in(page, live_server, "hilde.j@test.example")
    page.get_by_role("navigation", name=dutch("Main menu")).get_by_role(
        "link", name=dutch("Notifications")
    ).click()
    assert_accessible(page)
    page.get_by_role("navigation", name=dutch("Main menu")).get_by_role(
        "link", name=dutch("Bottlenecks")
    ).click()
    assert_accessible(page)
    page.get_by_label(dutch("Routed to my sector")).check()
    page.get_by_role("button", name=dutch("Search"), exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Huurwaarborg komt te laat voor een nieuwe woning").click()
    assert_accessible(page)
    page.get_by_label(dutch("Your contribution")).fill("We bekijken dit met het OCMW.")
    page.get_by_role("button", name=dutch("Post as the answer of my sector")).click()
    expect(page.locator(".post").first).to_contain_text("We bekijken dit met het OCMW.")
    expect(page.locator(".badge").first).to_have_text(dutch("In discussion"))
    assert_accessible(page)
