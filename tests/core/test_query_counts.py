"""List pages run a fixed number of queries, whatever the number of rows they show."""

import pytest

from mdma.accounts import services
from tests import factories


def _fill(start, n, admin):
    organisations = [factories.create_organisation(f"Org {i:03d}") for i in range(start, start + n)]
    for i, organisation in enumerate(organisations, start):
        organisation.sectors = [factories.sector("housing"), factories.sector("health")]
        factories.create_user(
            "policy_owner",
            organisation=organisation,
            sectors=[factories.sector("income"), factories.sector("children")],
        )
        services.invite(
            admin,
            email=f"invitee{i}@test.example",
            name=f"Invitee {i}",
            role="policy_owner",
            organisation=organisation,
            sectors=[factories.sector("housing")],
        )


@pytest.mark.parametrize("path", ["/admin/users", "/directory", "/admin/invitations"])
def test_list_page_queries_do_not_grow_with_rows(client, session, login_as, count_queries, path):
    admin = factories.create_user("admin")
    login_as(admin)
    _fill(0, 3, admin)
    session.commit()  # expires every loaded object: each request starts cold
    with count_queries() as few:
        assert client.get(path).status_code == 200
    _fill(3, 20, admin)
    session.commit()
    with count_queries() as many:
        assert client.get(path).status_code == 200
    assert len(many) == len(few), "\n".join(s[:150] for s in many.statements)


def test_false_alarm_review_queries_do_not_grow_with_rows(client, session, login_as, count_queries):
    from mdma.privacy import guard

    login_as(factories.create_user("coordinator"))

    def confirm(n):
        for _ in range(n):
            writer = factories.create_user()
            guard.check(writer, "BIS 85473000149", field="note", confirmed=True)
        session.commit()

    confirm(2)
    with count_queries() as few:
        assert client.get("/privacy/false-alarms").status_code == 200
    confirm(15)
    with count_queries() as many:
        assert client.get("/privacy/false-alarms").status_code == 200
    assert len(many) == len(few)


def _plan(n, coordinator, owner):
    from datetime import date

    from mdma.sessions import agenda
    from tests.sessions.conftest import plan_session

    for i in range(n):
        meeting = plan_session(coordinator, code="lunch_talk", days=3 + i, theme=f"Thema {i}")
        item = agenda.add_item(coordinator, meeting, kind="text", title="Rondvraag")
        agenda.add_action_point(coordinator, item, text="Nota", owner=owner, due_on=date.today())


@pytest.mark.parametrize("path", ["/sessions", "/sessions/month", "/sessions/action-points", "/"])
def test_session_list_queries_do_not_grow_with_rows(client, session, login_as, count_queries, path):
    coordinator = factories.create_user("coordinator")
    login_as(coordinator)
    _plan(2, coordinator, coordinator)
    session.commit()
    with count_queries() as few:
        assert client.get(path).status_code == 200
    _plan(12, coordinator, coordinator)
    session.commit()
    with count_queries() as many:
        assert client.get(path).status_code == 200
    assert len(many) == len(few), "\n".join(s[:150] for s in many.statements)
