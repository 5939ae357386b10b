"""Shared fixtures: a real database per backend (SQLite, and PostgreSQL when
MDMA_TEST_POSTGRES_URL is set), migrated to head once, one rolled-back transaction per
test; a real SMTP server for mail; small factories.
"""

import os
import socket
import time
from contextlib import contextmanager

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller
from flask import g, request_started
from flask_migrate import upgrade
from flask_sqlalchemy.session import Session as FlaskSession

from mdma import create_app
from mdma.api.base import api
from mdma.core import page_cache
from mdma.core.databases import throwaway_database
from mdma.extensions import db, limiter, socketio
from tests import factories

POSTGRES_URL = os.environ.get("MDMA_TEST_POSTGRES_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


def pytest_collection_modifyitems(items):
    """Browser tests last: the fast layers report first."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- Mail ---------------------------------------------------------------------------------


class _Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        from email import message_from_bytes, policy

        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture(scope="session")
def smtp_server():
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, inbox
    controller.stop()


@pytest.fixture
def outbox(smtp_server):
    """Mail the platform sent during this test, as received by a real SMTP server."""
    _controller, inbox = smtp_server
    inbox.messages.clear()
    return inbox.messages


# --- Applications -------------------------------------------------------------------------


@contextmanager
def shared_extensions_kept():
    """create_app binds the process-wide Socket.IO and API objects to the newest app; a test
    that builds an application of its own hands them back to the suite's app afterwards."""
    saved = {extension: dict(vars(extension)) for extension in (socketio, api, limiter)}
    try:
        yield
    finally:
        for extension, attributes in saved.items():
            vars(extension).clear()
            vars(extension).update(attributes)


# --- Databases ----------------------------------------------------------------------------


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite'}"
        return
    url, drop = throwaway_database(POSTGRES_URL, "mdma_test")
    yield url
    drop()


def testing_config(database_url, smtp_port, instance_path) -> dict:
    return {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "MDMA_ARGON2_TIME_COST": 1,
        "MDMA_ARGON2_MEMORY_COST": 1024,
        "MDMA_MAIL_BACKEND": "smtp",
        "MDMA_SMTP_HOST": "127.0.0.1",
        "MDMA_SMTP_PORT": smtp_port,
        "MDMA_BASE_URL": "http://mdma.test",
        "SECRET_KEY": "test-secret-" + instance_path.name,
    }


@pytest.fixture(scope="session")
def app(database_url, smtp_server, tmp_path_factory):
    instance = tmp_path_factory.mktemp("instance")
    application = create_app(
        testing_config(database_url, smtp_server[0].port, instance), instance_path=str(instance)
    )
    with application.app_context():
        upgrade()
    request_started.connect(_fresh_request_globals, application)
    yield application
    with application.app_context():
        db.engine.dispose()


def _fresh_request_globals(sender, **extra):
    """Requests share the test's app context (and so its session); give each its own `g`,
    as in production, so the signed-in user and the locale do not leak between requests."""
    vars(g._get_current_object()).clear()


class _TestSession(FlaskSession):
    """Every statement goes through the test's connection, whatever the model's bind."""

    def get_bind(self, *args, **kwargs):
        return self.bind


@pytest.fixture
def session(app):
    """One transaction per test, rolled back afterwards; the app's commits become savepoints.
    Pages kept by an earlier test are forgotten: its write generation was rolled back too."""
    page_cache.clear()
    with app.app_context():
        connection = db.engine.connect()
        transaction = connection.begin()
        original = db.session
        db.session = db._make_scoped_session(
            {
                "class_": _TestSession,
                "bind": connection,
                "join_transaction_mode": "create_savepoint",
            }
        )
        try:
            yield db.session
        finally:
            db.session.remove()
            db.session = original
            transaction.rollback()
            connection.close()


@pytest.fixture(autouse=True)
def fresh_request_rates():
    """Request rates counted in one test do not carry over to the next (memory storage)."""
    yield
    if getattr(limiter, "initialized", False):
        limiter.reset()


@pytest.fixture
def client(app, session):
    return app.test_client()


@pytest.fixture
def csrf(app):
    """Turn CSRF protection on for one test (it is off for the rest, to keep forms short)."""
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


# --- Factories and sign-in ----------------------------------------------------------------


@pytest.fixture
def create_user(session):
    return factories.create_user


@pytest.fixture
def create_organisation(session):
    return factories.create_organisation


@pytest.fixture
def sector(session):
    return factories.sector


def login(client, user):
    """Sign a test client in without the cost of a password check."""
    from mdma.accounts import logins

    logins.start(user, device="Test client")
    db.session.commit()  # kept when a refused request rolls back (the test still rolls back)
    with client.session_transaction() as flask_session:
        flask_session["_user_id"] = user.login_credential()
        flask_session["_fresh"] = True
    return client


@pytest.fixture
def login_as(client):
    return lambda user: login(client, user)


def wait_for(predicate, timeout=5.0, interval=0.02):
    """Poll until predicate() is true (mail and live events arrive a little later)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    return predicate()


class QueryCounter:
    def __init__(self):
        self.statements = []

    def __len__(self):
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """`with count_queries() as counted:` — the SQL statements run inside the block."""
    from contextlib import contextmanager

    @contextmanager
    def counting():
        counter = QueryCounter()

        def note(_conn, _cursor, statement, *_args):
            if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
                counter.statements.append(statement)

        sa.event.listen(db.engine, "before_cursor_execute", note)
        try:
            yield counter
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", note)

    return counting
