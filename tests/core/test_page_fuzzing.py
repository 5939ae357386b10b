"""No page answers 5xx, whatever its query string or form holds: hypothesis sends every page
route, with every method it takes, generated form fields (the names of every form of the
platform, with any text, out-of-range numbers and dates, NUL and zero-width characters) as
each of a case manager, a coordinator and an administrator, on each database."""

import pytest
import sqlalchemy as sa
from flask_wtf import FlaskForm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wtforms.fields.core import UnboundField

from mdma.accounts.models import User
from mdma.bottlenecks.signals import services as signals
from mdma.directory.models import Organisation, Sector
from tests import factories
from tests.conftest import login

#: Log-in, log-out, passwords and invitations belong to the sign-in flow (tested, throttled
#: and counted on their own); the fuzzing user keeps its session.
LEFT_OUT = {
    "accounts.login",
    "accounts.logout",
    "accounts.forgot_password",
    "accounts.reset_password",
    "accounts.accept_invitation",
    "accounts.change_password",
    "accounts.profile",
    "static",
}
ROLES = ["case_manager", "coordinator", "admin"]
#: Generated requests per route and method, for each role.
EXAMPLES = 2

ODD = [
    "",
    "0",
    "-1",
    "1",
    str(2**31),
    str(2**63),
    str(-(2**63) - 1),
    "1e309",
    "NaN",
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "\x00",
    "a\x00b",
    "\u200b\u200b",
    "\ufeff",
    "e\u0301",
    "\U0001f468\u200d\U0001f469",
    "true",
    "x" * 25_000,
]
values = st.one_of(st.sampled_from(ODD), st.text(max_size=40))


def _form_field_names() -> list[str]:
    names, forms = set(), list(FlaskForm.__subclasses__())
    while forms:
        form = forms.pop()
        forms.extend(form.__subclasses__())
        names |= {n for n in dir(form) if isinstance(getattr(form, n, None), UnboundField)}
    return sorted(names | {"page", "q", "archived", "active", "mute", "follow", "submit"})


def _page_rules(app) -> list[tuple[str, str]]:
    return sorted(
        (rule.rule, method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in LEFT_OUT and not rule.rule.startswith("/api/")
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
    )


@pytest.fixture
def known_ids(session) -> dict[str, list[int]]:
    """Rows the generated addresses may name: a bottleneck in a criteria check, a draft."""
    writer, coordinator = factories.create_user(), factories.create_user("coordinator")
    bottleneck = factories.create_bottleneck(writer)
    factories.route_bottleneck(bottleneck, coordinator=coordinator)
    signals.start_check(coordinator, bottleneck)
    draft = factories.create_bottleneck(writer, draft=True)
    meeting = _session_with_an_item(coordinator, writer)
    session.commit()
    return {
        "session_id": [meeting.id],
        "item_id": [meeting.items[0].id],
        "action_point_id": [meeting.items[0].action_points[0].id],
        "writer": [writer.id],
        "bottleneck_id": [bottleneck.id, draft.id],
        "sector_id": list(session.scalars(sa.select(Sector.id))),
        "organisation_id": list(session.scalars(sa.select(Organisation.id))),
        "user_id": [writer.id, coordinator.id],
    }


def _session_with_an_item(coordinator, owner):
    from datetime import date

    from mdma.sessions import agenda
    from tests.sessions.conftest import plan_session

    meeting = plan_session(coordinator, code="lunch_talk")
    item = agenda.add_item(coordinator, meeting, kind="text", title="Rondvraag")
    agenda.add_action_point(coordinator, item, text="Nota", owner=owner, due_on=date.today())
    return meeting


def _address(draw, rule: str, known: dict) -> str:
    path = rule
    while "<" in path:
        start, end = path.index("<"), path.index(">")
        converter, _, name = path[start + 1 : end].rpartition(":")
        if converter.startswith("any("):
            value = draw(st.sampled_from(converter[4:-1].replace(" ", "").split(",")))
        else:
            value = draw(st.one_of(st.sampled_from(known.get(name) or [1]), st.integers(-1, 2**64)))
        path = f"{path[:start]}{value}{path[end + 1 :]}"
    return path


@pytest.mark.parametrize("role", ROLES)
def test_no_page_answers_5xx_whatever_it_is_sent(app, client, session, known_ids, role):
    user = (
        session.get(User, known_ids["writer"][0])
        if role == "case_manager"
        else factories.create_user(role)
    )
    session.commit()
    fields = st.fixed_dictionaries({}, optional=dict.fromkeys(_form_field_names(), values))
    failures = []
    for rule, method in _page_rules(app):
        try:
            _fuzz(client, user, rule, method, fields, known_ids)
        except (AssertionError, BaseExceptionGroup) as failure:
            failures.append(str(failure))
    assert not failures, "\n".join(failures)


def _fuzz(client, user, rule: str, method: str, fields, known: dict) -> None:
    @given(data=st.data())
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def send(data):
        path = _address(data.draw, rule, known)
        form = data.draw(fields)
        login(client, user)
        if method == "GET":
            response = client.get(path, query_string=form)
        else:
            response = client.open(path, method=method, data=form)
        assert response.status_code < 500, f"{method} {path} {form!r}: {response.status}"

    send()
