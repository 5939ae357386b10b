"""gunicorn's settings for `mdma serve`, read as a file (not imported as part of the package),
so that gevent patches the standard library before the application is imported.

- The application is loaded once, in the master, with the privacy guard's word lists (built in
  a child process that sends back only the result: `privacy.lexicon.load_apart`); then
  garbage from loading is collected (its memory given back to the system) and what is left is
  frozen (`gc.freeze`): a worker forked from it shares those pages with the master and with
  every other worker, and its collector never walks (or writes to) them. Each further worker
  costs only what it allocates itself.
- Libraries that python-socketio and python-engineio import eagerly but a server never runs (the
  HTTP and WebSocket clients of their client classes; Redis when no queue is configured) are
  marked absent before the application loads: 11 MiB less in the master and every worker.
- The embedding model of similar bottlenecks is not loaded in the master: its engine runs on
  OpenMP, whose threads do not survive a fork, and loading it only maps its 72 MB file
  (about 15 ms), pages the kernel shares between processes anyway. Each worker loads it, and
  reads the vectors' matrix (38 MB at 100,000 bottlenecks), at its first suggestion.
- After each response the worker's greenlet yields before it reads the next request of its
  keep-alive connection. Without that, a client that sends its next request at once (a browser
  on a fast link, a load tester) finds it already read and keeps the worker, while every other
  connection waits: under load p50 was tens of ms and p99 seconds.
- gunicorn names itself in a `Server` header on every answer and has no setting to stop it: its
  response class is replaced by one that leaves the header out, so an answer does not tell which
  server (and version) runs behind it.
"""

from gevent import monkey

# gunicorn loads this file as the module `__config__`; imported any other way (a walk over the
# package's modules, say), it must not patch the importing process.
if __name__ == "__config__":
    monkey.patch_all()

import contextlib  # noqa: E402
import ctypes  # noqa: E402
import gc  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

#: What python-socketio and python-engineio import eagerly but a server never runs: the HTTP and
#: WebSocket clients of their *client* classes, and the Redis client when no queue is
#: configured. Both packages import these optionally (`try: import … except ImportError`); a
#: None in `sys.modules` makes such an import fail at once. About 11 MiB less in the master
#: and in every worker.
NEVER_SERVED = ("requests", "websocket") + (
    () if os.environ.get("MDMA_REDIS_URL") else ("redis", "valkey")
)

if __name__ == "__config__":
    for _name in NEVER_SERVED:
        sys.modules.setdefault(_name, None)

import gevent  # noqa: E402
from gunicorn.http import wsgi  # noqa: E402

preload_app = True


class _UnnamedResponse(wsgi.Response):
    def default_headers(self):
        return [line for line in super().default_headers() if not line.startswith("Server:")]


# `wsgi.create`, which every worker calls, looks the class up here at each request.
wsgi.Response = _UnnamedResponse


def when_ready(_server):
    """In the master, before the first worker is forked."""
    from mdma.privacy import lexicon, names

    lexicon.load_apart()
    names.preload()
    gc.collect()
    gc.freeze()
    _give_back_free_memory()


def _give_back_free_memory():
    """What loading freed goes back to the system (glibc keeps it otherwise), so that the
    worker does not start with it."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def post_request(_worker, _request, _environ, _response):
    gevent.sleep(0)
