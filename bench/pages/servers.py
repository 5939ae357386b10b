"""The servers the page benchmark starts and stops, wrk runs against them, and what /proc says
about their workers (CPU time, memory)."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
TICK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    name: str
    process: subprocess.Popen
    base: str  #: http://127.0.0.1:PORT

    def worker(self) -> int:
        """The pid of gunicorn's (single) worker, the process that answers."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        pids = children.read_text().split() if children.exists() else []
        return int(pids[0]) if pids else self.process.pid

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.worker()}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime

    def memory(self, master: bool = False) -> dict[str, float]:
        """The worker's (or master's) resident memory and its proportional and private parts,
        in MiB; and how much of it is the SQLite file, which the platform reads through memory
        mapping (the kernel's cache of the file, shared with every process that maps it)."""
        pid = self.process.pid if master else self.worker()
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        kib = {m[1]: int(m[2]) for m in re.finditer(r"^(\w+):\s+(\d+) kB", rollup, re.M)}
        private = kib.get("Private_Clean", 0) + kib.get("Private_Dirty", 0)
        mapped = re.findall(
            r"^\S+ \S+ \S+ \S+ \S+\s+\S+\.sqlite\n(?:(?!\S+-\S+ ).*\n)*?Rss:\s+(\d+) kB",
            Path(f"/proc/{pid}/smaps").read_text(),
            re.M,
        )
        return {
            "rss": kib["Rss"] / 1024,
            "pss": kib["Pss"] / 1024,
            "private": private / 1024,
            "database": sum(int(k) for k in mapped) / 1024,
        }


def start(name: str, command: list[str], env: dict, health: str, cwd=None) -> Server:
    port = free_port()
    command = [part.replace("{port}", str(port)) for part in command]
    process = subprocess.Popen(
        command,
        env={**os.environ, **env},
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    server = Server(name, process, f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} did not start:\n{process.stderr.read().decode()[-3000:]}")
        try:
            with urllib.request.urlopen(server.base + health, timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    stop(server)
    raise SystemExit(f"{name} did not answer {health} within two minutes")


def stop(server: Server) -> None:
    """TERM the server's process group, wait, then KILL what is left."""
    if server.process.poll() is None:
        try:
            os.killpg(server.process.pid, signal.SIGTERM)
            server.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait()
        except ProcessLookupError:
            pass
    if server.process.stderr:
        server.process.stderr.close()


def gunicorn(app: str, *options: str) -> list[str]:
    return [
        str(BIN / "gunicorn"),
        "--no-control-socket",
        "--workers",
        "1",
        "--bind",
        "127.0.0.1:{port}",
        "--log-level",
        "warning",
        *options,
        app,
    ]


# --- wrk -------------------------------------------------------------------------------------


@dataclass
class Load:
    requests: int
    rate: float  #: requests per second
    p50: float  #: ms
    p99: float  #: ms
    errors: int  #: socket errors, timeouts and answers other than 2xx/3xx
    cpu: float  #: ms of the worker's CPU per request


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * _UNITS[unit]


def wrk(server: Server, path: str, connections: int, seconds: float, headers: dict) -> Load:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--latency", "--timeout", "30s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    before = server.cpu_seconds()
    output = subprocess.run(
        command + [server.base + path], capture_output=True, text=True, check=True
    ).stdout
    cpu = server.cpu_seconds() - before
    requests = int(re.search(r"(\d+) requests in", output)[1])
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.M))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    errors += int((re.search(r"Non-2xx or 3xx responses: (\d+)", output) or [0, 0])[1])
    return Load(
        requests=requests,
        rate=float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        p50=_ms(percentiles["50"]),
        p99=_ms(percentiles["99"]),
        errors=errors,
        cpu=cpu * 1000 / max(requests, 1),
    )
