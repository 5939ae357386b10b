"""What failed log-ins cost, so that one person's typos never lock an office out.

Per account: after a few failures each further try waits longer (slow down), after more the
account is locked for a while. Per address (behind one city network, an office shares one):
a much higher limit counting failures across accounts, against credential stuffing; past it a
wrong password locks the account it was tried on at once, but the right password of an account
that is not itself locked is always let in. Failures are rows in the database, so every server
process counts the same; `purge` removes them after their window.
"""

import hashlib
import math
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from mdma.accounts.models import LoginFailure
from mdma.accounts.services import normalise_email
from mdma.core.time import utcnow
from mdma.extensions import db


def _config(name: str) -> int:
    return current_app.config[name]


def _window() -> timedelta:
    return timedelta(minutes=_config("MDMA_LOGIN_WINDOW_MINUTES"))


def account_key(email: str) -> str:
    return f"email:{normalise_email(email)}"


def address_key(address: str) -> str:
    """No raw addresses are kept: a keyed hash of it."""
    salted = (current_app.config["SECRET_KEY"] + address).encode()
    return "ip:" + hashlib.sha256(salted).hexdigest()


def _failures(key: str) -> tuple[int, object]:
    """How many failures this key had within the window, and the last one's time."""
    return db.session.execute(
        sa.select(sa.func.count(), sa.func.max(LoginFailure.at)).where(
            LoginFailure.key == key, LoginFailure.at >= utcnow() - _window()
        )
    ).one()


def seconds_to_wait(email: str) -> int:
    """Seconds before this account may try again; 0 when it may now. From the Nth failure on
    (MDMA_LOGIN_MAX_FAILURES) each try waits twice as long as the one before; from the
    lock threshold on, the account is locked for MDMA_LOGIN_LOCK_MINUTES."""
    count, last = _failures(account_key(email))
    first_slow = _config("MDMA_LOGIN_MAX_FAILURES")
    if count < first_slow:
        return 0
    if count >= _config("MDMA_LOGIN_LOCK_FAILURES"):
        pause = timedelta(minutes=_config("MDMA_LOGIN_LOCK_MINUTES"))
    else:
        pause = timedelta(seconds=_config("MDMA_LOGIN_SLOW_SECONDS") * 2 ** (count - first_slow))
    return max(0, math.ceil((last + pause - utcnow()).total_seconds()))


def address_is_busy(address: str | None) -> bool:
    """Many failures from one address, whatever the accounts: someone tries a list."""
    if not address:
        return False
    count, _last = _failures(address_key(address))
    return count >= _config("MDMA_LOGIN_ADDRESS_MAX_FAILURES")


def note_failure(email: str, address: str | None) -> bool:
    """Count a failed try for the account and the address; returns whether the address was
    busy, in which case the account is locked at once (it weighs as the lock's number)."""
    now = utcnow()
    busy = address_is_busy(address)
    weight = 1
    if busy:
        count, _last = _failures(account_key(email))
        weight = max(1, _config("MDMA_LOGIN_LOCK_FAILURES") - count)
    db.session.add_all(LoginFailure(key=account_key(email), at=now) for _ in range(weight))
    if address:
        db.session.add(LoginFailure(key=address_key(address), at=now))
    db.session.flush()
    return busy


def clear(email: str) -> None:
    """A successful log-in or a new password: the account starts afresh (the address keeps
    its count)."""
    db.session.execute(sa.delete(LoginFailure).where(LoginFailure.key == account_key(email)))


def purge() -> int:
    """Remove failures older than their window (daily maintenance)."""
    before = utcnow() - max(_window(), timedelta(minutes=_config("MDMA_LOGIN_LOCK_MINUTES")))
    return db.session.execute(sa.delete(LoginFailure).where(LoginFailure.at < before)).rowcount
