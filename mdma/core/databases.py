"""Databases of their own on a PostgreSQL server, for test runs and benchmarks: created by
name or with a random one, dropped when done. The platform itself never calls this."""

import secrets
from collections.abc import Callable

import psycopg
import sqlalchemy as sa


def _server(admin_url: str) -> str:
    """The libpq form of the server's URL, which psycopg connects with."""
    return sa.make_url(admin_url).set(drivername="postgresql").render_as_string(hide_password=False)


def create_database(admin_url: str, name: str, *, exist_ok: bool = False) -> str:
    """Create `name` on the server `admin_url` (a role that may create databases) points to,
    or keep it as it is when `exist_ok`; returns the SQLAlchemy URL of the database."""
    url = sa.make_url(admin_url).set(drivername="postgresql+psycopg", database=name)
    with psycopg.connect(_server(admin_url), autocommit=True) as conn:
        found = (
            exist_ok
            and conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        )
        if not found:
            conn.execute(f'CREATE DATABASE "{name}"')
    return url.render_as_string(hide_password=False)


def drop_database(admin_url: str, name: str) -> None:
    with psycopg.connect(_server(admin_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def throwaway_database(admin_url: str, prefix: str) -> tuple[str, Callable[[], None]]:
    """A new database named `prefix_<random>`; returns its URL and the function that drops it."""
    name = f"{prefix}_{secrets.token_hex(4)}"
    url = create_database(admin_url, name)
    return url, lambda: drop_database(admin_url, name)
