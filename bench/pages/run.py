"""Every main page kind beside the bare stack it stands on, in one run.

.venv/bin/python bench/pages/run.py [--rounds 3] [--seconds 5] [--connections 8,64]
        [--postgres URL] [--volume 2000] [--ceiling PATH] [--profile N]

Builds a throwaway database (SQLite, or PostgreSQL with --postgres), starts the two ceiling apps
of ../shared/bench/ceiling_app.py (B: a bare Flask page rendering a 50-row Jinja table; C: the
same rows read through the SQLAlchemy ORM from SQLite) and the platform under `mdma serve`, on
loopback ports; signs in as a policy owner (and uses an API token for the API), then measures
with wrk, in alternating rounds, each page and both ceilings at each number of connections.
Prints req/s (median, min-max), the share of B and C (median of the per-round ratios), the
worker's CPU per request, p50/p99 latency, SQL statements per request and the worker's memory.
Stops what it started and drops the database.
"""

import argparse
import cProfile
import pstats
import secrets
import shutil
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import servers  # noqa: E402
from data import READER, build  # noqa: E402

from mdma import create_app  # noqa: E402
from mdma.cli.demo import DEMO_PASSWORD  # noqa: E402
from mdma.core.databases import throwaway_database  # noqa: E402
from mdma.extensions import db  # noqa: E402

CEILING = ROOT.parent / "shared" / "bench" / "ceiling_app.py"
USER_AGENT = "mdma-page-bench"
MAX_SECONDS = 30
#: The page cache of the platform's server (bytes): its default.
KEPT = 8 * 2**20


def _rendered(name: str) -> str:
    return f"{name}, rendered"


@dataclass
class Page:
    name: str
    path: str  #: with {big} / {small} for the bottlenecks' ids
    api: bool = False  #: signed in with the API token instead of the session cookie
    fewer: str | None = None  #: the same page with fewer rows, for the statement count


PAGES = [
    Page("bottleneck, 50 posts", "/bottlenecks/{big}", fewer="/bottlenecks/{small}"),
    Page("bottleneck list (20)", "/bottlenecks"),
    Page(
        "API list (20)",
        "/api/v1/bottlenecks?page_size=20",
        api=True,
        fewer="/api/v1/bottlenecks?page_size=5",
    ),
    Page("home", "/"),
    Page("session, 50 posts", "/sessions/{session}", fewer="/sessions/{small_session}"),
    Page("proposal", "/proposals/{proposal}"),
]


def main() -> None:
    args = _arguments()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk (Debian's package)")
    if not args.ceiling.exists():
        raise SystemExit(f"no ceiling app at {args.ceiling}: pass --ceiling PATH")
    folder = Path(tempfile.mkdtemp(prefix="mdma-pages-"))
    url, drop = _database(args, folder)
    try:
        ids, statements = _prepare(url, folder, args)
        if args.profile:
            return
        _measure_all(args, url, folder, ids, statements)
    finally:
        drop()
        shutil.rmtree(folder, ignore_errors=True)


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5, help="per page, round and load")
    parser.add_argument("--connections", default="8,64", help="wrk -c values, comma-separated")
    parser.add_argument("--postgres", metavar="URL", help="a role that may create databases")
    parser.add_argument("--volume", type=int, default=2000, help="generated bottlenecks")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the SQLite database and reuse it next time"
    )
    parser.add_argument("--only", default="", help="the pages whose name contains this")
    parser.add_argument(
        "--no-rendered",
        dest="rendered",
        action="store_false",
        help="only the server that keeps pages, not the one that renders every request",
    )
    parser.add_argument("--ceiling", type=Path, default=CEILING, help="ceiling_app.py")
    parser.add_argument(
        "--profile", type=int, metavar="N", help="instead: profile N requests of each page"
    )
    args = parser.parse_args()
    args.connections = [int(c) for c in args.connections.split(",")]
    args.pages = [p for p in PAGES if args.only in p.name]
    return args


def _database(args, folder: Path):
    if args.postgres:
        return throwaway_database(args.postgres, "mdma_bench_pages")
    if args.reuse:
        kept = Path(tempfile.gettempdir()) / "mdma-bench"
        kept.mkdir(exist_ok=True)
        return f"sqlite:///{kept / f'pages-{args.volume}.sqlite'}", lambda: None
    return f"sqlite:///{folder / 'pages.sqlite'}", lambda: None


# --- In process: data, statements, profile ---------------------------------------------------


def _prepare(url: str, folder: Path, args):
    """Build the data, count each page's statements, and profile when asked."""
    started = time.perf_counter()
    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False},
        instance_path=str(folder / "instance"),
    )
    with app.app_context():
        built = build(args.volume)
        db.session.remove()
    print(f"data: {args.volume} bottlenecks and the demo, in {time.perf_counter() - started:.0f} s")
    ids = vars(built)
    client = app.test_client()
    client.post("/login", data={"email": READER, "password": DEMO_PASSWORD})
    statements = {}
    for page in args.pages:
        for name, cache in ((page.name, KEPT), (_rendered(page.name), 0)):
            app.config["MDMA_PAGE_CACHE_BYTES"] = cache
            paths = (page.path, page.fewer)
            statements[name] = [_statements(app, client, page, path, ids) for path in paths]
    app.config["MDMA_PAGE_CACHE_BYTES"] = 0  # the profile shows the rendering
    if args.profile:
        for page in args.pages:
            _profile(app, client, page, ids, args.profile)
    with app.app_context():
        db.engine.dispose()
    return ids, statements


