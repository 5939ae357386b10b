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
import json
import os
import re
import select
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
    ids = bottleneck.id, bottleneck.thread_id
    db.session.commit()
    db.session.close()  # no transaction of ours may hold the SQLite file while the server writes
    return ids


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


class LeanReaders(Readers):
    """N WebSocket connections speaking Socket.IO's wire protocol, read by one thread with
    select(): a receive time is stamped the moment a socket turns readable, so the figures are
    the server's, not those of hundreds of client threads waiting for their turn."""

    def __init__(self, base: str, cookie: str, room: str, count: int):
        import websocket

        self.arrivals = {}
        self.lock = threading.Lock()
        self.clients = []
        url = base.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        for _ in range(count):
            connection = websocket.create_connection(url, header=[f"Cookie: {cookie}"], timeout=30)
            assert connection.recv().startswith("0")  # Engine.IO open
            connection.send("40")  # Socket.IO connect
            assert connection.recv().startswith("40")
            connection.send("420" + json.dumps(["join", {"room": room}]))
            while (message := connection.recv()) != '430[{"ok":true}]':
                if message == "2":  # the server's ping
                    connection.send("3")
            self.clients.append(connection)
        self.stopped = False
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        by_descriptor = {connection.sock.fileno(): connection for connection in self.clients}
        while not self.stopped:
            readable, _, _ = select.select(list(by_descriptor), [], [], 0.2)
            now = time.perf_counter()
            for descriptor in readable:
                connection = by_descriptor[descriptor]
                message = connection.recv()
                if message == "2":
                    connection.send("3")
                elif message.startswith("42"):
                    name, change = json.loads(message[2:])
                    if name == "change":
                        with self.lock:
                            self.arrivals.setdefault(change["id"], []).append(now)

    def close(self):
        self.stopped = True
        self.reader.join()
        for connection in self.clients:
            connection.close()


def post(browser, base, bottleneck_id, token, body) -> tuple[int, float]:
    started = time.perf_counter()
    answer = browser.post(
        f"{base}/bottlenecks/{bottleneck_id}/posts",
        allow_redirects=False,
        timeout=60,
        data={"csrf_token": token, "body": body},
    )
    assert answer.status_code == 302, answer.text[:500]
    answered.append((time.perf_counter() - started) * 1000)
    return int(answer.headers["Location"].rsplit("post-", 1)[1]), started


#: How long each timed submit took to answer (the page's redirect), in ms.
answered: list[float] = []


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--posts", type=int, default=30)
    parser.add_argument(
        "--client",
        choices=["lean", "socketio"],
        default="lean",
        help="lean: one select() thread over raw Socket.IO WebSockets (default); socketio: one "
        "python-socketio client (several threads) per connection",
    )
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
        except BaseException:
            print(server.output(), file=sys.stderr)
            raise
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
    kind = LeanReaders if args.client == "lean" else Readers
    readers = kind(base, cookie, room, args.clients)
    connect_seconds = time.perf_counter() - started
    time.sleep(5)  # idle: handshakes and joins are done, only pings go on
    after = worker_rss_kib(server.popen.pid)

    latencies, firsts, lost = [], [], 0
    answered.clear()
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
                arrivals = readers.arrivals[post_id]
                latencies.append((max(arrivals) - submitted) * 1000)
                firsts.append((min(arrivals) - submitted) * 1000)
            else:
                lost += 1
            time.sleep(0.2)
    finally:
        readers.close()

    report(args, connect_seconds, lost, latencies, firsts, before, after)


def report(args, connect_seconds, lost, latencies, firsts, before, after):
    def summary(values):
        return (
            f"p50 {statistics.median(values):.0f}, p95 {percentile(values, 0.95):.0f}, "
            f"max {max(values):.0f}"
        )

    print(
        f"clients: {args.clients} ({args.client}, WebSocket, one room), connected and joined in "
        f"{connect_seconds:.1f} s; posts: {args.posts}, not reaching every client in 10 s: {lost}"
    )
    if latencies:
        spreads = [last - first for first, last in zip(firsts, latencies, strict=True)]
        print(f"submit → last client (ms):  {summary(latencies)}  (target p95 ≤ 250)")
        print(f"submit → first client (ms): {summary(firsts)}")
        print(f"first → last client (ms):   {summary(spreads)}")
        print(f"submit → its answer (ms):   {summary(answered)}")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load} (1, 5, 15 min) at the end")
    print(
        f"worker memory: {before / 1024:.1f} MiB before, {after / 1024:.1f} MiB with the clients "
        f"idle: {(after - before) / args.clients:.0f} KiB per idle connected client"
    )


if __name__ == "__main__":
    main()
