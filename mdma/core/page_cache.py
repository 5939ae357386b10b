"""Rendered pages kept per reader until anything is written.

A view marked `@cached` is rendered once and its response kept in this process, under a key
made of the reader, their language, the address with its query, a ten-minute time bucket and
the *write generation*: a number in the database that every committed transaction which wrote
a row raises, in the same transaction. The next request after any write, in any process,
reads the new number and renders the page anew, so an edit or a changed permission is seen by
the next request and nobody is ever shown a page rendered for someone else.

What is not kept: the CSRF token (the page is stored with a marker in its place, and the
reader's own token is put back when it is served), pages with a flash message waiting,
anything but a 200 to a plain GET, and writes that no kept page shows (log-in sessions, API
tokens' last use, failed log-ins) do not raise the generation.
"""

import re
import threading
import time
from collections import OrderedDict
from functools import wraps

import sqlalchemy as sa
from flask import current_app, g, request, session
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from mdma.extensions import db

TABLE = "write_generation"
#: Tables whose writes no kept page shows: they never make a page stale.
QUIET_TABLES = {
    TABLE,
    "alembic_version",
    "login_sessions",
    "login_failures",
    "api_tokens",
}
#: Time passes on a page too (a deadline becomes overdue): a kept page lasts at most this long.
BUCKET_SECONDS = 600
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)
_WRITE_ANYWHERE = re.compile(
    r'\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?\s+(?:SET|\(|VALUES|WHERE|AS|SELECT|$)',
    re.IGNORECASE,
)
_WROTE = "mdma_wrote"
_BUMP = (
    f"INSERT INTO {TABLE} (id, value) VALUES (1, 1) "
    f"ON CONFLICT (id) DO UPDATE SET value = {TABLE}.value + 1"
)
_CSRF_MARK = "\x00csrf\x00"
#: The databases (by URL) whose generation table was found: asked once, until a DROP.
_tables_seen: set = set()


class WriteGeneration(db.Model):
    """One row: how many writing transactions have committed (see the module's docstring)."""

    __tablename__ = TABLE
    id = sa.Column(sa.Integer, primary_key=True)
    value = sa.Column(sa.BigInteger, nullable=False, default=0)


@event.listens_for(Engine, "before_cursor_execute")
def _note_write(conn, _cursor, statement, _parameters, _context, _executemany):
    start = statement.lstrip()[:4].upper()
    if start == "DROP":  # a migration going down may drop the generation's table
        _tables_seen.discard(conn.engine.url)
        return
    # A write starts with its verb, or with the common table expressions it reads first.
    if start == "WITH":
        tables = _WRITE_ANYWHERE.findall(statement)
    else:
        match = _WRITE.match(statement)
        tables = [match.group(1)] if match else []
    if any(table.lower() not in QUIET_TABLES for table in tables):
        conn.info[_WROTE] = True


@event.listens_for(Session, "before_commit")
def _bump_session(session):
    """Raise the generation as the last statement of a writing transaction, just before it
    commits (so the row's lock is held for the shortest time; a savepoint's release is not the
    end of its transaction and waits for the outer commit)."""
    if not session.in_transaction() or session.in_nested_transaction():
        return
    session.flush()
    connection = session.connection()
    if connection.info.pop(_WROTE, False) and _has_table(connection):
        connection.exec_driver_sql(_BUMP)


@event.listens_for(Engine, "commit")
def _bump_connection(conn):
    """The same for a connection used without a session (the demo's bulk load): on the
    driver's own cursor, as the transaction is already committing."""
    if not conn.info.pop(_WROTE, False) or not _has_table(conn):
        return
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(_BUMP)
    finally:
        cursor.close()


@event.listens_for(Engine, "rollback")
def _forget(conn):
    conn.info.pop(_WROTE, None)


def _has_table(conn) -> bool:
    """Before its migration has run (a fresh database being built) there is nothing to raise."""
    engine_key = conn.engine.url
    if engine_key in _tables_seen:
        return True
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        if conn.dialect.name == "sqlite":
            cursor.execute(f"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{TABLE}'")
        else:
            cursor.execute(f"SELECT to_regclass('{TABLE}')")
        row = cursor.fetchone()
    finally:
        cursor.close()
    found = bool(row and row[0])
    if found:
        _tables_seen.add(engine_key)
    return found


def generation() -> int:
    """The write generation as this request's transaction sees it."""
    value = db.session.execute(sa.text(f"SELECT value FROM {TABLE} WHERE id = 1")).scalar()
    return value or 0


class _Store:
    """The kept responses of this process, least recently used dropped first, within a budget
    of bytes. Entries of an older generation can never be served again: seeing a newer one
    empties the store."""

    def __init__(self):
        self.entries: OrderedDict = OrderedDict()
        self.size = 0
        self.generation = None
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, entry, budget: int) -> None:
        cost = len(entry[0])
        if cost > budget:
            return
        with self.lock:
            if key in self.entries:
                self.size -= len(self.entries.pop(key)[0])
            self.entries[key] = entry
            self.size += cost
            while self.size > budget:
                _old, dropped = self.entries.popitem(last=False)
                self.size -= len(dropped[0])

    def renew(self, current: int) -> None:
        with self.lock:
            if self.generation != current:
                self.entries.clear()
                self.size = 0
                self.generation = current


_store = _Store()


def clear() -> None:
    _store.renew(None)


def cached(view):
    """Keep the view's page per reader until the next write (see the module's docstring)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        budget = current_app.config.get("MDMA_PAGE_CACHE_BYTES", 0)
        if not budget or not _cacheable_request():
            return view(*args, **kwargs)
        current = generation()
        _store.renew(current)
        key = (
            current,
            current_user.id if current_user.is_authenticated else None,
            str(get_locale()),
            request.full_path,
            int(time.time() // BUCKET_SECONDS),
        )
        entry = _store.get(key)
        if entry is not None:
            return _response(entry)
        response = current_app.make_response(view(*args, **kwargs))
        if response.status_code == 200 and not response.direct_passthrough:
            kept = _keepable(response)
            if kept is not None:
                _store.put(key, kept, budget)
        return response

    return wrapper


def _cacheable_request() -> bool:
    return request.method == "GET" and not session.get("_flashes")


def _keepable(response):
    body = response.get_data()
    token = g.get("csrf_token")
    if token:
        body = body.replace(token.encode(), _CSRF_MARK.encode())
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in ("content-length", "set-cookie", "vary")
    ]
    return body, headers, response.mimetype


def _response(entry):
    body, headers, mimetype = entry
    if _CSRF_MARK.encode() in body:
        from flask_wtf.csrf import generate_csrf

        body = body.replace(_CSRF_MARK.encode(), generate_csrf().encode())
    response = current_app.response_class(body, headers=headers, mimetype=mimetype)
    return response
