"""Shared by the bottleneck API tests: requests made as a user, the people who make them, and
bottlenecks written and routed through the services."""

import pytest
import sqlalchemy as sa

from tests.conftest import login


def count(session, model) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture
def call(client, session):
    """One API request by `user`. The test's data is committed first, so a refused request
    rolls back only its own changes."""

    def request(method, path, user, **kwargs):
        session.commit()
        login(client, user)
        return client.open(path, method=method, **kwargs)

    return request


@pytest.fixture
def writer(create_user):
    return create_user("case_manager", name="Sofie Claes", language="en")


@pytest.fixture
def coordinator(create_user):
    return create_user("coordinator", language="en")


@pytest.fixture
def owner(create_user, sector):
    return create_user("policy_owner", sectors=[sector("housing")], language="en")


@pytest.fixture(autouse=True)
def fresh_similar():
    """Word rarity and the vector matrix are kept per process; each test's rolled-back data
    needs its own."""
    from mdma.bottlenecks import similar, vectors

    similar.rarity.taken_at = float("-inf")
    vectors.matrix.reset()
