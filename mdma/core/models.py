"""Model mixins and the engine settings every table relies on."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapped, mapped_column

from mdma.core.time import utcnow

#: Tables the migrations create by hand because they differ per database (full-text
#: indexes and their SQLite shadow tables): named by prefix, registered by their package.
UNMANAGED_TABLE_PREFIXES: set[str] = set()


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic's autogenerate hook: leave the hand-made tables out of the comparison."""
    unmanaged = type_ == "table" and compare_to is None and reflected
    return not (unmanaged and name.startswith(tuple(UNMANAGED_TABLE_PREFIXES)))


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(sa.DateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        sa.DateTime, default=utcnow, onupdate=utcnow, nullable=False
    )


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    """SQLite: enforce foreign keys and let SQLAlchemy own transactions, so SAVEPOINTs work;
    read the file through memory mapping and keep more of it cached than the 2 MB default,
    which long lists and searches over a hundred thousand rows feel."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA mmap_size=268435456")
        cursor.execute("PRAGMA cache_size=-32768")
        cursor.close()


@event.listens_for(Engine, "connect")
def _postgres_settings(dbapi_connection, _record):
    """PostgreSQL: plan for data that lives in memory (random reads cost about what sequential
    ones do, so the planner uses the search and list indexes), and answer a page from one
    process without compiling it first: parallel workers and JIT compilation pay off for
    reports over millions of rows, not for a page that needs a few milliseconds."""
    if type(dbapi_connection).__module__.startswith("psycopg"):
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET random_page_cost = 1.1")
            cursor.execute("SET max_parallel_workers_per_gather = 0")
            cursor.execute("SET jit = off")
        dbapi_connection.commit()


@event.listens_for(Engine, "begin")
def _sqlite_begin(connection):
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN")
