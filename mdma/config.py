"""Settings read from the environment, with embedded defaults (SQLite, one process)."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

from sqlalchemy.pool import QueuePool

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("nl", "fr", "en")


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key(instance_path: Path) -> str:
    """Use MDMA_SECRET_KEY, or generate one once and keep it in the instance folder."""
    key = os.environ.get("MDMA_SECRET_KEY")
    if key:
        return key
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


def _check_rule(value: str | None) -> str:
    """ "all", or a quorum of at least one sector."""
    value = (value or "all").strip().lower()
    if value != "all" and not (value.isdigit() and int(value) >= 1):
        raise ValueError(f"MDMA_CHECK_RULE must be 'all' or a number of sectors, not {value!r}")
    return value


def _engine_options(database_url: str, env) -> dict:
    """A gevent worker serves many requests at once, each holding a connection until it
    commits: on PostgreSQL the pool is sized for that, and a request that waits longer than
    MDMA_DB_POOL_TIMEOUT seconds for a connection fails.

    On SQLite under gevent the worker's requests take turns on one connection: SQLite lets one
    writer in at a time, and its busy handler waits in C without yielding, so a request that
    found the file locked by another (which waits, say, for its body) would stall the whole
    worker until "database is locked". Waiting for the pool yields instead."""
    options = {"pool_pre_ping": True}
    timeout = int(env("MDMA_DB_POOL_TIMEOUT") or 30)
    if database_url.startswith("postgresql"):
        options.update(
            pool_size=int(env("MDMA_DB_POOL_SIZE") or 10),
            max_overflow=int(env("MDMA_DB_MAX_OVERFLOW") or 20),
            pool_timeout=timeout,
        )
    elif database_url.startswith("sqlite") and env("MDMA_ASYNC_MODE") == "gevent":
        options.update(poolclass=QueuePool, pool_size=1, max_overflow=0, pool_timeout=timeout)
    return options


def load(instance_path: Path) -> dict:
    """Read the whole configuration once; nothing else in the package reads os.environ."""
    env = os.environ.get
    instance_path.mkdir(parents=True, exist_ok=True)
    database_url = env("MDMA_DATABASE_URL") or f"sqlite:///{instance_path / 'mdma.sqlite'}"
    secure_cookies = _bool(env("MDMA_SECURE_COOKIES"), False)
    return {
        "SECRET_KEY": _secret_key(instance_path),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": _engine_options(database_url, env),
        "MDMA_REDIS_URL": env("MDMA_REDIS_URL") or None,
        # The Redis channel of live events: the processes of one platform share it, another
        # platform on the same Redis uses its own.
        "MDMA_SOCKETIO_CHANNEL": env("MDMA_SOCKETIO_CHANNEL") or "mdma",
        "MDMA_ASYNC_MODE": env("MDMA_ASYNC_MODE") or "threading",
        # Flask-Migrate (Alembic) bound to the app; `mdma serve` leaves it out of its processes.
        "MDMA_MIGRATIONS": not _bool(env("MDMA_SERVING"), False),
        # Servers load the guard's word lists (a few seconds) at start, not on a first request.
        "MDMA_PRELOAD_GUARD": _bool(env("MDMA_PRELOAD_GUARD"), False),
        "MDMA_BASE_URL": (env("MDMA_BASE_URL") or "http://127.0.0.1:5000").rstrip("/"),
        # Reverse proxies in front of the platform (nginx: 1) whose X-Forwarded-For/-Proto/-Host
        # headers are trusted; 0 (the default) trusts none, as a server reached directly must.
        "MDMA_TRUSTED_PROXIES": int(env("MDMA_TRUSTED_PROXIES") or 0),
        # Mail
        "MDMA_SMTP_HOST": env("MDMA_SMTP_HOST") or "127.0.0.1",
        "MDMA_SMTP_PORT": int(env("MDMA_SMTP_PORT") or 25),
        "MDMA_SMTP_USER": env("MDMA_SMTP_USER") or None,
        "MDMA_SMTP_PASSWORD": env("MDMA_SMTP_PASSWORD") or None,
        "MDMA_SMTP_STARTTLS": _bool(env("MDMA_SMTP_STARTTLS"), False),
        "MDMA_MAIL_FROM": env("MDMA_MAIL_FROM") or "MDMA <no-reply@mdma.invalid>",
        # When no SMTP server is configured the embedded default prints mail to the log.
        "MDMA_MAIL_BACKEND": env("MDMA_MAIL_BACKEND")
        or ("smtp" if env("MDMA_SMTP_HOST") else "log"),
        # Accounts
        "MDMA_INVITATION_DAYS": int(env("MDMA_INVITATION_DAYS") or 7),
        "MDMA_RESET_MINUTES": int(env("MDMA_RESET_MINUTES") or 60),
        # Failed log-ins, counted within a window: from MAX_FAILURES on an account's tries
        # wait SLOW_SECONDS, doubling each time; from LOCK_FAILURES on it is locked for
        # LOCK_MINUTES. One address may fail ADDRESS_MAX_FAILURES times across accounts (an
        # office shares one) before a wrong password locks the account it was tried on.
        "MDMA_LOGIN_WINDOW_MINUTES": int(env("MDMA_LOGIN_WINDOW_MINUTES") or 60),
        "MDMA_LOGIN_MAX_FAILURES": int(env("MDMA_LOGIN_MAX_FAILURES") or 5),
        "MDMA_LOGIN_SLOW_SECONDS": int(env("MDMA_LOGIN_SLOW_SECONDS") or 30),
        "MDMA_LOGIN_LOCK_FAILURES": int(env("MDMA_LOGIN_LOCK_FAILURES") or 10),
        "MDMA_LOGIN_LOCK_MINUTES": int(env("MDMA_LOGIN_LOCK_MINUTES") or 15),
        "MDMA_LOGIN_ADDRESS_MAX_FAILURES": int(env("MDMA_LOGIN_ADDRESS_MAX_FAILURES") or 100),
        # Flask-Limiter (password-reset mails): Redis when configured, else each process counts.
        "RATELIMIT_STORAGE_URI": env("MDMA_REDIS_URL") or "memory://",
        "RATELIMIT_STRATEGY": "moving-window",
        "RATELIMIT_HEADERS_ENABLED": False,
        "MDMA_PASSWORD_MIN_LENGTH": int(env("MDMA_PASSWORD_MIN_LENGTH") or 12),
        # argon2 cost; tests lower it, production keeps the library's defaults.
        "MDMA_ARGON2_TIME_COST": int(env("MDMA_ARGON2_TIME_COST") or 3),
        "MDMA_ARGON2_MEMORY_COST": int(env("MDMA_ARGON2_MEMORY_COST") or 65536),
        # Bottlenecks: working days a routed sector has for its first answer.
        "MDMA_ANSWER_WORKING_DAYS": int(env("MDMA_ANSWER_WORKING_DAYS") or 10),
        # Structural signals: the criteria check passes when "all" routed sectors say yes to
        # the four criteria, or a quorum of them ("2"); the sectors have so many working days.
        "MDMA_CHECK_RULE": _check_rule(env("MDMA_CHECK_RULE")),
        "MDMA_CHECK_WORKING_DAYS": int(env("MDMA_CHECK_WORKING_DAYS") or 10),
        # The owner (trekker) of a structural signal reports at least every so many weeks.
        "MDMA_PROGRESS_REPORT_WEEKS": int(env("MDMA_PROGRESS_REPORT_WEEKS") or 8),
        # A candidate for a structural check: at least N occurrences from M case managers in
        # K organisations within the last D days (the original report counts as one).
        "MDMA_CANDIDATE_OCCURRENCES": int(env("MDMA_CANDIDATE_OCCURRENCES") or 5),
        "MDMA_CANDIDATE_REPORTERS": int(env("MDMA_CANDIDATE_REPORTERS") or 3),
        "MDMA_CANDIDATE_ORGANISATIONS": int(env("MDMA_CANDIDATE_ORGANISATIONS") or 2),
        "MDMA_CANDIDATE_DAYS": int(env("MDMA_CANDIDATE_DAYS") or 365),
        # Proposals: a level that has not answered a submitted proposal after so many weeks
        # is marked overdue on the board and its owner is reminded.
        "MDMA_PROPOSAL_ANSWER_WEEKS": int(env("MDMA_PROPOSAL_ANSWER_WEEKS") or 12),
        # Policy advice documents: the city's name on the title page, and its logo (a path
        # to an image file, none by default).
        "MDMA_CITY_NAME": env("MDMA_CITY_NAME") or "Stad Voorbeeld",
        "MDMA_CITY_LOGO": env("MDMA_CITY_LOGO") or None,
        # Pages kept per reader until the next write (mdma/core/page_cache.py), per process,
        # within this many megabytes; 0 turns the keeping off.
        "MDMA_PAGE_CACHE_BYTES": int(float(env("MDMA_PAGE_CACHE_MB") or 8) * 2**20),
        # i18n
        "BABEL_DEFAULT_LOCALE": "nl",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Brussels",
        "BABEL_TRANSLATION_DIRECTORIES": str(ROOT / "translations"),
        "MDMA_LANGUAGES": LANGUAGES,
        # Security
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure_cookies,
        "SESSION_COOKIE_NAME": "mdma_session",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": secure_cookies,
        "REMEMBER_COOKIE_DURATION": timedelta(days=14),
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
        "WTF_CSRF_TIME_LIMIT": None,
        "MDMA_HSTS": secure_cookies,
        "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
        # API
        "API_TITLE": "MDMA API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
    }
