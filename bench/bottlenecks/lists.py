"""Benchmark the bottleneck lists and search at volume, on SQLite and PostgreSQL.

.venv/bin/python bench/bottlenecks/lists.py [--scale 100000] [--postgres URL] [--no-sqlite]
        [--reuse] [--runs 30] [--page-size 20] [--only WORD] [--layers html,api,query] [--explain]

Builds a database with `mdma demo --scale N` data (or reuses the one a former `--reuse` run
kept), then times each case of the filter matrix through the Flask test client, signed in:
the HTML page `GET /bottlenecks?…`, the API `GET /api/v1/bottlenecks?…`, and the query layer
alone (`queries.list_page(…)`, what both of them run). Prints median and p95 per
case, the worst p95, and the SQL statements per request at page sizes 10 and 50.
A layer whose route does not exist yet (404) is reported as missing.
"""

import argparse
import secrets
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cases import Case, cases  # noqa: E402
from database import percentile  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from mdma import create_app  # noqa: E402
from mdma.accounts import logins  # noqa: E402
from mdma.accounts.models import User  # noqa: E402
from mdma.bottlenecks import embeddings, queries, similar, vectors  # noqa: E402
from mdma.bottlenecks.models import Bottleneck  # noqa: E402
from mdma.core.databases import create_database, throwaway_database  # noqa: E402
from mdma.extensions import db  # noqa: E402

BUDGET_MS = 100
LAYERS = {"html": "/bottlenecks", "api": "/api/v1/bottlenecks", "query": None}


def main() -> None:
    args = _arguments()
    backends = ([] if args.no_sqlite else [("SQLite", _sqlite_database(args))]) + (
        [("PostgreSQL", _postgres_database(args))] if args.postgres else []
    )
    for name, (url, drop) in backends:
        try:
            _run_backend(name, url, args)
        finally:
            drop()


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--postgres", metavar="URL", help="a role that may create databases")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="keep the database for next time")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--page-size", type=int, default=20)
    parser.add_argument("--only", default="", help="run the cases whose name contains this")
    parser.add_argument("--layers", default="html,api,query")
    parser.add_argument("--similar", action="store_true", help="only time similar()")
    parser.add_argument(
        "--explain", action="store_true", help="query plans of slow cases (all with --only)"
    )
    return parser.parse_args()


# --- Databases -------------------------------------------------------------------------------


def _sqlite_database(args):
    if args.reuse:
        folder = Path(tempfile.gettempdir()) / "mdma-bench"
        folder.mkdir(exist_ok=True)
        return f"sqlite:///{folder / f'lists-{args.scale}.sqlite'}", lambda: None
    folder = Path(tempfile.mkdtemp(prefix="mdma-bench-"))
    path = folder / "lists.sqlite"

    def drop():
        for file in folder.iterdir():
            file.unlink()
        folder.rmdir()

    return f"sqlite:///{path}", drop


def _postgres_database(args):
    if args.reuse:
        name = f"mdma_bench_lists_{args.scale}"
        return create_database(args.postgres, name, exist_ok=True), lambda: None
    return throwaway_database(args.postgres, "mdma_bench")


def _build(scale: int) -> None:
    """Migrate, then load the demo and the generated volume unless it is there already."""
    from mdma.cli.demo import create_demo
    from mdma.cli.demo.staff import create_volume_staff
    from mdma.cli.demo.volume import generate

    upgrade()
    present = db.session.scalar(sa.select(sa.func.count()).select_from(Bottleneck))
    if present >= scale:
        print(f"  reusing {present:,} bottlenecks")
        return
    started = time.perf_counter()
    create_demo()
    create_volume_staff()
    written = generate(scale)
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        # What autovacuum would do in time: the visibility map lets index-only scans skip the
        # table. VACUUM runs outside a transaction.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
    rows = sum(written.values())
    print(f"  loaded {rows:,} rows in {time.perf_counter() - started:.0f} s: {written}")


# --- Measuring -------------------------------------------------------------------------------


