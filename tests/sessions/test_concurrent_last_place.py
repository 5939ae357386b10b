"""Two people (here, twelve) taking the last place at the same moment, through the API of a
real server on a PostgreSQL database of its own: one gets it, the others wait — never two on
one place. (SQLite takes writers one at a time anyway; what is tested is the conditional
UPDATE under PostgreSQL's concurrency; it runs when MDMA_TEST_POSTGRES_URL is set.)"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import sqlalchemy as sa
from werkzeug.serving import make_server

from mdma import create_app
from mdma.accounts.authentication import create_api_token
from mdma.core.databases import throwaway_database
from mdma.extensions import db
from mdma.sessions.models import Registration, Session
from tests import conftest, factories
from tests.sessions.conftest import plan_session

PEOPLE = 12


pytestmark = pytest.mark.skipif(not conftest.POSTGRES_URL, reason="needs PostgreSQL")


@pytest.fixture(scope="module")
def served(smtp_server, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("last-place")
    url, drop = throwaway_database(conftest.POSTGRES_URL, "mdma_test")
    config = conftest.testing_config(url, smtp_server[0].port, tmp_path)
    config["MDMA_MAIL_BACKEND"] = "log"
    with conftest.shared_extensions_kept():
        app = create_app(config, instance_path=str(tmp_path / "instance"))
        with app.app_context():
            from flask_migrate import upgrade

            upgrade()
            coordinator = factories.create_user("coordinator")
            meeting = plan_session(coordinator, code="lunch_talk", capacity=3)
            for _ in range(2):  # two places taken: one is left
                holder = factories.create_user()
                db.session.add(Registration(session_id=meeting.id, user_id=holder.id,
                                            status="registered"))  # fmt: skip
            meeting.registered_count = 2
            tokens = [create_api_token(factories.create_user(), "race", None)[1]
                      for _ in range(PEOPLE)]  # fmt: skip
            db.session.commit()
            meeting_id = meeting.id
            db.session.remove()
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield app, f"http://127.0.0.1:{server.server_port}", meeting_id, tokens
        finally:
            server.shutdown()
            with app.app_context():
                db.engine.dispose()
            drop()


def test_one_gets_the_last_place_and_the_others_wait(served):
    app, base, meeting_id, tokens = served
    start = threading.Barrier(len(tokens))

    def register(token):
        client = requests.Session()
        client.headers["Authorization"] = f"Bearer {token}"
        start.wait()
        return client.post(f"{base}/api/v1/sessions/{meeting_id}/registration",
                           json={"answer": "register"}, timeout=120)  # fmt: skip

    with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
        responses = list(pool.map(register, tokens))

    assert [r.status_code for r in responses] == [200] * PEOPLE, [r.text for r in responses]
    statuses = sorted(r.json()["status"] for r in responses)
    assert statuses == ["registered"] + ["waiting"] * (PEOPLE - 1)
    with app.app_context():
        count = db.session.scalar(
            sa.select(Session.registered_count).where(Session.id == meeting_id)
        )
        rows = db.session.scalar(
            sa.select(sa.func.count()).where(
                Registration.session_id == meeting_id, Registration.status == "registered"
            )
        )
        db.session.remove()
    assert (count, rows) == (3, 3)


def test_the_same_person_registering_several_times_at_once_takes_one_place(served):
    """A double click (here, six): one registration, the other requests answered as repeats
    (409) — no 500 from the unique key, no second place counted."""
    app, base, _last_place, _tokens = served
    with app.app_context():
        coordinator = factories.create_user("coordinator")
        meeting = plan_session(coordinator, code="lunch_talk", days=20)
        token = create_api_token(factories.create_user(), "double click", None)[1]
        db.session.commit()
        meeting_id = meeting.id
        db.session.remove()
    clicks = 6
    start = threading.Barrier(clicks)

    def register(_):
        client = requests.Session()
        client.headers["Authorization"] = f"Bearer {token}"
        start.wait()
        return client.post(f"{base}/api/v1/sessions/{meeting_id}/registration",
                           json={"answer": "register"}, timeout=120)  # fmt: skip

    with ThreadPoolExecutor(max_workers=clicks) as pool:
        responses = list(pool.map(register, range(clicks)))

    codes = sorted(r.status_code for r in responses)
    assert codes == [200] + [409] * (clicks - 1), [r.text for r in responses]
    with app.app_context():
        count = db.session.scalar(
            sa.select(Session.registered_count).where(Session.id == meeting_id)
        )
        rows = db.session.scalar(
            sa.select(sa.func.count()).where(Registration.session_id == meeting_id)
        )
        db.session.remove()
    assert (count, rows) == (1, 1)
