"""A series planned at once: the same weekday of the month, the same Brussels time across
daylight saving, each session linked to the one before."""

from datetime import date, time

from mdma.sessions import queries, series, services
from mdma.sessions.times import in_brussels
from tests.sessions.conftest import session_type


def test_every_second_tuesday_of_odd_months():
    days = series.dates(date(2031, 1, 14), every_months=2, count=6)
    assert days == [date(2031, 1, 14), date(2031, 3, 11), date(2031, 5, 13),
                    date(2031, 7, 8), date(2031, 9, 9), date(2031, 11, 11)]  # fmt: skip
    assert all(d.weekday() == 1 for d in days)


def test_the_last_friday_stays_the_last():
    assert series.dates(date(2031, 1, 31), every_months=1, count=3) == [
        date(2031, 1, 31), date(2031, 2, 28), date(2031, 3, 28),
    ]  # fmt: skip


def test_a_series_keeps_its_wall_clock_time_and_links_each_to_the_previous(session, coordinator):
    plan = services.Plan(type=session_type("mdma_meeting"), theme="MDMA-overleg",
                         starts_at=None, ends_at=None)  # fmt: skip
    planned = series.plan_series(
        coordinator, plan, day=date(2031, 1, 14), start=time(14), end=time(16),
        every_months=2, count=6,
    )  # fmt: skip
    assert [in_brussels(m.starts_at).time() for m in planned] == [time(14)] * 6
    # Winter time (UTC+1) in January, March (before its last Sunday) and November.
    assert [m.starts_at.hour for m in planned] == [13, 13, 12, 12, 12, 13]
    assert [m.previous_id for m in planned] == [None, *(m.id for m in planned[:-1])]
    assert {m.series_id for m in planned} == {planned[0].id}
    assert planned[1].items[0].title
    assert queries.series(planned[3]) == planned


def test_the_plan_page_plans_a_series(client, session, coordinator, login_as):
    login_as(coordinator)
    response = client.post(
        "/sessions/new",
        data={"type_id": session_type("steering_group").id, "theme": "Stuurgroep",
              "day": "2031-01-14", "start": "10:00", "end": "12:00", "every_months": "3",
              "count": "4"},
    )  # fmt: skip
    assert response.status_code == 302
    from mdma.sessions.models import Session

    assert session.query(Session).filter_by(theme="Stuurgroep").count() == 4


def test_the_api_plans_a_series(call, session, coordinator):
    response = call(
        "POST", "/api/v1/sessions/series", coordinator,
        json={"type_id": session_type("mdma_meeting").id, "theme": "MDMA-overleg",
              "starts_at": "2031-01-14T14:00:00+01:00", "ends_at": "2031-01-14T16:00:00+01:00",
              "every_months": 2, "count": 3},
    )  # fmt: skip
    assert response.status_code == 201, response.json
    assert [s["starts_at"] for s in response.json] == [
        "2031-01-14T13:00:00+00:00", "2031-03-11T13:00:00+00:00", "2031-05-13T12:00:00+00:00",
    ]  # fmt: skip
