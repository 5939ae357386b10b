"""Real servers for tests: `mdma serve` processes and a Redis server of the test's own, started
on free loopback ports and always stopped; a signed-in HTTP session and Socket.IO client."""

import os
import queue
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import socketio

from tests import factories
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[1]
MDMA = str(Path(sys.executable).with_name("mdma"))
PASSWORD = factories.PASSWORD


class Process:
    """A child process in its own process group, its output kept in a file for failures."""

    def __init__(self, args: list[str], env: dict | None = None):
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by stop())
        self.popen = subprocess.Popen(
            args,
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
            start_new_session=True,
        )

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-4000:]

    def stop(self) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait()
        self.log.close()


def wait_until(condition, timeout: float, what: str, process: Process | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.popen.poll() is not None:
            raise AssertionError(f"{what}: the process exited\n{process.output()}")
        try:
            result = condition()
        except (requests.RequestException, OSError):
            result = None
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"{what}: not within {timeout} s")


def serve(*envs: dict) -> list[tuple[Process, str]]:
    """`mdma serve` on a free port per environment, started together; returned once all
    answer."""
    started = []
    try:
        for env in envs:
            port = free_port()
            started.append(
                (Process([MDMA, "serve", "--port", str(port)], env), f"http://127.0.0.1:{port}")
            )
        for process, base in started:
            wait_until(
                lambda base=base: requests.get(f"{base}/login", timeout=5).ok,
                90,
                "mdma serve",
                process,
            )
    except BaseException:
        for process, _base in started:
            process.stop()
        raise
    return started


def redis_server(port: int | None = None) -> tuple[Process, int]:
    """A Redis server of the test's own (nothing kept on disk)."""
    import redis

    port = port or free_port()
    process = Process(
        [
            "redis-server",
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
        ]
    )
    client = redis.Redis(port=port)
    try:
        wait_until(client.ping, 10, "redis-server", process)
    except BaseException:
        process.stop()
        raise
    finally:
        client.close()
    return process, port


def signed_in(base: str, email: str) -> requests.Session:
    browser = requests.Session()
    form = browser.get(f"{base}/login", timeout=10).text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    response = browser.post(
        f"{base}/login",
        data={"csrf_token": token, "email": email, "password": PASSWORD},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:500]
    return browser


def post(browser: requests.Session, base: str, bottleneck_id: int, body: str) -> int:
    """Post in a bottleneck's discussion through the page's form; returns the post's id."""
    page = browser.get(f"{base}/bottlenecks/{bottleneck_id}", timeout=10).text
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
    response = browser.post(
        f"{base}/bottlenecks/{bottleneck_id}/posts",
        data={"csrf_token": token, "body": body},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:2000]
    return int(response.headers["Location"].rsplit("post-", 1)[1])


class LiveClient:
    """A real python-socketio client of a signed-in user; what it receives lands in a queue."""

    def __init__(self, base: str, browser: requests.Session, transport: str = "websocket"):
        self.changes: queue.Queue = queue.Queue()
        self.client = socketio.Client(reconnection=False)
        self.client.on("change", self.changes.put)
        cookie = "; ".join(f"{c.name}={c.value}" for c in browser.cookies)
        self.client.connect(
            base, headers={"Cookie": cookie}, transports=[transport], wait_timeout=10
        )

    def join(self, room: str) -> dict:
        return self.client.call("join", {"room": room}, timeout=10)

    def next_change(self, timeout: float = 10) -> dict:
        return self.changes.get(timeout=timeout)

    def wait_for_post(self, post_id: int, timeout: float = 10) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            change = self.next_change(max(0.01, deadline - time.monotonic()))
            if change["type"] == "post" and change["id"] == post_id:
                return change

    def close(self):
        self.client.disconnect()
