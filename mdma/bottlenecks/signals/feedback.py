"""Feedback to the reporters of a bottleneck: everyone who reported it or added an occurrence
hears, in plain words and in their own language, what happened at each step that matters to
them and what comes next — also when they do not follow the thread, unless they muted it.
One step, one notification per person: whoever is told here is left out of the plain notices
of the same step."""

from datetime import date

import sqlalchemy as sa
from flask_babel import get_locale
from flask_babel import gettext as _

from mdma.accounts.models import User
from mdma.bottlenecks.models import Occurrence
from mdma.bottlenecks.signals.models import Feedback, feedback_mutes
from mdma.bottlenecks.states import FINISHED, Status
from mdma.core.dates import format_when
from mdma.extensions import db
from mdma.notifications import services as notifications
from mdma.permissions import Role

KIND = "bottleneck.feedback"
#: event → what happened and what comes next, from the facts kept with the notification.
MESSAGES = {
    "routed": lambda d: _(
        '"%(title)s" has been routed to %(sectors)s. Next: they answer it by %(due)s.', **d
    ),
    "answered": lambda d: _(
        '%(sector)s gave a first answer on "%(title)s". Next: the discussion goes on in its '
        "thread, where you can take part.",
        **d,
    ),
    "check_passed": lambda d: _(
        '"%(title)s" passed the criteria check: it is now a structural signal. Next: the '
        "coordinator names an owner who follows it up and reports back.",
        **d,
    ),
    "check_closed": lambda d: _(
        '"%(title)s" did not pass the criteria check (%(reason)s). It stays at its level and '
        "the discussion goes on.",
        **d,
    ),
    "owner_named": lambda d: _(
        '%(owner)s now owns the structural signal "%(title)s" (theme: %(theme)s). Next: a '
        "progress report at least every %(weeks)s weeks.",
        **d,
    ),
    "progress": lambda d: _(
        '%(owner)s reported progress on "%(title)s". The next report is due by %(due)s.', **d
    ),
    "scheduled": lambda d: _(
        '"%(title)s" is on a session\'s agenda. Next: it is discussed there and the minutes say '
        "what was decided.",
        **d,
    ),
    "in_proposal": lambda d: _(
        '"%(title)s" has been taken up in a policy proposal. Next: the proposal is followed up '
        "with the government level it addresses.",
        **d,
    ),
    # Each later step of a proposal that took it up (the proposals package, a higher floor,
    # tells the reporters through `tell_reporters`): the step is kept in every language.
    "proposal_step": lambda d: _(
        '"%(proposal)s", the proposal that took up "%(title)s": %(step)s.', **d
    ),
    "resolved": lambda d: _(
        '"%(title)s" has been resolved (%(reason)s). Nothing more is expected from you.', **d
    ),
    "declined": lambda d: _('"%(title)s" has been declined (%(reason)s).', **d),
    "closed": lambda d: _('"%(title)s" has been closed. Thank you for reporting it.', **d),
    "reopened": lambda d: _(
        '"%(title)s" has been reopened (%(reason)s). The discussion goes on.', **d
    ),
}


def _in_reading_language(data: dict) -> dict:
    """Facts as the reader reads them: names kept per language, dates kept as ISO days."""
    language = str(get_locale() or "nl")[:2]
    shown = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = value.get(language) or value.get("nl", "")
        elif key == "due" and value:
            value = format_when(date.fromisoformat(value), "date")
        shown[key] = value
    return shown


notifications.register(KIND, lambda d: MESSAGES[d["event"]](_in_reading_language(d)))


def text(entry: Feedback) -> str:
    """A kept feedback in the reader's language, as its notification said it."""
    return MESSAGES[entry.event](_in_reading_language({"title": "", **entry.data}))


def names(sectors) -> dict:
    """Sector names in every interface language, for facts kept with a notification."""
    return {
        language: ", ".join(getattr(s, f"name_{language}") or s.name_nl for s in sectors)
        for language in ("nl", "fr", "en")
    }


def reporters(bottleneck) -> list[User]:
    """Case managers and social workers who reported it or added an occurrence, in one query."""
    of_occurrences = sa.select(Occurrence.reporter_id).where(
        Occurrence.bottleneck_id == bottleneck.id
    )
    return list(
        db.session.scalars(
            sa.select(User).where(
                sa.or_(User.id == bottleneck.reporter_id, User.id.in_(of_occurrences)),
                User.role.in_([Role.CASE_MANAGER, Role.SOCIAL_WORKER]),
                User.active.is_(True),
            )
        )
    )


def muted(bottleneck) -> set[int]:
    link = feedback_mutes.c
    return set(
        db.session.scalars(sa.select(link.user_id).where(link.bottleneck_id == bottleneck.id))
    )


def tell_reporters(actor, bottleneck, event: str, **facts) -> set[int]:
    """Keep the step as feedback and notify each reporter once; returns who was told. Facts
    are JSON: strings, `names(...)` of sectors, ISO days under `due`."""
    facts = {"title": bottleneck.title, **facts}
    db.session.add(
        Feedback(
            bottleneck_id=bottleneck.id,
            event=event,
            actor_id=getattr(actor, "id", None),
            data=facts,
        )
    )
    silent = muted(bottleneck)
    told = [user for user in reporters(bottleneck) if user.id not in silent]
    sent = notifications.notify(
        told, KIND, url=f"/bottlenecks/{bottleneck.id}", actor=actor, event=event, **facts
    )
    return {notification.user_id for notification in sent}


def mute(actor, bottleneck) -> None:
    if actor.id not in muted(bottleneck):
        db.session.execute(
            feedback_mutes.insert().values(bottleneck_id=bottleneck.id, user_id=actor.id)
        )


def unmute(actor, bottleneck) -> None:
    link = feedback_mutes.c
    db.session.execute(
        feedback_mutes.delete().where(link.bottleneck_id == bottleneck.id, link.user_id == actor.id)
    )


#: Lifecycle steps the reporters hear of, as feedback events.
STEP_EVENTS = {
    Status.SCHEDULED: "scheduled",
    Status.IN_PROPOSAL: "in_proposal",
    Status.RESOLVED: "resolved",
    Status.DECLINED: "declined",
    Status.CLOSED: "closed",
}


def after_step(actor, bottleneck, step) -> set[int]:
    """Tell the reporters of a lifecycle step that matters to them; returns who was told."""
    if step.target == Status.IN_DISCUSSION and step.source in FINISHED:
        event = "reopened"
    else:
        event = STEP_EVENTS.get(step.target)
    if event is None:
        return set()
    return tell_reporters(actor, bottleneck, event, reason=step.reason or "—")
