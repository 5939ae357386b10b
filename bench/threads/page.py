"""Benchmark a bottleneck page with its thread against the stack's ceiling.

.venv/bin/python bench/threads/page.py [--rounds 3] [--seconds 5] [--connections 4]
        [--ceiling ../shared/bench/ceiling_app.py] [--samples 200]

1. Builds a throwaway SQLite database: a routed bottleneck with a thread of 50 posts (about
   500 characters of Markdown each) and one with 500 posts, written as the services write them
   (rendered once, stored).
2. Starts `mdma serve` (gunicorn, one gevent worker) on it and the ceiling app, variant B (a
   bare Flask page rendering a 50-row Jinja table, gunicorn, one sync worker), and measures
   both with wrk in alternating rounds, signed in as a policy owner for the bottleneck page.
   Passes when the page reaches at least half the ceiling's requests per second.
3. Counts the SQL statements of the bottleneck page with a thread of 5 and of 50 posts
   (they must be equal: no statement per post), and times the 500-post page over HTTP one
   request after the other (p95 within 150 ms).
"""

import argparse
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

USER_AGENT = "mdma-bench"
PASSWORD = "correct horse battery staple"
WORDS = [
    "gezin",
    "aanvraag",
    "wachtlijst",
    "huurwaarborg",
    "leefloon",
    "OCMW",
    "school",
    "kinderopvang",
    "premie",
    "dossier",
    "sociaal",
    "huis",
    "budget",
    "begeleiding",
    "afspraak",
    "termijn",
    "antwoord",
    "sector",
    "beleid",
    "regeling",
    "toeslag",
]


