"""What the structural track tells the people who act on it: the sectors that assess, the
coordinators who decide, the owner who reports. (Reporters hear through `feedback`.)"""

from datetime import date

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from mdma.accounts.models import User
from mdma.core.dates import format_when
from mdma.extensions import db
from mdma.notifications import services as notifications
from mdma.permissions import Role


def _due(d: dict) -> str:
    return format_when(date.fromisoformat(d["due"]), "date")


notifications.register(
    "signal.check_opened",
    lambda d: _(
        '"%(title)s": does your sector find it clear, neutral, recognised and shared? '
        "Assess it by %(due)s.",
        title=d["title"],
        due=_due(d),
    ),
)
notifications.register(
    "signal.check_late",
    lambda d: _(
        '"%(title)s" is waiting for the criteria assessment of the routed sectors; it was due '
        "on %(due)s.",
        title=d["title"],
        due=_due(d),
    ),
)
notifications.register(
    "signal.check_refused",
    lambda d: _(
        'A sector does not find that "%(title)s" meets every criterion: close the check with '
        "its outcome, or wait for the other sectors.",
        title=d["title"],
    ),
)
notifications.register(
    "signal.check_passed",
    lambda d: _('"%(title)s" passed the criteria check: name its owner.', title=d["title"]),
)
notifications.register(
    "signal.owner",
    lambda d: _(
        'You are the owner of the structural signal "%(title)s": report its progress at least '
        "every %(weeks)s weeks.",
        title=d["title"],
        weeks=d["weeks"],
    ),
)
notifications.register(
    "signal.report_due",
    lambda d: _('A progress report on the structural signal "%(title)s" is due.', title=d["title"]),
)
notifications.register(
    "signal.candidate",
    lambda d: _(
        '"%(title)s" is a candidate for a structural check: %(occurrences)s occurrences from '
        "%(reporters)s case managers in %(organisations)s organisations.",
        **d,
    ),
)


def _url(bottleneck) -> str:
    return f"/bottlenecks/{bottleneck.id}#signal"


def coordinators() -> list[User]:
    return list(
        db.session.scalars(
            sa.select(User).where(User.role == Role.COORDINATOR, User.active.is_(True))
        )
    )


def check_opened(actor, check, assessors) -> None:
    bottleneck = check.bottleneck
    notifications.notify(
        assessors, "signal.check_opened", url=_url(bottleneck), actor=actor,
        title=bottleneck.title, due=check.due_on.isoformat(),
    )  # fmt: skip


def check_late(check, assessors) -> None:
    bottleneck = check.bottleneck
    notifications.notify(
        assessors, "signal.check_late", url=_url(bottleneck),
        title=bottleneck.title, due=check.due_on.isoformat(),
    )  # fmt: skip


def check_late_to_coordinators(check) -> None:
    check_late(check, coordinators())


def check_refused(actor, check, sector) -> None:
    notifications.notify(
        coordinators(), "signal.check_refused", url=_url(check.bottleneck), actor=actor,
        title=check.bottleneck.title,
    )  # fmt: skip


def check_passed(actor, check) -> None:
    notifications.notify(
        coordinators(), "signal.check_passed", url=_url(check.bottleneck), actor=actor,
        title=check.bottleneck.title,
    )  # fmt: skip


def owner_named(actor, bottleneck, owner) -> None:
    notifications.notify(
        [owner], "signal.owner", url=_url(bottleneck), actor=actor, title=bottleneck.title,
        weeks=str(current_app.config["MDMA_PROGRESS_REPORT_WEEKS"]),
    )  # fmt: skip


def report_due(signal) -> None:
    notifications.notify(
        [signal.owner], "signal.report_due", url=_url(signal.bottleneck),
        title=signal.bottleneck.title,
    )  # fmt: skip


def candidate(bottleneck, figures: dict) -> None:
    notifications.notify(
        coordinators(), "signal.candidate", url=_url(bottleneck), title=bottleneck.title,
        **{key: str(value) for key, value in figures.items()},
    )  # fmt: skip