def _get(client, page: Page, path: str, ids: dict):
    headers = {"Authorization": f"Bearer {ids['token']}"} if page.api else {}
    response = client.get(path.format(**ids), headers=headers)
    if response.status_code != 200:
        raise SystemExit(f"{page.name}: {path.format(**ids)} answered {response.status_code}")
    return response


def _statements(app, client, page: Page, path: str | None, ids: dict) -> int | None:
    if path is None:
        return None
    # first use: anything loaded once per process, and read marks written by a first visit
    _get(client, page, path, ids)
    _get(client, page, path, ids)
    with app.app_context():
        engine = db.engine
    seen = []
    note = lambda *_args: seen.append(1)  # noqa: E731
    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        _get(client, page, path, ids)
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)
    return len(seen)


#: Where the time of a request goes: self time of functions, by the file they live in.
_SHARES = [
    ("Markdown + nh3", ("/markdown/", "/nh3/", "mdma/core/markdown")),
    ("Babel (dates, gettext)", ("/babel/", "/flask_babel/", "/pytz/", "zoneinfo")),
    ("SQLAlchemy", ("/sqlalchemy/",)),
    ("database driver", ("sqlite3", "/psycopg/")),
    ("Jinja", ("/jinja2/", "templates/")),
    ("Flask + Werkzeug", ("/flask/", "/werkzeug/", "/flask_login/", "/flask_wtf/", "/wtforms/")),
    ("the platform", ("/mdma/",)),
]


#: Entry points whose inclusive time says what a part of the page costs, whatever it calls.
_INCLUSIVE = {
    "Markdown (core.markdown.render)": ("mdma/core/markdown.py", "render"),
    "dates (core.dates.format_when)": ("mdma/core/dates.py", "format_when"),
    "the template (render_template)": ("flask/templating.py", "render_template"),
    "ORM queries (Session._execute_internal)": ("sqlalchemy/orm/session.py", "_execute_internal"),
}


def _profile(app, client, page: Page, ids: dict, requests: int) -> None:
    _get(client, page, page.path, ids)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(requests):
        _get(client, page, page.path, ids)
    profile.disable()
    stats = pstats.Stats(profile).stats
    total = sum(entry[2] for entry in stats.values())
    shares = dict.fromkeys([name for name, _ in _SHARES] + ["other"], 0.0)
    for (file, _line, function), entry in stats.items():
        where = f"{file}:{function}"
        name = next((n for n, marks in _SHARES if any(m in where for m in marks)), "other")
        shares[name] += entry[2]
    print(f"\n{page.name}: {total * 1000 / requests:.1f} ms per request in process (profiled)")
    for name, spent in sorted(shares.items(), key=lambda item: -item[1]):
        print(f"  {name:<18} {spent / total:6.1%}")
    print("  inclusive time of:")
    for name, (file, function) in _INCLUSIVE.items():
        spent = sum(e[3] for (f, _l, fn), e in stats.items() if f.endswith(file) and fn == function)
        print(f"  {name:<34} {spent / total:6.1%}")
    pstats.Stats(profile).sort_stats("tottime").print_stats(30)


# --- Under load ------------------------------------------------------------------------------


def _start_servers(args, url: str, folder: Path) -> dict:
    ceiling = args.ceiling.resolve()
    started = {}
    started["B"] = servers.start(
        "ceiling B",
        servers.gunicorn("ceiling_app:app", "-k", "sync"),
        {"CEILING_VARIANT": "B"},
        "/health",
        cwd=ceiling.parent,
    )
    started["C"] = servers.start(
        "ceiling C",
        servers.gunicorn("ceiling_app:app", "-k", "gthread", "--threads", "4"),
        {"CEILING_VARIANT": "C", "CEILING_DB": str(folder / "ceiling.sqlite")},
        "/health",
        cwd=ceiling.parent,
    )
    key = secrets.token_hex(24)
    for name, megabytes in (("mdma", KEPT / 2**20), ("rendered", 0)):
        if name == "rendered" and not args.rendered:
            continue
        started[name] = servers.start(
            f"mdma serve ({name})",
            [str(servers.BIN / "mdma"), "serve", "--port", "{port}"],
            {
                "MDMA_DATABASE_URL": url,
                "MDMA_SECRET_KEY": key,
                "MDMA_PAGE_CACHE_MB": f"{megabytes:g}",
            },
            "/login",
            cwd=folder,
        )
    return started