def _run_backend(name: str, url: str, args) -> None:
    print(f"\n== {name} ({sa.make_url(url).render_as_string()})")
    instance = tempfile.mkdtemp(prefix="mdma-bench-instance-")
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": secrets.token_hex(16),
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
        },
        instance_path=instance,
    )
    with app.app_context():
        _build(args.scale)
        users = {u.email.split("@")[0]: u for u in db.session.scalars(sa.select(User)) if u.active}
        matrix = [c for c in cases(db.session, users) if args.only in c.name]
        if args.similar:
            matrix = []
        db.session.remove()
    layers = [layer for layer in args.layers.split(",") if layer]
    print(
        f"  {'case (ms; ! = p95 over budget)':<44} "
        + " ".join(f"{layer + ' med p95 cpu':>22} " for layer in layers)
        + "SQL per request, page size 10/50"
    )
    results = []
    for case in matrix:
        results.append((case, {layer: _measure(app, case, layer, args) for layer in layers}))
        _print_row(*results[-1], layers)
    if results:
        _summary(results, layers)
    if not args.only or args.similar:
        _similar(app, args.runs)
    if args.explain:
        slow = [
            c for c, r in results if args.only or (r.get("query") or {}).get("p95", 0) > BUDGET_MS
        ]
        for case in slow:
            _explain(app, case, args.page_size)
    with app.app_context():
        db.engine.dispose()


def _similar(app, runs: int) -> None:
    """The suggestions while a bottleneck is written: `similar()` for the title and the start of
    the description of existing bottlenecks spread over the table."""
    with app.app_context():
        step = max(1, db.session.scalar(sa.select(sa.func.max(Bottleneck.id))) // runs)
        texts = db.session.execute(
            sa.select(Bottleneck.title, Bottleneck.description)
            .where(Bottleneck.id % step == 0)
            .limit(runs)
        ).all()
        rss = _rss_mb()
        embeddings.forget()  # the texts of another database's run: embedded again
        started = time.perf_counter()
        embeddings.model()
        loading = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        # The word-rarity sample and the vectors' matrix, read once per process.
        similar.similar(*texts[0])
        first = (time.perf_counter() - started) * 1000
        print(
            f"  model loaded in {loading:.0f} ms; first similar() (rarity sample, "
            f"{vectors.matrix.size:,} vectors read) {first:.0f} ms; RSS {rss:.0f} → "
            f"{_rss_mb():.0f} MB"
        )
        times, cpu, path, embedding, embedding_cpu, ways = [], [], [], [], [], []
        for title, description in texts:
            started, started_cpu = time.perf_counter(), time.thread_time()
            embeddings.query(f"{title}.", description[:300])  # not the cached text
            embedding.append((time.perf_counter() - started) * 1000)
            embedding_cpu.append((time.thread_time() - started_cpu) * 1000)
            with _threads_apart() as threads:
                started, started_cpu = time.perf_counter(), time.process_time()
                similar.similar(title, description[:300])
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            path.append(threads.longest())
            ways.append(threads)
            db.session.rollback()
        print(
            f"  embedding the text alone: median {statistics.median(embedding):.1f} ms, "
            f"p95 {percentile(embedding, 0.95):.1f} ms, CPU median "
            f"{statistics.median(embedding_cpu):.1f} ms, p95 {percentile(embedding_cpu, 0.95):.1f}"
            f" ms; RSS after {_rss_mb():.0f} MB"
        )
    p95 = percentile(times, 0.95)
    # On a shared machine the wall clock waits for other processes; the CPU time of this one
    # (SQLite's work included, PostgreSQL's not) is what the request costs. The text is
    # embedded in a second thread meanwhile: with a core free for it, the answer takes the
    # CPU of the longer of the two ways plus what follows the vector.
    print(
        f"  similar(): median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
        f"CPU median {statistics.median(cpu):.1f} ms, p95 {percentile(cpu, 0.95):.1f} ms; "
        f"longest way median {statistics.median(path):.1f} ms, "
        f"p95 {percentile(path, 0.95):.1f} ms ({len(times)} texts)"
        f"{'  !' if p95 > BUDGET_MS else ''}"
    )
    # The longest way in its parts: a busy machine slows the embedding most (per token).
    parts = {
        part: [getattr(w, part) * 1000 for w in ways] for part in ("before", "embedding", "after")
    }
    print(
        "  CPU of the ways: "
        + "; ".join(
            f"{part} median {statistics.median(v):.1f} ms, p95 {percentile(v, 0.95):.1f} ms"
            for part, v in parts.items()
        )
    )


class _Ways:
    """CPU of the request's thread before it waits for the vector and after, and of the
    embedding beside it."""

    def __init__(self):
        self.before = self.embedding = self.after = 0.0

    def longest(self) -> float:
        return (max(self.before, self.embedding) + self.after) * 1000


@contextmanager
def _threads_apart():
    ways, started = _Ways(), time.thread_time()
    beside, embed = embeddings.query_beside, embeddings._embed

    def timed_embed(*args):
        begun = time.thread_time()
        try:
            return embed(*args)
        finally:
            ways.embedding += time.thread_time() - begun

    def timed_beside(title, description=""):
        pending = beside(title, description)

        def wait():
            ways.before = time.thread_time() - started
            vector = pending()
            ways.after = -time.thread_time()
            return vector

        return wait

    embeddings.query_beside, embeddings._embed = timed_beside, timed_embed
    try:
        yield ways
    finally:
        embeddings.query_beside, embeddings._embed = beside, embed
        ways.after += time.thread_time()


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


@contextmanager
def _counting(engine):
    statements = []

    def note(_conn, _cursor, statement, *_args):
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)


