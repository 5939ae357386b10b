"""Demo data at volume (`mdma demo --scale N`): N bottlenecks and 5×N occurrences, for trying
the lists with realistic numbers and for bench/bottlenecks.

Rows go in with Core executemany in batches, not through the services: the services run the
privacy guard, the logbook and the notifications per row, which is right for people and far
too slow for 500,000 occurrences. What the services keep consistent is kept by construction
(`plan`, `rows`): the steps follow `states.LIFECYCLE` and end in the status, `occurrence_count`
equals the occurrences, routed bottlenecks have sectors and a first-answer deadline, the first
post of a routed sector's policy owner is the first answer. No logbook entries are written.
"""

import random
from contextlib import contextmanager

import sqlalchemy as sa
from flask import current_app

from mdma.accounts.models import User
from mdma.bottlenecks import search, vectors
from mdma.bottlenecks.models import Bottleneck
from mdma.cli.demo.plan import plan
from mdma.cli.demo.rows import People, rows
from mdma.core.time import utcnow
from mdma.directory.models import Organisation, Sector
from mdma.extensions import db
from mdma.permissions import Role
from mdma.threads.models import Thread

#: Bottlenecks turned into rows at a time, and rows per executemany.
CHUNK = 1_000
BATCH = 5_000


def generate(count: int, *, seed: int = 2026) -> dict[str, int]:
    """Add `count` bottlenecks with 5×`count` occurrences; returns the rows written per table.
    The same seed on the same database gives the same data."""
    rng = random.Random(seed)
    people = _people()
    now = utcnow()
    first_id = (db.session.scalar(sa.select(sa.func.max(Bottleneck.id))) or 0) + 1
    first_thread = (db.session.scalar(sa.select(sa.func.max(Thread.id))) or 0) + 1
    plans = plan(rng, count, first_id, people.front_line, people.front_line_weights, now)
    written: dict[str, int] = {}
    with _search_triggers_off():
        for start in range(0, len(plans), CHUNK):
            chunk = plans[start : start + CHUNK]
            for table, table_rows in rows(rng, chunk, first_thread - first_id, people, now).items():
                for offset in range(0, len(table_rows), BATCH):
                    db.session.execute(table.insert(), table_rows[offset : offset + BATCH])
                written[table.name] = written.get(table.name, 0) + len(table_rows)
    _after_bulk_load()
    return written


@contextmanager
def _search_triggers_off():
    """On PostgreSQL the search index's triggers would rebuild a document for every row and
    every post of the load, which takes half an hour at 100,000; they are off during the load
    (in its transaction) and the index is rebuilt once afterwards. SQLite's are quick enough."""
    postgres = search.dialect() == "postgresql"
    tables = ("bottlenecks", "posts")
    if postgres:
        for table in tables:
            db.session.execute(sa.text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))
    try:
        yield
    finally:
        if postgres:
            for table in tables:
                db.session.execute(sa.text(f"ALTER TABLE {table} ENABLE TRIGGER USER"))


def _people() -> People:
    users = db.session.execute(sa.select(User.id, User.role).where(User.active)).all()
    front_line = [u.id for u in users if u.role in (Role.CASE_MANAGER, Role.SOCIAL_WORKER)]
    coordinators = [u.id for u in users if u.role == Role.COORDINATOR]
    if not front_line or not coordinators:
        raise RuntimeError("load the demo users first: front-line workers and a coordinator")
    sectors = list(db.session.scalars(sa.select(Sector)))
    owners: dict[str, list[int]] = {s.code: [] for s in sectors}
    for user in db.session.scalars(sa.select(User).where(User.role == Role.POLICY_OWNER)):
        for sector in user.sectors:
            owners[sector.code].append(user.id)
    organisations: dict[str, list[int]] = {s.code: [] for s in sectors}
    for organisation in db.session.scalars(sa.select(Organisation).order_by(Organisation.id)):
        for sector in organisation.sectors:
            organisations[sector.code].append(organisation.id)
    return People(
        front_line=front_line,
        # Some colleagues report far more often than others.
        front_line_weights=[1.0 / (1 + n % 7) for n in range(len(front_line))],
        owners_by_sector=owners,
        coordinator=coordinators[0],
        sector_ids={s.code: s.id for s in sectors},
        organisations_by_sector=organisations,
        answer_working_days=current_app.config["MDMA_ANSWER_WORKING_DAYS"],
    )


def _after_bulk_load() -> None:
    """Explicit ids leave PostgreSQL's sequences behind; the search index is rebuilt from the
    tables, and the similar suggestions' vectors too: of the titles alone, each distinct one
    embedded once (the generated descriptions are a few phrases repeated over thousands of
    rows, and embedding 100,000 whole texts takes hours on two cores); the planner needs
    fresh statistics."""
    if search.dialect() == "postgresql":
        for table in ("bottlenecks", "threads"):
            db.session.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
            )
    search.reindex_all()
    vectors.reindex_all(titles_only=True)
    db.session.execute(sa.text("ANALYZE"))
