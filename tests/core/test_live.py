"""Live events: queued by services, sent after the commit to rooms the server checks."""

import pytest
from flask import g

from mdma.core import live
from mdma.extensions import db, socketio
from mdma.threads.events import thread_room
from tests import factories
from tests.conftest import login


class _Connection:
    """A test client whose every call loads its own user: socket handlers run in the test's
    application context, and `g` would otherwise keep the user an earlier call loaded."""

    def __init__(self, app, http):
        g.pop("_login_user", None)
        self._client = socketio.test_client(app, flask_test_client=http)

    def emit(self, *args, **kwargs):
        g.pop("_login_user", None)
        return self._client.emit(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._client, name)


@pytest.fixture
def connect(app, session):
    """A Socket.IO connection of `user`, signed in through its own HTTP client."""
    opened = []

    def open_as(user):
        http = login(app.test_client(), user)
        connection = _Connection(app, http)
        assert connection.is_connected()
        opened.append(connection)
        return connection, http

    yield open_as
    for connection in opened:
        if connection.is_connected():
            connection.disconnect()


def changes(connection):
    return [event["args"][0] for event in connection.get_received() if event["name"] == "change"]


def join(connection, room):
    return connection.emit("join", {"room": room}, callback=True)


def test_a_new_post_reaches_whoever_watches_the_thread_after_the_commit(
    connect, session, create_user
):
    writer = create_user("case_manager")
    reader = create_user("coordinator")
    bottleneck = factories.create_bottleneck(writer)
    session.commit()
    watching, _http = connect(reader)
    assert join(watching, thread_room(bottleneck.thread_id)) == {"ok": True}
    _socket, writing = connect(writer)

    response = writing.post(f"/bottlenecks/{bottleneck.id}/posts", data={"body": "Herkenbaar."})

    assert response.status_code == 302
    post_id = int(response.location.rsplit("post-", 1)[1])
    assert changes(watching) == [{"type": "post", "op": "created", "id": post_id, "version": 1}]


def test_edits_deletions_and_hiding_reach_the_thread_with_their_version(
    connect, session, create_user
):
    writer = create_user("case_manager")
    coordinator = create_user("coordinator")
    bottleneck = factories.create_bottleneck(writer)
    session.commit()
    watching, reading = connect(coordinator)
    join(watching, thread_room(bottleneck.thread_id))
    _socket, writing = connect(writer)
    response = writing.post(f"/bottlenecks/{bottleneck.id}/posts", data={"body": "Eerste versie."})
    post_id = int(response.location.rsplit("post-", 1)[1])
    changes(watching)  # the creation, seen above

    edited = writing.post(
        f"/threads/posts/{post_id}/edit", data={"body": "Tweede versie.", "version": 1}
    )
    assert edited.status_code == 302
    hidden = reading.post(
        f"/threads/posts/{post_id}/hide", data={"reason": "Buiten het onderwerp."}
    )
    assert hidden.status_code == 302

    assert changes(watching) == [
        {"type": "post", "op": "edited", "id": post_id, "version": 2},
        {"type": "post", "op": "hidden", "id": post_id, "version": 3},
    ]
    # What the live page then fetches is the placeholder, never the text.
    fetched = reading.get(f"/threads/{bottleneck.thread_id}/posts/{post_id}").get_data(as_text=True)
    assert 'data-version="3"' in fetched and "Buiten het onderwerp." in fetched
    assert "Tweede versie." not in fetched


def test_a_post_its_author_deletes_is_announced_and_fetched_as_a_placeholder(
    connect, session, create_user
):
    writer = create_user("case_manager")
    bottleneck = factories.create_bottleneck(writer)
    session.commit()
    watching, writing = connect(writer)
    join(watching, thread_room(bottleneck.thread_id))
    response = writing.post(f"/bottlenecks/{bottleneck.id}/posts", data={"body": "Vergissing."})
    post_id = int(response.location.rsplit("post-", 1)[1])
    changes(watching)

    assert writing.post(f"/threads/posts/{post_id}/delete").status_code == 302

    assert changes(watching) == [{"type": "post", "op": "deleted", "id": post_id, "version": 2}]
    fetched = writing.get(f"/threads/{bottleneck.thread_id}/posts?since=2000-01-01T00:00:00")
    assert "Vergissing." not in fetched.get_data(as_text=True)
    assert f'id="post-{post_id}"' in fetched.get_data(as_text=True)


