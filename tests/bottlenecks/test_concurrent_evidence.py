"""Evidence is never refused because others add at the same time: a hundred case managers add
an occurrence to one bottleneck at once, half through the API and half through the page form,
against a real `mdma serve` process (gunicorn, gevent) on its own database."""

import os
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
import requests
import sqlalchemy as sa

from mdma import create_app
from mdma.accounts.authentication import create_api_token
from mdma.bottlenecks.models import Bottleneck, Occurrence
from mdma.core.databases import throwaway_database
from mdma.extensions import db
from tests import conftest, factories

CLIENTS = 100
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@pytest.fixture(params=conftest.BACKENDS)
def served(request, smtp_server, tmp_path):
    """A migrated database of its own, a bottleneck and a hundred case managers, committed;
    then `mdma serve` on it. Yields the app (for reading back), the URL and the people."""
    if request.param == "sqlite":
        url, drop = f"sqlite:///{tmp_path / 'served.sqlite'}", lambda: None
    else:
        url, drop = throwaway_database(conftest.POSTGRES_URL, "mdma_test")
    config = conftest.testing_config(url, smtp_server[0].port, tmp_path)
    with conftest.shared_extensions_kept():
        app = create_app(config, instance_path=str(tmp_path / "instance"))
        with app.app_context():
            from flask_migrate import upgrade

            upgrade()
            # Two organisations: the evidence crosses the structural threshold on the way.
            organisations = [factories.create_organisation() for _ in range(2)]
            bottleneck = factories.create_bottleneck()
            people = []
            for number in range(CLIENTS):
                user = factories.create_user(organisation=organisations[number % 3 % 2])
                if number % 2 == 0:
                    _token, secret = create_api_token(user, "load", None)
                    people.append(("api", secret))
                else:
                    people.append(("page", user.email))
            db.session.commit()
            bottleneck_id = bottleneck.id
            db.session.remove()
        port = conftest.free_port()
        env = dict(
            os.environ,
            MDMA_DATABASE_URL=url,
            MDMA_SECRET_KEY=config["SECRET_KEY"],
            MDMA_ARGON2_TIME_COST="1",
            MDMA_ARGON2_MEMORY_COST="1024",
            MDMA_MAIL_BACKEND="log",
        )
        env.pop("MDMA_REDIS_URL", None)
        server = subprocess.Popen(
            [os.path.join(os.path.dirname(sys.executable), "mdma"), "serve", "--port", str(port)],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_for(base, server)
            yield app, base, bottleneck_id, people
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            with app.app_context():
                db.engine.dispose()
            drop()


def _wait_for(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("mdma serve stopped")
        try:
            requests.get(f"{base}/login", timeout=60)  # the worker loads the guard first
            return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise RuntimeError("mdma serve did not answer in time")


def _api_client(base, bottleneck_id, secret):
    client = requests.Session()
    client.headers["Authorization"] = f"Bearer {secret}"

    def add():
        return client.post(
            f"{base}/api/v1/bottlenecks/{bottleneck_id}/occurrences",
            json={"occurred_on": date.today().isoformat()},
            timeout=120,
        )

    return add


def _page_client(base, bottleneck_id, email):
    """Signed in through the log-in form, holding the occurrence form with its CSRF token."""
    client = requests.Session()
    form = client.get(f"{base}/login", timeout=30)
    login = client.post(
        f"{base}/login",
        data={
            "csrf_token": CSRF_FIELD.search(form.text).group(1),
            "email": email,
            "password": factories.PASSWORD,
        },
        allow_redirects=False,
        timeout=30,
    )
    assert login.status_code == 302
    address = f"{base}/bottlenecks/{bottleneck_id}/occurrences/new"
    token = CSRF_FIELD.search(client.get(address, timeout=30).text).group(1)
    # The server closes idle keep-alive connections after a few seconds, and the wait for
    # the others at the barrier can be longer: the post opens a fresh connection.
    client.close()

    def add():
        return client.post(
            address,
            data={"csrf_token": token, "occurred_on": date.today().isoformat(), "note": ""},
            allow_redirects=False,
            timeout=120,
        )

    return add


def test_a_hundred_people_adding_evidence_at_once_all_succeed(served):
    app, base, bottleneck_id, people = served
    adders = [
        _api_client(base, bottleneck_id, credential)
        if kind == "api"
        else _page_client(base, bottleneck_id, credential)
        for kind, credential in people
    ]
    start = threading.Barrier(len(adders))

    def at_once(add):
        start.wait()
        return add()

    with ThreadPoolExecutor(max_workers=len(adders)) as pool:
        responses = list(pool.map(at_once, adders))

    statuses = [response.status_code for response in responses]
    expected = [201 if kind == "api" else 302 for kind, _credential in people]
    assert statuses == expected
    with app.app_context():
        rows = db.session.scalar(
            sa.select(sa.func.count()).where(Occurrence.bottleneck_id == bottleneck_id)
        )
        count = db.session.scalar(
            sa.select(Bottleneck.occurrence_count).where(Bottleneck.id == bottleneck_id)
        )
        db.session.remove()
    assert rows == CLIENTS
    assert count == CLIENTS
