"""Planning and changing a session: the rules, and nothing stored when they refuse."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from mdma.core.errors import AccessDenied, RuleViolation
from mdma.sessions import queries, registrations, services
from mdma.sessions.models import Session, SessionType
from tests.sessions.conftest import in_days, plan_session, session_type


def _count(session) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(Session))


def _plan(**fields):
    start = fields.pop("starts_at", in_days(5))
    return services.Plan(
        type=session_type(), theme="Huisvesting", starts_at=start,
        ends_at=fields.pop("ends_at", start + timedelta(hours=2)), **fields,
    )  # fmt: skip


def test_the_five_session_types_are_seeded_in_three_languages(session):
    types = queries.session_types()
    assert [t.code for t in types] == [
        "lunch_talk", "deep_dive", "mdma_meeting", "steering_group", "eu_advisory_group",
    ]  # fmt: skip
    assert all(t.name_nl and t.name_fr and t.name_en for t in types)
    assert not types[0].by_invitation and types[1].by_invitation


def test_planning_in_the_past_is_refused_and_nothing_is_stored(session, coordinator):
    before = _count(session)
    with pytest.raises(RuleViolation) as refused:
        services.plan(coordinator, _plan(starts_at=in_days(-1)))
    assert refused.value.field == "starts_at"
    assert _count(session) == before


def test_an_end_before_the_start_is_refused(session, coordinator):
    start = in_days(3)
    with pytest.raises(RuleViolation) as refused:
        services.plan(coordinator, _plan(starts_at=start, ends_at=start - timedelta(hours=1)))
    assert refused.value.field == "ends_at"


def test_only_the_coordinator_plans(session, create_user):
    with pytest.raises(AccessDenied):
        services.plan(create_user("policy_owner"), _plan())


def test_a_capacity_below_the_registered_is_refused(session, coordinator, create_user):
    meeting = plan_session(coordinator, code="lunch_talk", capacity=5)
    for _ in range(3):
        registrations.register(create_user("case_manager"), meeting)
    plan = _plan(starts_at=meeting.starts_at, ends_at=meeting.ends_at, capacity=2)
    with pytest.raises(RuleViolation) as refused:
        services.update(coordinator, meeting, plan)
    assert refused.value.field == "capacity"


def test_an_edit_on_an_older_version_conflicts(session, coordinator):
    meeting = plan_session(coordinator)
    plan = _plan(starts_at=meeting.starts_at, ends_at=meeting.ends_at)
    with pytest.raises(RuleViolation) as refused:
        services.update(coordinator, meeting, plan, version=meeting.version - 1)
    assert refused.value.status == 409


def test_the_plan_page_refuses_a_past_day_in_the_users_language(
    client, session, coordinator, login_as
):
    coordinator.language = "nl"
    login_as(coordinator)
    before = _count(session)
    response = client.post(
        "/sessions/new",
        data={"type_id": session_type().id, "theme": "Wonen", "day": "2020-01-10",
              "start": "10:00", "end": "12:00"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "niet in het verleden" in response.get_data(as_text=True)
    assert _count(session) == before


def test_the_plan_page_plans_across_the_spring_change(client, session, coordinator, login_as):
    login_as(coordinator)
    response = client.post(
        "/sessions/new",
        data={"type_id": session_type().id, "theme": "Zomeruur", "day": "2030-03-31",
              "start": "10:00", "end": "12:00"},
    )  # fmt: skip
    assert response.status_code == 302
    meeting = session.scalar(sa.select(Session).where(Session.theme == "Zomeruur"))
    assert meeting.starts_at.hour == 8  # 10:00 in Brussels summer time


def test_the_administrator_adds_and_changes_a_session_type(client, session, create_user, login_as):
    login_as(create_user("admin", language="en"))
    fields = {"name_nl": "Werkbezoek", "name_fr": "Visite de terrain", "name_en": "Field visit",
              "default_minutes": "120", "by_invitation": "y"}  # fmt: skip
    assert client.post("/sessions/types", data=fields).status_code == 302
    added = session.query(SessionType).filter_by(name_en="Field visit").one()
    assert added.by_invitation and added.position == 6
    response = client.post(f"/sessions/types/{added.id}", data=fields | {"name_fr": ""})
    assert response.status_code == 200  # refused at the field, nothing changed
    assert added.name_fr == "Visite de terrain"


def test_a_coordinator_does_not_configure_types(client, session, coordinator, login_as):
    login_as(coordinator)
    assert client.get("/sessions/types").status_code == 403
