"""The two servers the `mdma` command starts, tested as real processes with real clients."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
import socketio

from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
MDMA = str(Path(sys.executable).with_name("mdma"))


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """A migrated SQLite file with the demo users, made with the CLI as a user would."""
    folder = tmp_path_factory.mktemp("servers")
    env = dict(
        os.environ,
        MDMA_DATABASE_URL=f"sqlite:///{folder / 'mdma.sqlite'}",
        MDMA_SECRET_KEY="server-test-secret",
        MDMA_ARGON2_TIME_COST="1",
        MDMA_ARGON2_MEMORY_COST="1024",
    )
    for command in (["db", "upgrade"], ["demo"]):
        subprocess.run([MDMA, *command], env=env, check=True, capture_output=True, cwd=ROOT)
    return env


def _start(command: str, env: dict, stdout=subprocess.DEVNULL):
    port = free_port()
    env = dict(env, MDMA_BASE_URL=f"http://127.0.0.1:{port}")
    process = subprocess.Popen(
        [MDMA, *command.split(), "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=stdout,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"`mdma {command}` exited: {process.stderr.read().decode()}")
        try:
            requests.get(f"{base}/login", timeout=5)
            return process, base
        except requests.RequestException:  # refused, or accepted but still starting
            time.sleep(0.1)
    raise AssertionError(f"`mdma {command}` did not answer within 60 s")


def _stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture(scope="module", params=["serve", "run", "run --quiet"])
def server(request, database):
    process, base = _start(request.param, database)
    yield base
    _stop(process)


def test_quiet_development_server_says_where_it_runs_and_nothing_else(database):
    process, base = _start("run --quiet", database, stdout=subprocess.PIPE)
    requests.get(f"{base}/login", timeout=5)
    _stop(process)
    said = process.stdout.read().decode()
    assert said == f"The MDMA platform runs at {base} (stop with Ctrl+C).\n"
    assert process.stderr.read().decode() == ""


def _logged_in_session(base: str) -> requests.Session:
    browser = requests.Session()
    form = browser.get(f"{base}/login").text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    response = browser.post(
        f"{base}/login",
        data={
            "csrf_token": token,
            "email": "casemanager1@demo.example",
            "password": "demo-wachtwoord-2026",
        },
        allow_redirects=False,
    )
    assert response.status_code == 302
    return browser


def test_server_serves_pages_with_security_headers(server):
    response = requests.get(f"{server}/login", timeout=5)
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


def test_server_refuses_anonymous_socket_connections(server):
    client = socketio.Client(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        client.connect(server, transports=["websocket"], wait_timeout=5)


@pytest.mark.parametrize("transport", ["websocket", "polling"])
def test_server_accepts_socket_connections_of_signed_in_users(server, transport):
    browser = _logged_in_session(server)
    cookie = "; ".join(f"{c.name}={c.value}" for c in browser.cookies)
    client = socketio.Client(reconnection=False)
    client.connect(server, headers={"Cookie": cookie}, transports=[transport], wait_timeout=5)
    try:
        assert client.connected
        assert client.transport() == transport
    finally:
        client.disconnect()