def _measure(app, case: Case, layer: str, args) -> dict | None:
    """Times in ms of `runs` requests after a warm-up, and statements at page sizes 10 and 50;
    None when the layer's route does not exist (yet)."""
    client = app.test_client()
    with app.app_context():
        user = db.session.get(User, case.user.id)
        logins.start(user, device="Benchmark")
        credential = user.login_credential()
        db.session.commit()
    with client.session_transaction() as flask_session:
        flask_session["_user_id"] = credential
        flask_session["_fresh"] = True

    def request(page_size: int):
        params = case.params | {"page_size": page_size}
        if layer == "query":
            return _query_layer(app, case, params)
        response = client.get(LAYERS[layer], query_string=params)
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise RuntimeError(f"{layer} {case.name}: HTTP {response.status_code}")
        return response

    if request(args.page_size) is None:
        return None
    for _ in range(args.warmup - 1):
        request(args.page_size)
    times, cpu = [], []
    for _ in range(args.runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        request(args.page_size)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    with app.app_context():
        engine = db.engine
    counts = []
    for page_size in (10, 50):
        with _counting(engine) as statements:
            request(page_size)
        counts.append(len(statements))
    return {
        "median": statistics.median(times),
        "p95": percentile(times, 0.95),
        # This process only: with SQLite all of the work, with PostgreSQL all but the server's.
        "cpu": statistics.median(cpu),
        "queries": counts,
    }


def _query_layer(app, case: Case, params: dict):
    """What a list page asks of the database: one page of bottlenecks with the total, and
    what a row shows (reporter, sectors, organisations)."""
    with app.app_context():
        actor = db.session.get(User, case.user.id)
        page = queries.list_page(
            actor, case.filters(), page=params.get("page", 1), per_page=params["page_size"]
        )
        shown = [(b.reporter.name, b.sectors, b.organisations) for b in page.items]
        db.session.remove()
        return page.total, shown


def _explain(app, case: Case, page_size: int) -> None:
    """The plan of every statement one request of the case runs, as the database chose it."""
    with app.app_context():
        engine = db.engine
    seen = []

    def note(_conn, _cursor, statement, parameters, *_args):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        _query_layer(app, case, case.params | {"page_size": page_size})
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)
    print(f"\n-- {case.name}")
    sqlite = engine.dialect.name == "sqlite"
    prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN (ANALYZE, BUFFERS) "
    with engine.connect() as connection:
        for statement, parameters in seen:
            print("   ", " ".join(statement.split())[:160])
            for row in connection.exec_driver_sql(prefix + statement, parameters):
                print("     ", " | ".join(str(part) for part in row))


# --- Output ----------------------------------------------------------------------------------


def _cell(result: dict | None) -> str:
    if result is None:
        return f"{'(no route)':>22}"
    mark = "!" if result["p95"] > BUDGET_MS else " "
    return f"{result['median']:6.1f} {result['p95']:6.1f}{mark}{result['cpu']:6.1f} "


def _print_row(case: Case, result: dict, layers: list[str]) -> None:
    counts = " ".join(
        "{}:{}".format(layer[0], "=" if r["queries"][0] == r["queries"][1] else "≠")
        + "{}/{}".format(*r["queries"])
        for layer, r in result.items()
        if r
    )
    print(f"  {case.name:<44} " + " ".join(_cell(result[layer]) for layer in layers) + counts)


def _summary(results, layers: list[str]) -> None:
    for layer in layers:
        measured = [(r[layer]["p95"], c.name) for c, r in results if r.get(layer)]
        if not measured:
            print(f"  {layer}: route missing; see the query layer")
            continue
        worst, name = max(measured)
        over = sum(1 for p95, _name in measured if p95 > BUDGET_MS)
        equal = all(
            r[layer]["queries"][0] == r[layer]["queries"][1] for c, r in results if r.get(layer)
        )
        print(
            f"  {layer}: worst p95 {worst:.1f} ms ({name}); {over} of {len(measured)} cases over "
            f"{BUDGET_MS} ms; SQL statements per request equal at page size 10 and 50: "
            f"{'yes' if equal else 'NO'}"
        )


if __name__ == "__main__":
    main()
