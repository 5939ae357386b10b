"""Live events: services queue a small change notice, Socket.IO sends it after the commit.

A notice is `{type, op, id, version}` and goes to a room the server chooses (`thread:7`,
`user:3`); it never carries content. The page asks for the changed thing over HTTP through its
normal route, so a reader sees only what the permission checks let through. Delivery is lossy
(an event emitted while the Redis queue is away is dropped), so pages catch up over HTTP after
a reconnect.

Rooms are joined on request (`join`), each kind of room with its own check (`room_kind`);
everyone is put in their own `user:<id>` room when they connect.
"""

import logging
from collections.abc import Callable

from flask import request
from flask_babel import gettext as _
from flask_login import current_user
from flask_socketio import join_room, leave_room, rooms
from socketio import Manager, RedisManager

from mdma.core.after_commit import after_commit
from mdma.extensions import socketio

log = logging.getLogger(__name__)

#: The one Socket.IO event of changes; its payload's `type` says what changed.
CHANGE = "change"
TYPING = "typing"

#: kind of room → check(actor, key) whether the actor may join `<kind>:<key>`.
_ROOM_KINDS: dict[str, Callable[[object, str], bool]] = {}


def user_room(user_id: int) -> str:
    return f"user:{user_id}"


def publish(type_: str, op: str, id_: int, version: int | None = None, *, room: str) -> None:
    """Queue a change notice for `room`; it goes out after the commit, never after a rollback."""
    payload = {"type": type_, "op": op, "id": id_, "version": version}
    after_commit(lambda: socketio.emit(CHANGE, payload, to=room))


def room_kind(kind: str, may_join: Callable[[object, str], bool]) -> None:
    """Declare a kind of room and who may join one (`may_join(actor, key)`)."""
    _ROOM_KINDS[kind] = may_join


def may_join(actor, room: object) -> bool:
    if not isinstance(room, str) or ":" not in room:
        return False
    kind, key = room.split(":", 1)
    check = _ROOM_KINDS.get(kind)
    return check is not None and bool(check(actor, key))


# --- Socket handlers (thin: a check, then join or relay) ---------------------------------------


def _refusal():
    return {"ok": False, "error": _("You may not follow this page live.")}


@socketio.on("join")
def on_join(data=None):
    room = (data or {}).get("room") if isinstance(data, dict) else None
    if not current_user.is_authenticated or not may_join(current_user, room):
        return _refusal()
    join_room(room)
    return {"ok": True}


@socketio.on("leave")
def on_leave(data=None):
    room = (data or {}).get("room") if isinstance(data, dict) else None
    if isinstance(room, str):
        leave_room(room)
    return {"ok": True}


@socketio.on(TYPING)
def on_typing(data=None):
    """Tell the others in a room one has joined that someone is writing there."""
    room = (data or {}).get("room") if isinstance(data, dict) else None
    if not current_user.is_authenticated or room not in rooms() or room.startswith("user:"):
        return
    payload = {"room": room, "user": current_user.id, "name": current_user.name}
    socketio.emit(TYPING, payload, to=room, skip_sid=request.sid)


# --- Server set-up -----------------------------------------------------------------------------


def same_origin(base_url: str):
    """The WebSocket origin check: a page of this server, at whatever address it was reached
    (the request's Host), or the configured public address (a proxy that terminates TLS).
    Never a wildcard: a page of another site must not use a visitor's session."""
    configured = base_url.rstrip("/")

    def allowed(origin, environ=None):
        if origin is None:  # not a browser: the session cookie still decides
            return True
        host = (environ or {}).get("HTTP_HOST")
        scheme = (environ or {}).get("wsgi.url_scheme", "http")
        accepted = {configured}
        if host:
            accepted |= {f"{scheme}://{host}", f"https://{host}"}
        return origin in accepted

    return allowed


class QueueManager(RedisManager):
    """The Redis queue of several processes; after an outage it listens again within a few
    seconds (the library waits up to a minute between attempts)."""

    RETRY_LIMIT = 5

    def _redis_listen_with_retries(self):
        import time

        retry_sleep = 0.5
        while True:
            try:
                self._redis_connect()
                self.pubsub.subscribe(self.channel)
                retry_sleep = 0.5
                yield from self.pubsub.listen()
            except Exception as error:  # the queue is away: try again, never give up
                log.warning("live: Redis queue unreachable (%s), retrying", error)
                time.sleep(retry_sleep)
                retry_sleep = min(retry_sleep * 2, self.RETRY_LIMIT)


def client_manager(redis_url: str | None, channel: str) -> Manager:
    """In-process rooms, or the Redis queue shared by every process when one is configured."""
    return QueueManager(redis_url, channel=channel) if redis_url else Manager()
