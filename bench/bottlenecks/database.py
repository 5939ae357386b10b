"""A fresh, migrated database for the bottleneck benchmarks: SQLite in a temporary folder,
or a database of its own on a PostgreSQL server (dropped afterwards)."""

import tempfile
from contextlib import contextmanager
from pathlib import Path

from flask_migrate import upgrade

from mdma import create_app
from mdma.accounts.models import User
from mdma.core.databases import throwaway_database
from mdma.extensions import db


@contextmanager
def fresh_database(postgres_url: str | None = None, sqlite_path: str | None = None):
    """An app context on an empty database at the migrations' head."""
    with tempfile.TemporaryDirectory() as folder:
        drop = None
        if postgres_url:
            url, drop = throwaway_database(postgres_url, "mdma_bench")
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


def reporter() -> User:
    """The one case manager who writes every benchmark bottleneck."""
    user = User(email="bench@mdma.invalid", name="Bench", handle="bench", role="case_manager")
    db.session.add(user)
    db.session.flush()
    return user


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
