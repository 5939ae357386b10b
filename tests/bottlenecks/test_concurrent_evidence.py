"""Evidence is never refused because others add at the same time: a hundred case managers add
an occurrence to one bottleneck at once, half through the API and half through the page form,
and forty people post in its discussion at once (the routed sector's policy owners among them,
each of whom may be the first answer), against a real `mdma serve` process (gunicorn, gevent)
on its own database."""

import os
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from mdma import create_app
from mdma.accounts.authentication import create_api_token
from mdma.bottlenecks.models import Bottleneck, Occurrence
from mdma.bottlenecks.states import Status
from mdma.core.databases import throwaway_database
from mdma.core.lifecycle import Step
from mdma.extensions import db
from mdma.threads.models import Post
from tests import conftest, factories

CLIENTS = 100
POSTERS = 40  # half of them policy owners of the routed sector
CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@dataclass
class Served:
    app: object
    base: str
    bottleneck_id: int
    people: list  # ("api", token) or ("page", e-mail) of the case managers
    posters: list  # API tokens of case managers and policy owners
    log: Path  # the server's errors, shown when a request failed

    def errors(self) -> str:
        return "\n".join(
            line for line in self.log.read_text().splitlines() if "Error" in line or "error" in line
        )[-4000:]


@pytest.fixture(scope="module", params=conftest.BACKENDS)
def served(request, smtp_server, tmp_path_factory):
    """A migrated database of its own, a bottleneck routed to housing, a hundred case managers
    and twenty policy owners of housing, committed; then `mdma serve` on it."""
    tmp_path = tmp_path_factory.mktemp("served")
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
            factories.route_bottleneck(bottleneck, "housing")
            posters = []
            for _number in range(POSTERS // 2):
                owner = factories.create_user("policy_owner")
                posters.append(create_api_token(owner, "load", None)[1])
            people = []
            for number in range(CLIENTS):
                user = factories.create_user(organisation=organisations[number % 3 % 2])
                if number % 2 == 0:
                    _token, secret = create_api_token(user, "load", None)
                    people.append(("api", secret))
                else:
                    people.append(("page", user.email))
            posters += [secret for kind, secret in people if kind == "api"][: POSTERS // 2]
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
        # A busy test machine may take long to load the guard's word lists at start: the
        # worker must not be taken for hung meanwhile (gunicorn's default is 30 s).
        env["GUNICORN_CMD_ARGS"] = "--timeout 600"
        # Nor may a request fail for waiting on a pooled connection: what is measured here is
        # conflicts, not how fast a busy machine serves a hundred requests at once.
        env["MDMA_DB_POOL_TIMEOUT"] = "600"
        log = (tmp_path / "serve.log").open("w")
        server = subprocess.Popen(
            [os.path.join(os.path.dirname(sys.executable), "mdma"), "serve", "--port", str(port)],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_for(base, server)
            yield Served(app, base, bottleneck_id, people, posters, tmp_path / "serve.log")
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
            log.close()
            with app.app_context():
                db.engine.dispose()
            drop()


def _wait_for(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("mdma serve stopped")
        try:
            requests.get(f"{base}/login", timeout=600)  # the worker loads the guard first
            return
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.2)
    raise RuntimeError("mdma serve did not answer in time")


def _api_client(base, bottleneck_id, secret):
    client = requests.Session()
    client.headers["Authorization"] = f"Bearer {secret}"

    def add():
        return client.post(
            f"{base}/api/v1/bottlenecks/{bottleneck_id}/occurrences",
            json={"occurred_on": date.today().isoformat()},
            timeout=600,
        )

    return add


def _page_client(base, bottleneck_id, email):
    """Signed in through the log-in form, holding the occurrence form with its CSRF token."""
    client = requests.Session()
    form = client.get(f"{base}/login", timeout=600)
    login = client.post(
        f"{base}/login",
        data={
            "csrf_token": CSRF_FIELD.search(form.text).group(1),
            "email": email,
            "password": factories.PASSWORD,
        },
        allow_redirects=False,
        timeout=600,
    )
    assert login.status_code == 302
    address = f"{base}/bottlenecks/{bottleneck_id}/occurrences/new"
    token = CSRF_FIELD.search(client.get(address, timeout=600).text).group(1)
    # The server closes idle keep-alive connections after a few seconds, and the wait for
    # the others at the barrier can be longer: the post opens a fresh connection.
    client.close()

    def add():
        return client.post(
            address,
            data={"csrf_token": token, "occurred_on": date.today().isoformat(), "note": ""},
            allow_redirects=False,
            timeout=600,
        )

    return add


def _at_once(calls) -> list:
    start = threading.Barrier(len(calls))

    def call(function):
        start.wait()
        return function()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(call, calls))


def test_a_hundred_people_adding_evidence_at_once_all_succeed(served):
    app, base, bottleneck_id, people = (
        served.app,
        served.base,
        served.bottleneck_id,
        served.people,
    )
    adders = [
        _api_client(base, bottleneck_id, credential)
        if kind == "api"
        else _page_client(base, bottleneck_id, credential)
        for kind, credential in people
    ]
    responses = _at_once(adders)

    statuses = [response.status_code for response in responses]
    expected = [201 if kind == "api" else 302 for kind, _credential in people]
    assert statuses == expected, served.errors()
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


def test_forty_people_posting_at_once_all_succeed_and_one_is_the_first_answer(served):
    def poster(secret, number):
        client = requests.Session()
        client.headers["Authorization"] = f"Bearer {secret}"
        address = f"{served.base}/api/v1/bottlenecks/{served.bottleneck_id}/posts"
        body = f"Bij ons loopt dit ook vast, poging {number}."
        # The policy owners (the first half) post as their sector's answer.
        answer = {"as_answer": True} if number < POSTERS // 2 else {}
        return lambda: client.post(address, json={"body": body, **answer}, timeout=600)

    responses = _at_once([poster(secret, n) for n, secret in enumerate(served.posters)])

    assert [response.status_code for response in responses] == [201] * POSTERS, served.errors()
    with served.app.app_context():
        bottleneck = db.session.get(Bottleneck, served.bottleneck_id)
        posts = db.session.scalar(
            sa.select(sa.func.count()).where(Post.thread_id == bottleneck.thread_id)
        )
        discussions = db.session.scalar(
            sa.select(sa.func.count()).where(
                Step.subject_type == "bottlenecks",
                Step.subject_id == bottleneck.id,
                Step.target == Status.IN_DISCUSSION,
            )
        )
        assert (posts, bottleneck.status, discussions) == (POSTERS, Status.IN_DISCUSSION, 1)
        assert bottleneck.first_answer_at is not None
        # Housing answered once, by one of the twenty answers sent at once.
        (housing,) = bottleneck.routed
        assert housing.answered_at is not None
        answers = db.session.scalars(
            sa.select(Post.id).where(
                Post.thread_id == bottleneck.thread_id, Post.answer_sector_id.is_not(None)
            )
        ).all()
        assert len(answers) == POSTERS // 2 and housing.answer_post_id in answers
        db.session.remove()
