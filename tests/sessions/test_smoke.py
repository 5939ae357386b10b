from tests.sessions.conftest import plan_session


def test_coordinator_sees_a_planned_session(client, session, coordinator, create_user, login_as):
    owner = create_user("policy_owner")
    meeting = plan_session(coordinator, people=[owner], capacity=1)
    session.commit()
    login_as(coordinator)
    for path in (
        "/sessions",
        "/sessions?when=past",
        "/sessions/month",
        f"/sessions/{meeting.id}",
        "/sessions/new",
        f"/sessions/{meeting.id}/edit",
        "/sessions/action-points",
        "/sessions/calendar",
        f"/sessions/{meeting.id}/calendar.ics",
        f"/sessions/{meeting.id}/series",
    ):
        response = client.get(path)
        assert response.status_code == 200, (path, response.get_data(as_text=True)[-3000:])
