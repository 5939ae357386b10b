"""Personal calendar feeds: a secret address per person (only its SHA-256 kept), shown once when
made; making a new one revokes the old, and so does revoking."""

import hashlib
import secrets

import sqlalchemy as sa

from mdma.core.logbook import record
from mdma.extensions import db
from mdma.sessions.models import CalendarFeed

PREFIX = "cal_"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def has_feed(user) -> bool:
    return db.session.get(CalendarFeed, user.id) is not None


def new_address(actor) -> str:
    """A new secret for the actor's own feed; the old address stops working."""
    token = PREFIX + secrets.token_urlsafe(32)
    feed = db.session.get(CalendarFeed, actor.id)
    if feed is None:
        db.session.add(CalendarFeed(user_id=actor.id, token_hash=_hash(token)))
    else:
        feed.token_hash = _hash(token)
    record(actor, "calendar_feed:made", actor)
    db.session.flush()
    return token


def revoke(actor) -> None:
    db.session.execute(sa.delete(CalendarFeed).where(CalendarFeed.user_id == actor.id))
    record(actor, "calendar_feed:revoked", actor)


def owner_of(token: str):
    """The active person whose feed this is, or None."""
    if not token.startswith(PREFIX) or len(token) > 100:
        return None
    feed = db.session.scalar(sa.select(CalendarFeed).where(CalendarFeed.token_hash == _hash(token)))
    if feed is None or not feed.user.active:
        return None
    return feed.user
