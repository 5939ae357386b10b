"""Tell people what happened: one notification per recipient, and a mail to those who want
mail at once for its kind (the others get it in the daily digest, `digest`, or not at all).
Each domain registers the message of each kind it sends. Every mail carries a one-click
unsubscribe link (`unsubscribe`)."""

from collections.abc import Callable

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from mdma.accounts.models import MailFrequency, User
from mdma.core import live
from mdma.core.after_commit import after_commit
from mdma.core.errors import RuleViolation
from mdma.core.mail import send_mail
from mdma.core.time import utcnow
from mdma.extensions import db
from mdma.notifications import unsubscribe
from mdma.notifications.models import Delivery, Notification, NotificationSetting

#: kind → a function of the notification's data giving its message in the current language.
MESSAGES: dict[str, Callable[[dict], str]] = {}
#: kind → what the kind is called on the settings page ("New posts", "You are mentioned").
LABELS: dict[str, object] = {}


def register(kind: str, render: Callable[[dict], str], *, label=None) -> None:
    MESSAGES[kind] = render
    LABELS[kind] = label or LABELS.get(kind) or kind


def label(labels: dict) -> None:
    """Name kinds on the settings page (kind → a lazy string), apart from their messages."""
    LABELS.update(labels)


def message(notification: Notification) -> str:
    return MESSAGES[notification.kind](notification.data)


def notify(
    recipients, kind: str, *, url: str, actor=None, mail: bool = True, **data
) -> list[Notification]:
    """Notify each active recipient once (never the actor of the change itself); `mail=False`
    when the domain mails them itself (an invitation with its calendar file)."""
    if kind not in MESSAGES:
        raise ValueError(f"unregistered notification kind {kind!r}")
    unique = {user.id: user for user in recipients if user.active and user != actor}
    notifications = [
        Notification(
            user_id=user.id, actor_id=getattr(actor, "id", None), kind=kind, url=url, data=data
        )
        for user in unique.values()
    ]
    db.session.add_all(notifications)
    db.session.flush()
    for user, notification in zip(unique.values(), notifications, strict=True):
        live.publish("notification", "created", notification.id, room=live.user_room(user.id))
        if mail and delivery_for(user, kind) == Delivery.IMMEDIATELY:
            _mail(user, notification)
    return notifications


def delivery_for(user: User, kind: str) -> str:
    """The user's choice for this kind, else what their general mail setting says."""
    chosen = db.session.get(NotificationSetting, (user.id, kind))
    if chosen is not None:
        return chosen.delivery
    return {
        MailFrequency.IMMEDIATELY: Delivery.IMMEDIATELY,
        MailFrequency.NEVER: Delivery.NEVER,
    }.get(user.mail_frequency, Delivery.DAILY)


def settings_of(user: User) -> dict[str, str]:
    """Every registered kind with the user's choice for it."""
    return {kind: delivery_for(user, kind) for kind in MESSAGES}


def choose(user: User, kind: str, delivery: str) -> None:
    if kind not in MESSAGES or delivery not in {d.value for d in Delivery}:
        raise RuleViolation(_("Choose from the list."), kind)
    row = db.session.get(NotificationSetting, (user.id, kind))
    if row is None:
        db.session.add(NotificationSetting(user_id=user.id, kind=kind, delivery=delivery))
    else:
        row.delivery = delivery
    db.session.flush()


def _mail(user: User, notification: Notification) -> None:
    link = current_app.config["MDMA_BASE_URL"] + notification.url
    with force_locale(user.language):
        text = message(notification)
        body = render_template(
            "mail/notification.txt",
            user=user,
            text=text,
            link=link,
            unsubscribe=unsubscribe.link(user, notification.kind),
        )
    notification.mailed_at = utcnow()
    headers = unsubscribe.headers(user, notification.kind)
    after_commit(lambda: send_mail(user.email, text, body, headers))


def unread_count(user) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(Notification.id)).where(
            Notification.user_id == user.id, Notification.read_at.is_(None)
        )
    )


def recent(user, limit: int = 50) -> list[Notification]:
    return db.session.scalars(
        sa.select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.id.desc())
        .limit(limit)
    ).all()


def mark_read(user, notification: Notification | None = None) -> None:
    """One notification, or all of the user's; someone else's is never touched."""
    query = sa.update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    if notification is not None:
        query = query.where(Notification.id == notification.id)
    db.session.execute(query.values(read_at=utcnow()))
