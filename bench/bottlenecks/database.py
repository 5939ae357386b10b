"""A fresh, migrated database for the bottleneck benchmarks: SQLite in a temporary folder,
or a database of its own on a PostgreSQL server (dropped afterwards)."""

import secrets
import tempfile
from contextlib import contextmanager
from pathlib import Path

import psycopg
import sqlalchemy as sa
from flask_migrate import upgrade

from mdma import create_app
from mdma.accounts.models import User
from mdma.extensions import db


@contextmanager
def fresh_database(postgres_url: str | None = None, sqlite_path: str | None = None):
    """An app context on an empty database at the migrations' head."""
    with tempfile.TemporaryDirectory() as folder:
        drop = None
        if postgres_url:
            url, drop = _postgres_database(postgres_url)
        else:
            url = f"sqlite:///{sqlite_path or Path(folder) / 'bench.sqlite'}"
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "MDMA_MAIL_BACKEND": "log"},
            instance_path=folder,
        )
        try:
            with app.app_context():
                upgrade()
                yield app
                db.session.remove()
                db.engine.dispose()
        finally:
            if drop:
                drop()


def _postgres_database(admin_url: str):
    url = sa.make_url(admin_url)
    name = f"mdma_bench_{secrets.token_hex(4)}"
    plain = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return url.set(database=name).render_as_string(hide_password=False), drop


def reporter() -> User:
    """The one case manager who writes every benchmark bottleneck."""
    user = User(email="bench@mdma.invalid", name="Bench", handle="bench", role="case_manager")
    db.session.add(user)
    db.session.flush()
    return user


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
