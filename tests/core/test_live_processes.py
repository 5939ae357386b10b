"""Several processes: two `mdma serve` processes on one database and one Redis queue deliver a
post written through one to a reader connected to the other, and keep storing posts while the
queue is away; live delivery comes back with the queue, without a restart.

Real servers and real clients: PostgreSQL when MDMA_TEST_POSTGRES_URL is set (as in CI), the
shared Redis of MDMA_TEST_REDIS_URL (or one of the test's own), and for the outage a Redis
server the test starts and stops itself, so the shared one is never stopped.
"""

import os
import secrets

import pytest
import redis
from flask_migrate import upgrade

from mdma import create_app
from mdma.core.databases import throwaway_database
from mdma.extensions import db
from tests import factories
from tests.conftest import shared_extensions_kept
from tests.servers import (
    LiveClient,
    post,
    redis_server,
    serve,
    signed_in,
    wait_until,
)

WRITER = "writer@live.example"
READER = "reader@live.example"


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """One database both processes use: a writer, a reader and an open bottleneck."""
    admin_url = os.environ.get("MDMA_TEST_POSTGRES_URL")
    folder = tmp_path_factory.mktemp("live")
    if admin_url:
        url, drop = throwaway_database(admin_url, "mdma_live")
    else:
        url, drop = f"sqlite:///{folder / 'mdma.sqlite'}", lambda: None
    try:
        with shared_extensions_kept():
            app = create_app(
                {
                    "SQLALCHEMY_DATABASE_URI": url,
                    "MDMA_ARGON2_TIME_COST": 1,
                    "MDMA_ARGON2_MEMORY_COST": 1024,
                    "SECRET_KEY": "unused",
                },
                instance_path=str(folder),
            )
            with app.app_context():
                upgrade()
                writer = factories.create_user("case_manager", email=WRITER)
                factories.create_user("coordinator", email=READER)
                bottleneck = factories.create_bottleneck(writer)
                factories.route_bottleneck(bottleneck, "income")
                db.session.commit()
                discussion = bottleneck.id, f"thread:{bottleneck.thread_id}"
                db.engine.dispose()
        env = dict(
            os.environ,
            MDMA_DATABASE_URL=url,
            MDMA_SECRET_KEY="live-processes-secret",  # one key: a session works on both servers
        )
        env.pop("MDMA_REDIS_URL", None)
        yield env, discussion
    finally:
        drop()


@pytest.fixture(scope="module")
def discussion(database):
    """An open bottleneck that both the writer and the reader may read: (id, its room)."""
    return database[1]


@pytest.fixture
def servers(database):
    """Start `mdma serve` processes on one Redis queue: `start(redis_url, count)`."""
    env, _discussion = database
    started = []

    def start(redis_url: str, count: int = 2) -> tuple[list[str], str]:
        channel = f"mdma-test-{secrets.token_hex(4)}"  # runs beside ours never cross
        env_of_each = dict(env, MDMA_REDIS_URL=redis_url, MDMA_SOCKETIO_CHANNEL=channel)
        pairs = serve(*[env_of_each] * count)
        started.extend(process for process, _base in pairs)
        bases = [base for _process, base in pairs]
        return bases, channel

    yield start
    for process in started:
        process.stop()


@pytest.fixture
def clients():
    opened = []

    def connect(base, email, room):
        client = LiveClient(base, signed_in(base, email))
        opened.append(client)
        assert client.join(room) == {"ok": True}
        return client

    yield connect
    for client in opened:
        client.close()


@pytest.fixture(scope="module")
def shared_redis():
    """The Redis of MDMA_TEST_REDIS_URL (CI), else one of the module's own."""
    url = os.environ.get("MDMA_TEST_REDIS_URL")
    if url:
        yield url
        return
    process, port = redis_server()
    yield f"redis://127.0.0.1:{port}/0"
    process.stop()


def test_a_post_through_one_process_reaches_a_reader_on_the_other(
    servers, clients, discussion, shared_redis
):
    bottleneck_id, room = discussion
    (first, second), _channel = servers(shared_redis)
    reader = clients(second, READER, room)
    writer_socket = clients(first, WRITER, room)

    post_id = post(signed_in(first, WRITER), first, bottleneck_id, "Ook in ons team gezien.")

    assert reader.wait_for_post(post_id) == {
        "type": "post",
        "op": "created",
        "id": post_id,
        "version": 1,
    }
    assert writer_socket.wait_for_post(post_id)["id"] == post_id


def test_posting_goes_on_while_redis_is_away_and_live_delivery_comes_back(
    servers, clients, discussion
):
    bottleneck_id, room = discussion
    queue_server, port = redis_server()
    try:
        url = f"redis://127.0.0.1:{port}/0"
        (first, second), channel = servers(url)
        reader = clients(second, READER, room)
        clients(first, WRITER, room)  # a process starts listening to the queue with a client
        writer = signed_in(first, WRITER)
        assert reader.wait_for_post(post(writer, first, bottleneck_id, "Voor de storing."))

        queue_server.stop()
        during = post(writer, first, bottleneck_id, "Tijdens de storing geschreven.")

        # Stored: the reader's page catches up over HTTP (as after a reconnect).
        catch_up = signed_in(second, READER).get(
            f"{second}/threads/{room.split(':')[1]}/posts", timeout=10
        )
        assert f'id="post-{during}"' in catch_up.text

        queue_server, _port = redis_server(port)
        back = redis.Redis(port=port)
        wait_until(lambda: back.pubsub_numsub(channel)[0][1] == 2, 60, "both servers listen again")
        back.close()
        after = post(writer, first, bottleneck_id, "Na de storing.")
        assert reader.wait_for_post(after)["id"] == after
    finally:
        queue_server.stop()
