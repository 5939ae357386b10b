"""Log-in sessions kept on the server: each log-in makes a new secret (the cookies carry it, the
database its hash), each use is noted, log-out removes it. Pages list and end them."""

import hmac
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from mdma.accounts.models import LoginSession, User
from mdma.accounts.tokens import digest, new_token
from mdma.core.logbook import record
from mdma.core.time import utcnow
from mdma.extensions import db
from mdma.permissions import Permission, require

#: A session's last use is written at most this often, so reading pages does not each write.
TOUCH_EVERY = timedelta(minutes=1)

_BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"))
_BROWSERS += (("Chromium/", "Chromium"), ("Chrome/", "Chrome"), ("Safari/", "Safari"))
_SYSTEMS = (("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iOS"), ("Windows", "Windows"))
_SYSTEMS += (("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"))


def describe_device(user_agent: str | None) -> str:
    """ "Firefox on Linux": enough to tell one's sessions apart, nothing more is kept."""
    user_agent = user_agent or ""
    browser = next((name for mark, name in _BROWSERS if mark in user_agent), "")
    system = next((name for mark, name in _SYSTEMS if mark in user_agent), "")
    if browser and system:
        return f"{browser} – {system}"
    return browser or system or user_agent[:40]


def _lifetime(remember: bool) -> timedelta:
    """A remembered session lasts as long as its cookie; another ends after a working day of
    not being used (its cookie goes when the browser closes)."""
    config = current_app.config
    return config["REMEMBER_COOKIE_DURATION"] if remember else config["PERMANENT_SESSION_LIFETIME"]


def start(user: User, *, remember: bool = False, device: str = "") -> LoginSession:
    """A new session with a fresh secret; `user.login_credential()` names it for the cookies."""
    secret, secret_hash = new_token()
    now = utcnow()
    login = LoginSession(
        user_id=user.id,
        secret_hash=secret_hash,
        remember=remember,
        device=device[:80],
        created_at=now,
        last_used_at=now,
        expires_at=now + _lifetime(remember),
    )
    db.session.add(login)
    db.session.flush()
    user.current_login, user.credential = login, f"{login.id}:{secret}"
    return login


def user_for(credential: str) -> User | None:
    """The user of the session a cookie names, while the session lasts; its use is noted."""
    login_id, _sep, secret = (credential or "").partition(":")
    if not login_id.isdigit() or not secret:
        return None
    login = db.session.get(LoginSession, int(login_id))
    if login is None or not hmac.compare_digest(login.secret_hash, digest(secret)):
        return None
    now = utcnow()
    if login.expires_at <= now or not login.user.active:
        return None
    if now - login.last_used_at > TOUCH_EVERY:
        login.last_used_at = now
        if not login.remember:
            login.expires_at = now + _lifetime(False)
        db.session.commit()  # noted at the edge, before the request changes anything
    user = login.user
    user.current_login, user.credential = login, credential
    return user


def active(user: User) -> list[LoginSession]:
    """The user's sessions that still last, the most recently used first."""
    return db.session.scalars(
        sa.select(LoginSession)
        .where(LoginSession.user_id == user.id, LoginSession.expires_at > utcnow())
        .order_by(LoginSession.last_used_at.desc(), LoginSession.id.desc())
    ).all()


def end(actor, login: LoginSession) -> None:
    """Log out one session (one's own, from its page or from the list)."""
    require(actor, Permission.PROFILE_MANAGE, login)
    db.session.delete(login)
    record(actor, "user:logged_out", actor)


def end_all(user: User, *, keep: LoginSession | None = None) -> int:
    """Every session of the user ends ("log out everywhere", a new password, deactivation),
    except `keep` when given."""
    query = sa.delete(LoginSession).where(LoginSession.user_id == user.id)
    if keep is not None:
        query = query.where(LoginSession.id != keep.id)
    return db.session.execute(query.execution_options(synchronize_session=False)).rowcount


def purge() -> int:
    """Remove sessions past their end (daily maintenance)."""
    query = sa.delete(LoginSession).where(LoginSession.expires_at <= utcnow())
    return db.session.execute(query).rowcount