def markdown_post(number: int) -> str:
    """About 500 characters of Markdown: a paragraph with emphasis, a list and a link."""
    rng = __import__("random").Random(number)
    sentence = lambda: " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 14)))  # noqa: E731
    body = f"**{sentence().capitalize()}.** {sentence()}. {sentence()}.\n\n"
    body += f"- {sentence()}\n- {sentence()}\n\nZie [de regeling](https://example.org/{number})."
    while len(body) < 500:
        body += f" {sentence()}."
    return body


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def build(path: Path) -> dict:
    """The database, through the services: who reads, and the two bottlenecks."""
    from flask_migrate import upgrade

    from mdma import create_app
    from mdma.accounts.models import User
    from mdma.accounts.passwords import hash_password
    from mdma.bottlenecks import routing, services
    from mdma.core.markdown import to_html
    from mdma.core.time import utcnow
    from mdma.directory.models import Sector
    from mdma.extensions import db
    from mdma.threads.models import Post

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "WTF_CSRF_ENABLED": False})
    with app.app_context():
        upgrade()
        housing = db.session.scalar(db.select(Sector).where(Sector.code == "housing"))

        def person(role, name, sectors=()):
            user = User(
                email=f"{name.split()[0].lower()}@bench.example",
                name=name,
                handle=name.lower().replace(" ", "."),
                role=role,
                sectors=list(sectors),
                password_hash=hash_password(PASSWORD),
            )
            db.session.add(user)
            db.session.flush()
            return user

        writer = person("case_manager", "Sofie Claes")
        coordinator = person("coordinator", "Coördinator Kortrijk")
        owner = person("policy_owner", "Beleid Wonen", [housing])
        authors = [writer, owner, person("social_worker", "Ilse Peeters")]
        ids = {}
        for count in (5, 50, 500):
            bottleneck = services.report(
                writer,
                services.Report(
                    title=f"Huurwaarborg te duur ({count} bijdragen)",
                    description="Gezinnen vinden geen woning omdat de **huurwaarborg** te hoog is.",
                    domains=["housing"],
                ),
            )
            routing.triage(coordinator, bottleneck, sectors=[housing], level="intersectoral")
            services.add_post(owner, bottleneck, markdown_post(0), as_answer=True)
            # The rest in bulk, as `create_post` leaves them: HTML rendered once and stored.
            now = utcnow()
            db.session.execute(
                db.insert(Post),
                [
                    {
                        "thread_id": bottleneck.thread_id,
                        "author_id": authors[n % 3].id,
                        "body": markdown_post(n),
                        "body_html": to_html(markdown_post(n)),
                        "version": 1,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for n in range(1, count)
                ],
            )
            ids[count] = bottleneck.id
        db.session.commit()
        return {"email": owner.email, "ids": ids, "app": app}


def statements(app, email: str, bottleneck_id: int) -> int:
    """SQL statements of one signed-in request of the bottleneck page."""
    import sqlalchemy as sa

    from mdma.extensions import db

    client = app.test_client()
    client.post("/login", data={"email": email, "password": PASSWORD})
    client.get(f"/bottlenecks/{bottleneck_id}")  # the first visit writes the read mark
    counted = []
    with app.app_context():
        engine = db.engine

        def count(*_args):
            counted.append(1)

        sa.event.listen(engine, "before_cursor_execute", count)
        try:
            assert client.get(f"/bottlenecks/{bottleneck_id}").status_code == 200
        finally:
            sa.event.remove(engine, "before_cursor_execute", count)
    return len(counted)


def start(args: list[str], env: dict, port: int, cwd: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        args, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 240  # the worker loads the privacy guard first
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/health", timeout=1)
            return process
        except requests.RequestException:
            time.sleep(0.2)
    stop(process)
    raise SystemExit(f"the server on port {port} did not start")


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def log_in(base: str, email: str) -> str:
    """The session cookie of a real log-in through the page."""
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    page = session.get(f"{base}/login").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    answer = session.post(
        f"{base}/login",
        data={"csrf_token": token, "email": email, "password": PASSWORD},
        allow_redirects=False,
    )
    assert answer.status_code == 302, answer.status_code
    return "; ".join(f"{c.name}={c.value}" for c in session.cookies)


def wrk(url: str, seconds: int, connections: int, cookie: str = "") -> float:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-H", f"User-Agent: {USER_AGENT}"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output:
        raise SystemExit(f"wrk met errors on {url}:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def timed(url: str, cookie: str, samples: int) -> list[float]:
    session = requests.Session()
    headers = {"User-Agent": USER_AGENT, "Cookie": cookie}
    times = []
    for _ in range(samples + 5):
        began = time.perf_counter()
        response = session.get(url, headers=headers)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200 and "post-" in response.text
    return times[5:]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument(
        "--ceiling", type=Path, default=ROOT.parent / "shared" / "bench" / "ceiling_app.py"
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="mdma-bench-threads-"))
    database = workdir / "threads.sqlite"
    built = build(database)
    email, ids, app = built["email"], built["ids"], built["app"]
    few, fifty = statements(app, email, ids[5]), statements(app, email, ids[50])
    print(f"SQL statements of the page: {few} with 5 posts, {fifty} with 50 posts")

    secret = secrets.token_hex(16)
    mdma_port, ceiling_port = free_port(), free_port()
    env = dict(
        os.environ,
        MDMA_DATABASE_URL=f"sqlite:///{database}",
        MDMA_SECRET_KEY=secret,
        MDMA_BASE_URL=f"http://127.0.0.1:{mdma_port}",
    )
    servers = [
        start([str(ROOT / ".venv/bin/mdma"), "serve", "--port", str(mdma_port)], env, mdma_port, ROOT),
        start(
            [
                sys.executable, "-m", "gunicorn", "--no-control-socket", "-w", "1", "-k", "sync",
                "-b", f"127.0.0.1:{ceiling_port}", "--log-level", "warning", "ceiling_app:app",
            ],
            dict(os.environ, CEILING_VARIANT="B"),
            ceiling_port,
            args.ceiling.parent,
        ),
    ]  # fmt: skip
    try:
        base = f"http://127.0.0.1:{mdma_port}"
        cookie = log_in(base, email)
        page, ceiling = f"{base}/bottlenecks/{ids[50]}", f"http://127.0.0.1:{ceiling_port}/"
        wrk(page, 1, args.connections, cookie)
        wrk(ceiling, 1, args.connections)
        ours, theirs = [], []
        for number in range(1, args.rounds + 1):
            theirs.append(wrk(ceiling, args.seconds, args.connections))
            ours.append(wrk(page, args.seconds, args.connections, cookie))
            print(f"round {number}: ceiling B {theirs[-1]:.0f} req/s, page {ours[-1]:.0f} req/s")
        ratio = statistics.median(ours) / statistics.median(theirs)
        print(
            f"50-post page: {statistics.median(ours):.0f} req/s, ceiling B "
            f"{statistics.median(theirs):.0f} req/s: {ratio:.2f} of the ceiling "
            f"({'pass' if ratio >= 0.5 else 'FAIL'}: at least 0.50)"
        )
        times = timed(f"{base}/bottlenecks/{ids[500]}", cookie, args.samples)
        p95 = percentile(times, 0.95)
        print(
            f"500-post page: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms "
            f"({'pass' if p95 <= 150 else 'FAIL'}: at most 150 ms)"
        )
    finally:
        for server in servers:
            stop(server)


if __name__ == "__main__":
    main()
