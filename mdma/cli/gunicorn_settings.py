"""Settings `mdma serve` gives gunicorn (`-c python:mdma.cli.gunicorn_settings`).

gunicorn names itself in a `Server` header on every answer and has no setting to stop it:
its response writer is replaced by one that leaves the header out, so an answer does not tell
which server (and version) runs behind it.
"""

from gunicorn.http import wsgi


class _UnnamedResponse(wsgi.Response):
    def default_headers(self):
        return [line for line in super().default_headers() if not line.startswith("Server:")]


# `wsgi.create`, which every worker calls, looks the class up here at each request.
wsgi.Response = _UnnamedResponse
