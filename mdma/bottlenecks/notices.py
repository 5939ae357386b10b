"""What bottlenecks tell people: who is notified of which change, and in which words.

Messages are rendered in each recipient's language when shown or mailed, from small facts
(title, status code, date) kept with the notification.
"""

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from mdma.bottlenecks.states import STATUS_LABELS, Status
from mdma.core.dates import format_when
from mdma.notifications import services as notifications
from mdma.threads import reading


def _url(bottleneck) -> str:
    return f"/bottlenecks/{bottleneck.id}"


notifications.register(
    "bottleneck.routed",
    lambda d: _('"%(title)s" has been routed to your sector for an answer.', title=d["title"]),
)
notifications.register(
    "bottleneck.status",
    lambda d: _(
        '"%(title)s" is now: %(status)s.',
        title=d["title"],
        status=STATUS_LABELS[Status(d["status"])],
    ),
)
notifications.register(
    "bottleneck.post",
    lambda d: _('%(author)s wrote in "%(title)s".', author=d["author"], title=d["title"]),
)
notifications.register(
    "bottleneck.overdue",
    lambda d: _(
        '"%(title)s" is waiting for a first answer from your sector; it was due on %(due)s.',
        title=d["title"],
        due=format_when(date.fromisoformat(d["due"]), "date"),
    ),
)


notifications.label(
    {
        "bottleneck.routed": _l("A bottleneck is routed to my sector"),
        "bottleneck.status": _l("A step of a bottleneck I follow"),
        "bottleneck.post": _l("A post in a bottleneck I follow"),
        "bottleneck.overdue": _l("My sector's answer is overdue"),
        "bottleneck.feedback": _l("What became of a bottleneck I reported"),
        "signal.check_opened": _l("A criteria check to assess"),
        "signal.check_late": _l("A late criteria check"),
        "signal.check_refused": _l("A criteria check closed without structural"),
        "signal.check_passed": _l("A criteria check passed"),
        "signal.owner": _l("I am named owner of a structural signal"),
        "signal.report_due": _l("A progress report is due"),
        "signal.candidate": _l("A candidate for a structural check"),
    }
)


def routed(actor, bottleneck, owners) -> None:
    notifications.notify(
        owners, "bottleneck.routed", url=_url(bottleneck), actor=actor, title=bottleneck.title
    )


def status_changed(actor, bottleneck, exclude=frozenset()) -> None:
    """Everyone following hears of a step, but those `exclude`d (told in other words)."""
    notifications.notify(
        [user for user in bottleneck.followers if user.id not in exclude],
        "bottleneck.status",
        url=_url(bottleneck),
        actor=actor,
        title=bottleneck.title,
        status=bottleneck.status,
    )


def posted(actor, bottleneck, post, exclude=frozenset()) -> None:
    """Followers hear of a post, but those who muted the thread (or were told otherwise)."""
    exclude = set(exclude) | reading.muted_user_ids(bottleneck.thread_id)
    notifications.notify(
        [user for user in bottleneck.followers if user.id not in exclude],
        "bottleneck.post",
        url=f"{_url(bottleneck)}#post-{post.id}",
        actor=actor,
        title=bottleneck.title,
        author=actor.name,
    )


def overdue(bottleneck, owners) -> None:
    notifications.notify(
        owners,
        "bottleneck.overdue",
        url=_url(bottleneck),
        title=bottleneck.title,
        due=bottleneck.answer_due_on.isoformat(),
    )
