"""A structural signal, as its people make it in the browser: three case managers bring the
evidence, the coordinator opens the criteria check, two sectors assess it, an owner is named,
and the first reporter reads what happened on "my signals"."""

import pytest
from playwright.sync_api import expect

from mdma.bottlenecks import routing, services
from mdma.bottlenecks.signals.models import CRITERIA
from mdma.directory.models import Sector
from mdma.extensions import db
from tests import factories
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import log_in
from tests.browser.test_bottleneck_journey import log_out

pytestmark = pytest.mark.browser
TITLE = "Energiefactuur blijft onbetaalbaar na de winter"


def _seed(live_server) -> int:
    with live_server.app.app_context():
        income, housing = (
            db.session.query(Sector).filter_by(code=c).one() for c in ("income", "housing")
        )
        first = factories.create_user(
            "case_manager", name="Ann Signaal", email="ann.s@test.example"
        )
        for code, sector in (("inge", income), ("hugo", housing)):
            factories.create_user(
                "policy_owner", name=f"{code.title()} Signaal", email=f"{code}.s@test.example",
                sectors=[sector],
            )  # fmt: skip
        coordinator = factories.create_user(
            "coordinator", name="Cor Signaal", email="cor.s@test.example"
        )
        for name in ("Bert", "Chris"):
            factories.create_user(
                "case_manager", name=f"{name} Signaal", email=f"{name.lower()}.s@test.example"
            )
        bottleneck = services.report(first, services.Report(TITLE, "Voorschotten blijven stijgen."))
        routing.triage(coordinator, bottleneck, sectors=[income, housing], level="intersectoral")
        db.session.commit()
        return bottleneck.id


def test_evidence_check_owner_and_feedback(page, live_server):
    dutch = live_server.translator("nl")
    bottleneck_id = _seed(live_server)
    url = f"/bottlenecks/{bottleneck_id}"

    for email in ("bert.s@test.example", "chris.s@test.example"):
        log_in(page, live_server, email)
        page.goto(url)
        assert_accessible(page)
        page.get_by_role("link", name=dutch("I meet this too: add an occurrence")).click()
        assert_accessible(page)
        page.get_by_role("button", name=dutch("Add the occurrence")).click()
        assert_accessible(page)
        log_out(page, live_server)

    log_in(page, live_server, "cor.s@test.example")
    page.goto(url)
    assert_accessible(page)
    page.get_by_role("button", name=dutch("Open a criteria check")).click()
    expect(page.get_by_role("heading", name=dutch("Criteria check open"))).to_be_visible()
    assert_accessible(page)
    log_out(page, live_server)

    for email in ("inge.s@test.example", "hugo.s@test.example"):
        log_in(page, live_server, email)
        page.goto(url)
        assert_accessible(page)
        form = page.locator(
            "form", has=page.get_by_role("button", name=dutch("Save the assessment"))
        )
        for criterion in CRITERIA.values():
            form.get_by_role("group", name=dutch(criterion._args[0])).get_by_label(
                dutch("Yes")
            ).check()
        form.get_by_role("button", name=dutch("Save the assessment")).click()
        assert_accessible(page)
        log_out(page, live_server)

    log_in(page, live_server, "cor.s@test.example")
    page.goto(url)
    assert_accessible(page)
    expect(
        page.get_by_role("heading", name=dutch("Criteria check passed: structural"))
    ).to_be_visible()
    page.get_by_label(dutch("Owner (trekker)")).select_option(label="Hugo Signaal")
    page.get_by_label(dutch("Policy theme")).fill("Energiearmoede")
    page.get_by_role("button", name=dutch("Name the owner")).click()
    assert_accessible(page)
    log_out(page, live_server)

    log_in(page, live_server, "ann.s@test.example")
    page.get_by_role("navigation", name=dutch("Main menu")).get_by_role(
        "link", name=dutch("My signals")
    ).click()
    assert_accessible(page)
    row = page.get_by_role("row", name=TITLE)
    expect(row).to_contain_text("Hugo Signaal")
    expect(row).to_contain_text("Energiearmoede")