def test_a_refused_post_sends_nothing(connect, session, create_user):
    writer = create_user("case_manager")
    bottleneck = factories.create_bottleneck(writer)
    session.commit()
    watching, writing = connect(writer)
    join(watching, thread_room(bottleneck.thread_id))

    response = writing.post(f"/bottlenecks/{bottleneck.id}/posts", data={"body": "   "})

    assert response.status_code == 200  # the form again, with its error
    assert changes(watching) == []


def test_a_notice_goes_out_on_commit_and_never_after_a_rollback(connect, create_user):
    user = create_user()
    watching, _http = connect(user)
    room = live.user_room(user.id)

    live.publish("thing", "edited", 7, 2, room=room)
    db.session.rollback()
    assert changes(watching) == []

    live.publish("thing", "edited", 7, 3, room=room)
    db.session.commit()
    assert changes(watching) == [{"type": "thing", "op": "edited", "id": 7, "version": 3}]


def test_joining_a_thread_one_may_not_read_is_refused_in_ones_language(
    connect, session, create_user
):
    writer = create_user("case_manager")
    draft = factories.create_bottleneck(writer, draft=True)  # a draft is its writer's alone
    other = create_user("case_manager", language="en")
    session.commit()
    socket, _http = connect(other)

    answer = join(socket, thread_room(draft.thread_id))

    assert answer == {"ok": False, "error": "You may not follow this page live."}
    live.publish("post", "created", 1, 1, room=thread_room(draft.thread_id))
    db.session.commit()
    assert changes(socket) == []


@pytest.mark.parametrize("room", ["thread:999999", "thread:abc", "user:1", "nonsense", None, 5])
def test_rooms_that_do_not_exist_or_belong_to_others_are_refused(connect, create_user, room):
    socket, _http = connect(create_user())
    assert join(socket, room)["ok"] is False


def test_whoever_watches_a_thread_sees_who_is_typing_there(connect, session, create_user):
    writer = create_user("case_manager", name="Sofie Claes")
    reader = create_user("coordinator")
    bottleneck = factories.create_bottleneck(writer)
    session.commit()
    room = thread_room(bottleneck.thread_id)
    typing, _ = connect(writer)
    watching, _ = connect(reader)
    join(typing, room)
    join(watching, room)
    typing.get_received()

    typing.emit("typing", {"room": room})

    received = [e["args"][0] for e in watching.get_received() if e["name"] == "typing"]
    assert received == [{"room": room, "user": writer.id, "name": "Sofie Claes"}]
    assert [e for e in typing.get_received() if e["name"] == "typing"] == []


def test_typing_in_a_room_one_has_not_joined_tells_nobody(connect, session, create_user):
    writer = create_user("case_manager")
    bottleneck = factories.create_bottleneck(writer, draft=True)
    session.commit()
    room = thread_room(bottleneck.thread_id)
    watching, _ = connect(writer)
    join(watching, room)
    intruder, _ = connect(create_user("case_manager"))

    intruder.emit("typing", {"room": room})

    assert [e for e in watching.get_received() if e["name"] == "typing"] == []


def test_a_new_notification_tells_its_recipient_only(connect, session, create_user):
    from mdma.bottlenecks import routing

    owner = create_user("policy_owner", sectors=[factories.sector("income")])
    bystander = create_user("policy_owner", sectors=[factories.sector("health")])
    bottleneck = factories.create_bottleneck()
    session.commit()
    owner_socket, _ = connect(owner)
    bystander_socket, _ = connect(bystander)

    routing.triage(
        create_user("coordinator"),
        bottleneck,
        sectors=[factories.sector("income")],
        level="intersectoral",
    )
    db.session.commit()

    [notice] = changes(owner_socket)
    assert notice["type"] == "notification" and notice["op"] == "created"
    assert changes(bystander_socket) == []


@pytest.mark.parametrize(
    ("origin", "host", "scheme", "accepted"),
    [
        ("http://10.0.0.5:8000", "10.0.0.5:8000", "http", True),  # reached at another address
        ("https://mdma.example", "mdma.example", "http", True),  # behind a TLS proxy
        ("https://public.example", "127.0.0.1:8000", "http", True),  # the configured address
        ("http://evil.example", "10.0.0.5:8000", "http", False),
        ("http://10.0.0.5:8001", "10.0.0.5:8000", "http", False),
        ("null", "10.0.0.5:8000", "http", False),
        (None, "10.0.0.5:8000", "http", True),  # not a browser: the session cookie decides
    ],
)
def test_socket_connections_are_accepted_from_the_servers_own_pages_only(
    origin, host, scheme, accepted
):
    check = live.same_origin("https://public.example/")
    assert check(origin, {"HTTP_HOST": host, "wsgi.url_scheme": scheme}) is accepted
