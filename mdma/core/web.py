"""HTTP safety shared by every page: security headers, safe redirects."""

from urllib.parse import urlsplit

from flask import current_app, g, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError
from werkzeug.exceptions import BadRequest, HTTPException, InternalServerError

from mdma.core.errors import RuleViolation

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def add_security_headers(response):
    # A page re-rendered after a refusal answers with the refusal's status (409 for a stale edit).
    refused = g.get("refusal_status")
    if refused and response.status_code == 200:
        response.status_code = refused
    headers = response.headers
    if request.endpoint != "static" and (
        request.path.startswith("/api/") or current_user.is_authenticated
    ):
        # What a signed-in person sees stays out of shared and back-button caches.
        headers["Cache-Control"] = "no-store"
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if current_app.config.get("MDMA_HSTS"):
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


def safe_next(target: str | None, fallback: str) -> str:
    """Only a path on this site: no scheme, no host, no `//evil` or `/\\evil` tricks."""
    if not target:
        return fallback
    target = target.strip()
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
        or any(ord(c) < 32 for c in target)
    ):
        return fallback
    return target


def to_http_exception(error: Exception) -> HTTPException:
    """Any error as an HTTP error: a service's refusal that reached the edge (AccessDenied
    outside a form) keeps its status and message; unexpected ones are logged and become 500."""
    if isinstance(error, HTTPException):
        return error
    if isinstance(error, RuleViolation):
        http_error = HTTPException(description=str(error.message))
        http_error.code = error.status
        http_error.data = {"message": str(error.message)}
        return http_error
    if isinstance(error, DataError | OverflowError):
        # A value the edge should have bounded reached the database: still the input's fault.
        current_app.logger.warning("input out of range", exc_info=error)
        return BadRequest()
    current_app.logger.exception("unhandled error", exc_info=error)
    return InternalServerError()


ERROR_MESSAGES = {
    400: _l("The request could not be understood."),
    401: _l("Please log in to see this page."),
    403: _l("You are not allowed to see this page."),
    404: _l("This page does not exist."),
    405: _l("This action is not possible here."),
    409: _l("Someone else changed this in the meantime."),
    413: _l("What you sent is too large."),
    422: _l("Some fields are not filled in correctly."),
    429: _l("Too many requests. Please wait a moment."),
    500: _l("Something went wrong on our side. Please try again later."),
}


def error_message(error: HTTPException) -> str:
    if isinstance(error, CSRFError):
        return _("The form has expired. Please go back, reload the page and try again.")
    return str(ERROR_MESSAGES.get(error.code, error.name))


def render_error(error: HTTPException):
    message = (getattr(error, "data", None) or {}).get("message") or error_message(error)
    page = render_template("errors/error.html", code=error.code, message=message)
    allow = dict(error.get_headers()).get("Allow")
    return page, error.code, {"Allow": allow} if allow else {}
