"""Work that must happen only once the request's transaction has committed (mail, live events).

Services queue callables with `after_commit(fn)`; they run after the session commits and are
dropped when it rolls back, so nobody is told about a change that never happened.
"""

import logging

from sqlalchemy import event
from sqlalchemy.orm import Session

from mdma.extensions import db

log = logging.getLogger(__name__)
_KEY = "mdma_after_commit"


def after_commit(callback) -> None:
    db.session().info.setdefault(_KEY, []).append(callback)


@event.listens_for(Session, "after_commit")
def _run(session):
    callbacks = session.info.pop(_KEY, [])
    for callback in callbacks:
        try:
            callback()
        except Exception:  # one failing mail must not hide the others or the committed change
            log.exception("after-commit callback %r failed", callback)


@event.listens_for(Session, "after_rollback")
def _drop(session):
    session.info.pop(_KEY, None)
