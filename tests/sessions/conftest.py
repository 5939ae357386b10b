"""Shared by the session tests: sessions planned through the services, and API calls."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from mdma.extensions import db
from mdma.sessions import services
from mdma.sessions.models import SessionType
from tests.conftest import login


def session_type(code: str = "deep_dive") -> SessionType:
    return db.session.scalar(sa.select(SessionType).where(SessionType.code == code))


def in_days(days: int, hour: int = 10) -> datetime:
    start = datetime.now(UTC) + timedelta(days=days)
    return start.replace(hour=hour, minute=0, second=0, microsecond=0)


def plan_session(
    coordinator,
    *,
    code="deep_dive",
    days=10,
    capacity=None,
    people=(),
    sectors=(),
    hours=2,
    theme="Wonen en dakloosheid",
    **fields,
):
    start = in_days(days)
    return services.plan(
        coordinator,
        services.Plan(
            type=session_type(code), theme=theme, starts_at=start,
            ends_at=start + timedelta(hours=hours), capacity=capacity, people=list(people),
            sectors=list(sectors), place="Stadhuis, zaal 2", **fields,
        ),
    )  # fmt: skip


@pytest.fixture
def coordinator(create_user):
    return create_user("coordinator", name="Coco Ordina", language="en")


@pytest.fixture
def call(client, session):
    def request(method, path, user, **kwargs):
        session.commit()
        login(client, user)
        return client.open(path, method=method, **kwargs)

    return request
