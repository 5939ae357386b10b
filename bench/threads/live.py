"""Live fan-out: how long a post takes to reach every reader of its thread, and what an idle
connected reader costs the server.

One `mdma serve` process (gunicorn, one gevent worker, as in production) on a fresh database;
N real python-socketio clients (WebSocket) connect and join one thread's room; a writer posts
through the page's form, R times. For each post: the time from the submit (before the HTTP
request leaves) to the moment the last of the N clients received the change notice. Memory:
the worker's resident set before and after the N clients connected, once idle, divided by N.

    .venv/bin/python bench/threads/live.py                       # 200 clients, 30 posts, SQLite
    .venv/bin/python bench/threads/live.py --clients 50 --posts 10
    .venv/bin/python bench/threads/live.py --postgres postgresql+psycopg://…/postgres

The clients run in this process (a few threads each), on the same machine as the server: the
figures include their own scheduling delays, so they overstate the server's share.
"""

import argparse
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
import socketio

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.bottlenecks.database import fresh_database  # noqa: E402
from tests.servers import Process, serve  # noqa: E402

PASSWORD = "bench-wachtwoord-2026"
WRITER, READER = "writer@bench.example", "reader@bench.example"


def prepare(app) -> tuple[int, int]:
    """A writer, a reader and an open bottleneck; returns (bottleneck id, thread id)."""
    from mdma.accounts.services import create_user
    from mdma.bottlenecks import routing, services
    from mdma.directory.models import Sector
    from mdma.extensions import db

    income = db.session.scalar(db.select(Sector).filter_by(code="income"))
    writer = create_user(
        None, email=WRITER, name="Bench Writer", role="case_manager", password=PASSWORD
    )
    create_user(None, email=READER, name="Bench Reader", role="coordinator", password=PASSWORD)
    coordinator = create_user(
        None,
        email="coordinator@bench.example",
        name="Bench Coordinator",
        role="coordinator",
        password=PASSWORD,
    )
    report = services.Report(
        title="Wachttijd leefloon loopt op",
        description="Weken wachten.",
        domains=["income"],
        sectors=[income],
    )
    bottleneck = services.save_draft(writer, report, submit=True)
    routing.triage(coordinator, bottleneck, sectors=[income], level="intersectoral")
    db.session.commit()
    return bottleneck.id, bottleneck.thread_id


def sign_in(base: str, email: str) -> requests.Session:
    browser = requests.Session()
    form = browser.get(f"{base}/login", timeout=30).text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    answer = browser.post(
        f"{base}/login",
        allow_redirects=False,
        timeout=60,
        data={"csrf_token": token, "email": email, "password": PASSWORD},
    )
    assert answer.status_code == 302, answer.status_code
    return browser


def worker_rss_kib(master_pid: int) -> int:
    """Resident memory of gunicorn's one worker (the master's child)."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    status = Path(f"/proc/{children[0]}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))


class Readers:
    """N connected clients in one room; `arrivals[post id]` collects receive times."""

    def __init__(self, base: str, cookie: str, room: str, count: int):
        self.arrivals: dict[int, list[float]] = {}
        self.lock = threading.Lock()
        self.clients = []
        for _ in range(count):
            client = socketio.Client(reconnection=False)
            client.on("change", self._received)
            client.connect(
                base, headers={"Cookie": cookie}, transports=["websocket"], wait_timeout=30
            )
            assert client.call("join", {"room": room}, timeout=30) == {"ok": True}
            self.clients.append(client)

    def _received(self, change):
        now = time.perf_counter()
        with self.lock:
            self.arrivals.setdefault(change["id"], []).append(now)

    def all_arrived(self, post_id: int) -> bool:
        with self.lock:
            return len(self.arrivals.get(post_id, [])) >= len(self.clients)

    def close(self):
        for client in self.clients:
            client.disconnect()


def post(browser, base, bottleneck_id, token, body) -> tuple[int, float]:
    started = time.perf_counter()
    answer = browser.post(
        f"{base}/bottlenecks/{bottleneck_id}/posts",
        allow_redirects=False,
        timeout=60,
        data={"csrf_token": token, "body": body},
    )
    assert answer.status_code == 302, answer.text[:500]
    return int(answer.headers["Location"].rsplit("post-", 1)[1]), started


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--posts", type=int, default=30)
    parser.add_argument("--postgres", help="a PostgreSQL server URL (a role that may create DBs)")
    args = parser.parse_args()

    with (
        tempfile.TemporaryDirectory() as folder,
        fresh_database(args.postgres, str(Path(folder) / "live.sqlite")) as app,
    ):
        bottleneck_id, thread_id = prepare(app)
        env = dict(
            os.environ,
            MDMA_DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
            MDMA_SECRET_KEY="bench-live",
            MDMA_MAIL_BACKEND="log",
        )
        env.pop("MDMA_REDIS_URL", None)
        [(server, base)] = serve(env)
        try:
            run(args, server, base, bottleneck_id, thread_id)
        finally:
            server.stop()


def run(args, server: Process, base: str, bottleneck_id: int, thread_id: int):
    writer, reader = sign_in(base, WRITER), sign_in(base, READER)
    cookie = "; ".join(f"{c.name}={c.value}" for c in reader.cookies)
    page = writer.get(f"{base}/bottlenecks/{bottleneck_id}", timeout=30).text
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
    room = f"thread:{thread_id}"

    # Warm up: one client, one post (the guard's word lists, the first templates).
    warm = Readers(base, cookie, room, 1)
    warm_id, _ = post(writer, base, bottleneck_id, token, "Opwarmen.")
    deadline = time.monotonic() + 30
    while not warm.all_arrived(warm_id) and time.monotonic() < deadline:
        time.sleep(0.01)
    warm.close()
    time.sleep(2)
    before = worker_rss_kib(server.popen.pid)

    started = time.perf_counter()
    readers = Readers(base, cookie, room, args.clients)
    connect_seconds = time.perf_counter() - started
    time.sleep(5)  # idle: handshakes and joins are done, only pings go on
    after = worker_rss_kib(server.popen.pid)

    latencies, lost = [], 0
    try:
        for number in range(args.posts):
            post_id, submitted = post(
                writer,
                base,
                bottleneck_id,
                token,
                f"Bericht {number}: ook bij ons loopt de wachttijd op.",
            )
            deadline = time.monotonic() + 10
            while not readers.all_arrived(post_id) and time.monotonic() < deadline:
                time.sleep(0.002)
            if readers.all_arrived(post_id):
                latencies.append((max(readers.arrivals[post_id]) - submitted) * 1000)
            else:
                lost += 1
            time.sleep(0.2)
    finally:
        readers.close()

    print(
        f"clients: {args.clients} (WebSocket, one room), connected and joined in "
        f"{connect_seconds:.1f} s; posts: {args.posts}, not reaching every client in 10 s: {lost}"
    )
    if latencies:
        print(
            f"submit → last client (ms): p50 {statistics.median(latencies):.0f}, "
            f"p95 {percentile(latencies, 0.95):.0f}, max {max(latencies):.0f}  (target p95 ≤ 250)"
        )
    print(
        f"worker memory: {before / 1024:.1f} MiB before, {after / 1024:.1f} MiB with the clients "
        f"idle: {(after - before) / args.clients:.0f} KiB per idle connected client"
    )


if __name__ == "__main__":
    main()
