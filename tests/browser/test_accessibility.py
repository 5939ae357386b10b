"""An axe sweep: every page each role reaches from the main menu, the admin forms, the
anonymous pages and the error states pass WCAG 2.1 A/AA with no violation."""

import pytest
from playwright.sync_api import expect

from mdma.accounts import services
from mdma.extensions import db
from mdma.permissions import Role
from tests import factories
from tests.browser.accessibility import assert_accessible
from tests.browser.conftest import choose_language, log_in

pytestmark = pytest.mark.browser

EVERYONE = {
    "/",
    "/bottlenecks",
    "/sessions",
    "/notifications",
    "/directory",
    "/privacy/check",
    "/account/profile",
    "/proposals",
}
MENU = dict.fromkeys(Role, EVERYONE) | {
    # A guest from outside the network: their sessions and their own account, nothing else.
    Role.GUEST: EVERYONE - {"/bottlenecks", "/directory", "/proposals"},
    Role.ADMIN: EVERYONE
    | {"/admin/users", "/admin/invitations", "/admin/sectors", "/sessions/types"},
    Role.COORDINATOR: EVERYONE
    | {"/privacy/false-alarms", "/privacy/findings", "/bottlenecks/triage", "/advices"},
    Role.CASE_MANAGER: EVERYONE | {"/bottlenecks/my-signals"},
    Role.SOCIAL_WORKER: EVERYONE | {"/bottlenecks/my-signals"},
}


@pytest.fixture(scope="module")
def network(live_server):
    """One account per role, an organisation with its contact points and an open invitation,
    so that the lists show rows rather than their empty state."""
    with live_server.app.app_context():
        children = factories.sector("children")
        organisation = factories.create_organisation(
            "Huis van het Kind Zuid",
            kind="childcare",
            sectors=[children],
            contact_email="onthaal@huisvanhetkind.example",
            contact_phone="056 00 00 00",
            website="https://huisvanhetkind.example",
        )
        users = {
            role: factories.create_user(
                role,
                name=f"Sweep {role.replace('_', ' ').title()}",
                email=f"{role}@sweep.example",
                organisation=organisation,
            )
            for role in Role
        }
        services.invite(
            users[Role.ADMIN], email="nieuw@sweep.example", name="Nieuwe Collega", role="researcher"
        )
        db.session.commit()
        return {
            "emails": {role: user.email for role, user in users.items()},
            "case_manager_id": users[Role.CASE_MANAGER].id,
            "organisation_id": organisation.id,
            "sector_id": children.id,
        }


@pytest.mark.parametrize("role", list(Role))
def test_every_page_in_the_main_menu_is_accessible(page, live_server, network, role):
    dutch = live_server.translator("nl")
    log_in(page, live_server, network["emails"][role])
    menu = page.get_by_role("navigation", name=dutch("Main menu"))
    targets = [link.get_attribute("href") for link in menu.get_by_role("link").all()]
    assert set(targets) == MENU[role]
    for target in targets:
        if target == "/":  # the start page, checked on arrival
            continue
        page.goto(target)
        expect(menu.locator("[aria-current=page]")).to_have_attribute("href", target)
        assert_accessible(page)


def test_admin_forms_are_accessible_blank_and_with_errors(page, live_server, network):
    dutch = live_server.translator("nl")
    log_in(page, live_server, network["emails"][Role.ADMIN])

    page.goto("/admin/users/invite")
    assert_accessible(page)
    page.get_by_role("button", name=dutch("Send the invitation")).click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label(dutch("E-mail address"))).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)

    for target in (
        f"/admin/users/{network['case_manager_id']}",
        f"/admin/sectors/{network['sector_id']}",
        "/admin/organisations/new",
        f"/admin/organisations/{network['organisation_id']}",
        "/account/password",
        "/account/tokens",
        "/sessions/types/1",
    ):
        response = page.goto(target)
        assert response.status == 200, target
        assert_accessible(page)


def test_anonymous_pages_and_error_pages_are_accessible(page, live_server):
    dutch = live_server.translator("nl")
    page.goto("/login")
    assert_accessible(page)
    page.get_by_role("button", name=dutch("Log in"), exact=True).click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label(dutch("Password"), exact=True)).to_have_attribute(
        "aria-invalid", "true"
    )
    assert_accessible(page)

    page.get_by_role("link", name=dutch("Forgot your password?")).click()
    expect(page).to_have_url(f"{live_server.url}/account/forgot")
    assert_accessible(page)
    page.get_by_role("button", name=dutch("Send the link")).click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)

    for target in (
        "/no-such-page",
        "/account/invitation/not-a-token",
        "/account/reset/not-a-token",
    ):
        response = page.goto(target)
        assert response.status == 404, target
        assert_accessible(page)


def test_profile_page_is_accessible_in_french_and_english(page, live_server):
    live_server.create_user("coordinator", name="Polyglot Coordinator", email="talen@sweep.example")
    log_in(page, live_server, "talen@sweep.example")
    page.goto("/account/profile")
    assert_accessible(page)
    choose_language(page, live_server, "nl", "fr")
    expect(page).to_have_url(f"{live_server.url}/account/profile")
    choose_language(page, live_server, "fr", "en")
    expect(page).to_have_url(f"{live_server.url}/account/profile")
    expect(page.get_by_role("heading", level=1)).to_have_text("My profile")


