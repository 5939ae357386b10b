"""The demo's sessions are told through the services, once."""

from mdma.cli.demo import create_demo
from mdma.sessions.models import ActionPoint, Session


def test_the_demo_plans_sessions_once(session):
    first = create_demo()
    assert first.added["sessions"] == 4
    assert create_demo().added["sessions"] == 0
    assert session.query(Session).count() == 4
    assert session.query(ActionPoint).count() == 1
    assert any(m.is_past for m in session.query(Session))
