"""Live bottlenecks: whoever may read a bottleneck may watch its thread."""

import sqlalchemy as sa

from mdma.bottlenecks.models import Bottleneck
from mdma.extensions import db
from mdma.permissions import Permission, allowed
from mdma.threads import events as thread_events


def _may_read_thread(actor, thread_id: int) -> bool | None:
    bottleneck = db.session.scalar(sa.select(Bottleneck).where(Bottleneck.thread_id == thread_id))
    if bottleneck is None:
        return None
    return allowed(actor, Permission.BOTTLENECK_READ, bottleneck)


thread_events.readers.append(_may_read_thread)