def test_bottleneck_pages_are_accessible_with_content(page, live_server):
    """The list, a bottleneck with evidence, discussion and timeline, and each of its forms."""
    from mdma.bottlenecks import corrections, routing
    from mdma.bottlenecks import services as bottlenecks

    with live_server.app.app_context():
        writer = factories.create_user("case_manager", name="Sweep Writer", email="w@bn.example")
        coordinator = factories.create_user("coordinator", name="Sweep Co", email="c@bn.example")
        income = factories.sector("income")
        owner = factories.create_user("policy_owner", name="Sweep Owner", sectors=[income])
        routed = factories.create_bottleneck(writer, title="Groeipakket komt te laat")
        routing.triage(coordinator, routed, sectors=[income], level="intersectoral", tags=["geld"])
        bottlenecks.add_post(
            owner, routed, "We **bekijken** het.\n\n- eerst\n- dan", as_answer=True
        )
        bottlenecks.add_occurrence(writer, routed, occurred_on=routed.created_at.date())
        waiting = factories.create_bottleneck(writer, title="Schoolfactuur onbetaalbaar")
        draft = bottlenecks.save_draft(writer, bottlenecks.Report("Concept: busabonnement", ""))
        corrected = factories.create_bottleneck(writer, title="Schoolfactuur te duur")
        corrections.correct(
            coordinator, corrected,
            corrections.Correction("Schoolfactuur onbetaalbaar voor gezinnen", "Zonder namen."),
        )  # fmt: skip
        db.session.commit()
        ids = {"routed": routed.id, "waiting": waiting.id, "draft": draft.id}
        ids["corrected"] = corrected.id

    dutch = live_server.translator("nl")
    log_in(page, live_server, "c@bn.example")
    for target in (
        "/bottlenecks?q=groeipakket",
        "/bottlenecks?sector=999&status=nonsense",
        f"/bottlenecks/{ids['routed']}",
        f"/bottlenecks/{ids['waiting']}/triage",
        f"/bottlenecks/{ids['routed']}/correct",
        f"/bottlenecks/{ids['corrected']}/versions",
        f"/bottlenecks/{ids['routed']}/versions",
        "/notifications",
    ):
        response = page.goto(target)
        assert response.status == 200, target
        assert_accessible(page)
    page.goto(f"/bottlenecks/{ids['routed']}")
    assert_accessible(page)
    page.get_by_role("button", name=dutch("Resolve")).click()  # without the resolution
    expect(page.locator("#reason-error")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name=dutch("Log out")).click()
    assert_accessible(page)
    log_in(page, live_server, "w@bn.example")
    for target in (
        "/bottlenecks/drafts",
        f"/bottlenecks/{ids['draft']}",
        f"/bottlenecks/{ids['draft']}/edit",
        f"/bottlenecks/{ids['routed']}/occurrences/new",
        "/bottlenecks/new",
    ):
        response = page.goto(target)
        assert response.status == 200, target
        assert_accessible(page)
    page.get_by_role("button", name=dutch("Submit"), exact=True).click()  # an empty form
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)


def test_session_pages_are_accessible_with_content(page, live_server):
    """The lists, the month, planning, a session with registrations, agenda, minutes, decisions
    and action points, one's action points and calendar, and a refused plan."""
    from datetime import date

    from mdma.sessions import agenda, discussion, guests, registrations
    from tests.sessions.conftest import plan_session

    with live_server.app.app_context():
        coordinator = factories.create_user("coordinator", name="Sweep Plan", email="c@s.example")
        owner = factories.create_user("policy_owner", name="Sweep Eigen", email="o@s.example")
        routed = factories.route_bottleneck(
            factories.create_bottleneck(title="Huurwaarborg blijft liggen"), "housing",
            coordinator=coordinator,
        )  # fmt: skip
        meeting = plan_session(coordinator, code="lunch_talk", people=[owner], capacity=1)
        registrations.register(owner, meeting)
        registrations.register(factories.create_user("case_manager", name="Sweep Wacht"), meeting)
        item = agenda.add_item(coordinator, meeting, kind="bottleneck", bottleneck=routed,
                               minutes_slot=30, presenter=owner)  # fmt: skip
        agenda.record_minutes(coordinator, item, "Afgesproken: **altijd** indienen.")
        agenda.add_decision(coordinator, item, "Het fonds wordt gecontacteerd.")
        agenda.add_action_point(coordinator, item, text="Fonds bellen", owner=owner,
                                due_on=date.today())  # fmt: skip
        discussion.add_post(owner, meeting, "Ik breng **de cijfers** mee.")
        guests.invite_guest(coordinator, meeting, email="p@s.example", name="Sweep Later")
        invitation = guests.invite_guest(coordinator, meeting, email="g@s.example", name="Gast")
        services.accept_invitation(invitation, password=factories.PASSWORD, language="nl")
        db.session.commit()
        ids = {"session": meeting.id, "bottleneck": routed.id}

    dutch = live_server.translator("nl")
    log_in(page, live_server, "c@s.example")
    for target in (
        "/sessions",
        "/sessions?when=past&type=999",
        "/sessions/month",
        f"/sessions/{ids['session']}",
        f"/sessions/{ids['session']}/edit",
        f"/sessions/{ids['session']}/series",
        f"/bottlenecks/{ids['bottleneck']}",
        "/sessions/new",
    ):
        response = page.goto(target)
        assert response.status == 200, target
        assert_accessible(page)
    page.get_by_role("button", name=dutch("Plan"), exact=True).click()  # an empty form
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/sessions/{ids['session']}")
    assert_accessible(page)
    page.get_by_role("button", name=dutch("Invite the guest")).click()  # without an address
    expect(page.locator("#email-error")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name=dutch("Log out")).click()
    assert_accessible(page)
    log_in(page, live_server, "g@s.example")  # a guest: their session and nothing else
    for target in ("/sessions", f"/sessions/{ids['session']}", "/"):
        response = page.goto(target)
        assert response.status == 200, target
        assert_accessible(page)

    page.get_by_role("button", name=dutch("Log out")).click()
    assert_accessible(page)
    log_in(page, live_server, "o@s.example")
    for target in (f"/sessions/{ids['session']}", "/sessions/action-points", "/sessions/calendar"):
        response = page.goto(target)
        assert response.status == 200, target
        assert_accessible(page)
    page.get_by_role("button", name=dutch("Make my calendar address")).click()
    expect(page.get_by_role("status").first).to_be_visible()
    assert_accessible(page)