def _sign_in(base: str) -> str:
    """Log in through the form, as a browser does; returns the Cookie header."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.addheaders = [("User-Agent", USER_AGENT)]
    form = opener.open(base + "/login").read().decode()
    token = form.split('name="csrf_token"', 1)[1].split('value="', 1)[1].split('"', 1)[0]
    body = urllib.parse.urlencode(
        {"csrf_token": token, "email": READER, "password": DEMO_PASSWORD}
    ).encode()
    opener.open(base + "/login", data=body).read()
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar if c.name == "mdma_session")
    if not cookie:
        raise SystemExit("signing in failed")
    return cookie


def _measure_all(args, url: str, folder: Path, ids: dict, statements: dict) -> None:
    started = _start_servers(args, url, folder)
    try:
        cookie = _sign_in(started["mdma"].base)
        headers = {"User-Agent": USER_AGENT}
        targets = [("B", started["B"], "/", headers), ("C", started["C"], "/", headers)]
        for page in args.pages:
            auth = {"Authorization": f"Bearer {ids['token']}"} if page.api else {"Cookie": cookie}
            path = page.path.format(**ids)
            targets.append((page.name, started["mdma"], path, headers | auth))
            if args.rendered:
                targets.append((_rendered(page.name), started["rendered"], path, headers | auth))
        memory = {"start": started["mdma"].memory()}
        for _name, server, path, target_headers in targets:  # warm up
            servers.wrk(server, path, 8, 1, target_headers)
        memory["warm"] = started["mdma"].memory()
        results = {}
        for number in range(1, args.rounds + 1):
            print(f"round {number}/{args.rounds}", end="\r", flush=True)
            for connections in args.connections:
                for name, server, path, target_headers in targets:
                    seconds = _long_enough(
                        args, results.get((name, args.connections[0])), connections
                    )
                    load = servers.wrk(server, path, connections, seconds, target_headers)
                    results.setdefault((name, connections), []).append(load)
        memory["after"] = started["mdma"].memory()
        memory["master"] = started["mdma"].memory(master=True)
    finally:
        for server in started.values():
            servers.stop(server)
    _report(args, results, statements, memory, url)


def _long_enough(args, first_loads, connections: int) -> int:
    """wrk counts only the requests that were answered: a run must be long enough for every
    connection to be served a few times, or the slowest are left out of p99."""
    if not first_loads:
        return args.seconds
    rate = max(first_loads[-1].rate, 0.1)
    return int(min(MAX_SECONDS, max(args.seconds, 3 * connections / rate + 1)))


def _report(args, results: dict, statements: dict, memory: dict, url: str) -> None:
    backend = sa.make_url(url).get_backend_name()
    print(
        f"\n{args.rounds} rounds of {args.seconds:g} s per page and load, wrk -t1, one worker "
        f"each; platform on {backend}"
    )
    first = args.connections[0]
    header = (
        f"{'page':<32} {'req/s c' + str(first):>20} {'of B':>6} {'of C':>6} {'CPU/req':>8} "
        + " ".join(f"{'p50/p99 c' + str(c):>17}" for c in args.connections)
        + f" {'errors':>6} {'SQL':>8}"
    )
    print(header)
    names = [p.name for p in args.pages]
    names += [_rendered(n) for n in names] if args.rendered else []
    for name in ["B", "C"] + names:
        loads = results[(name, first)]
        rates = [load.rate for load in loads]
        shares = [
            _median([a.rate / b.rate for a, b in zip(loads, results[(c, first)], strict=True)])
            for c in ("B", "C")
        ]
        latency = " ".join(
            f"{_ms(_median([x.p50 for x in results[(name, c)]]))}/"
            f"{_ms(_median([x.p99 for x in results[(name, c)]])):<7}".rjust(17)
            for c in args.connections
        )
        errors = sum(x.errors for c in args.connections for x in results[(name, c)])
        counts = statements.get(name, [None, None])
        sql = "/".join(str(n) for n in counts if n is not None) or "-"
        print(
            f"{name:<32} {_median(rates):>7.0f} ({min(rates):.0f}–{max(rates):.0f})".ljust(54)
            + f" {shares[0]:>6.3f} {shares[1]:>6.3f} "
            f"{_median([x.cpu for x in loads]):>6.1f}ms {latency} {errors:>6} {sql:>8}"
        )
    print("SQL: statements of one request (of the same page with fewer rows after the /)")
    print(
        "a page is kept per reader until the next write (mdma/core/page_cache.py): the rows "
        "without a mark are the same reader asking again, the rendered ones a server that "
        "keeps nothing (MDMA_PAGE_CACHE_MB=0)"
    )
    for moment, figures in memory.items():
        print(
            f"mdma {'master' if moment == 'master' else 'worker, ' + moment:<13}: RSS {figures['rss']:.0f} MiB, "
            f"PSS {figures['pss']:.0f} MiB, private {figures['private']:.0f} MiB "
            f"(the SQLite file mapped: {figures['database']:.0f} MiB of the RSS)"
        )


def _median(values):
    return statistics.median(values)


def _ms(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


if __name__ == "__main__":
    main()