def test_proposal_and_advice_pages_are_accessible_with_content(page, live_server):
    """A proposal with evidence, levels in follow-up and a timeline, the board, an advice with
    two versions, their comparison, the forms blank and with errors, and the public page."""
    from datetime import date

    from mdma.bottlenecks import routing
    from mdma.proposals import advice, services

    with live_server.app.app_context():
        writer = factories.create_user("case_manager", name="Sweep Writer", email="w@pr.example")
        coordinator = factories.create_user("coordinator", name="Sweep Co", email="c@pr.example")
        income = factories.sector("income")
        routed = factories.create_bottleneck(writer, title="Groeipakket komt te laat")
        routing.triage(coordinator, routed, sectors=[income], level="intersectoral")
        proposal = services.save(
            coordinator, None,
            services.Draft(
                title="Automatische toekenning", problem="Te laat.", proposal="**Automatisch.**",
                kind="structural", levels={"flemish": "Minister", "local": ""},
                bottleneck_ids=[routed.id],
            ),
        )  # fmt: skip
        services.transition(coordinator, proposal, "under_discussion")
        services.transition(coordinator, proposal, "adopted")
        made = advice.create(
            coordinator, level="flemish", period_start=date(2026, 1, 1),
            period_end=date(2026, 12, 31),
            content=advice.Content(title="Advies", proposal_ids=[proposal.id]),
        )  # fmt: skip
        advice.revise(
            coordinator, made, advice.Content(title="Advies 2026", proposal_ids=[proposal.id])
        )
        advice.publish(coordinator, made)
        advice.set_public(coordinator, made, True)
        flemish = proposal.followup("flemish")
        services.submit(coordinator, flemish, on=date(2026, 2, 1), to="Kabinet")
        services.answer(coordinator, flemish, outcome="accepted", text="Ja.", on=date(2026, 3, 1))
        services.followup_step(coordinator, flemish, "in_implementation")
        services.report_progress(coordinator, flemish, percent=20, text="Gestart.")
        db.session.commit()
        ids = {"proposal": proposal.id, "advice": made.id, "local": proposal.followup("local").id}
        ids["flemish"] = flemish.id

    dutch = live_server.translator("nl")
    log_in(page, live_server, "c@pr.example")
    for target in (
        "/proposals",
        f"/proposals/{ids['proposal']}",
        f"/proposals/{ids['proposal']}/edit",
        "/proposals/new",
        "/proposals/board",
        "/proposals/board?overdue=y&level=flemish",
        "/advices",
        "/advices/new?level=flemish",
        f"/advices/{ids['advice']}",
        f"/advices/{ids['advice']}/compare",
        f"/proposals/levels/{ids['local']}/submit",
        f"/proposals/levels/{ids['local']}/answer",
    ):
        response = page.goto(target)
        assert response.status == 200, target
        assert_accessible(page)
    page.goto("/proposals/new")
    assert_accessible(page)
    page.get_by_role("button", name=dutch("Save")).click()  # an empty form
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/proposals/levels/{ids['flemish']}/progress")
    assert_accessible(page)
    page.get_by_role("button", name=dutch("Save")).click()  # no percentage
    expect(page.get_by_role("alert").or_(page.locator(".field-error")).first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name=dutch("Log out")).click()
    expect(page).to_have_url(f"{live_server.url}/login")
    assert_accessible(page)
    for target in ("/public/advices", f"/public/advices/{ids['advice']}"):
        response = page.goto(target)
        assert response.status == 200, target
        assert_accessible(page)
