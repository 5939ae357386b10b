"""The daily digest: per user, what they chose to hear of once a day, grouped by object with
the newest first, one line per object saying what changed. `mdma notifications digest` sends
it (cron, once a day); run twice on one day, it sends nothing twice."""

from collections import OrderedDict
from datetime import date

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from mdma.accounts.models import User
from mdma.core.after_commit import after_commit
from mdma.core.mail import send_mail
from mdma.core.time import utcnow
from mdma.extensions import db
from mdma.notifications import services, unsubscribe
from mdma.notifications.models import Delivery, Digest, Notification


def lines(notifications: list[Notification]) -> list[dict]:
    """One line per object (a notification's address without its anchor), the object changed
    most recently first; each says how many changes and the newest one."""
    groups: OrderedDict[str, list[Notification]] = OrderedDict()
    for notification in sorted(notifications, key=lambda n: (n.created_at, n.id), reverse=True):
        groups.setdefault(notification.url.split("#")[0], []).append(notification)
    out = []
    for address, items in groups.items():
        newest = items[0]
        title = newest.data.get("title") or ""
        out.append(
            {
                "title": title,
                "count": len(items),
                "newest": services.message(newest),
                "link": current_app.config["MDMA_BASE_URL"] + newest.url,
                "address": address,
            }
        )
    return out


def _pending(user: User) -> list[Notification]:
    unmailed = db.session.scalars(
        sa.select(Notification).where(
            Notification.user_id == user.id,
            Notification.mailed_at.is_(None),
            Notification.read_at.is_(None),
        )
    ).all()
    return [n for n in unmailed if services.delivery_for(user, n.kind) == Delivery.DAILY]


def send(today: date | None = None) -> int:
    """Send each user with something new their digest of today; returns how many were sent."""
    today = today or date.today()
    done_today = sa.select(Digest.user_id).where(Digest.day == today)
    users = db.session.scalars(
        sa.select(User)
        .where(
            User.active.is_(True),
            User.id.not_in(done_today),
            sa.exists().where(
                Notification.user_id == User.id,
                Notification.mailed_at.is_(None),
                Notification.read_at.is_(None),
            ),
        )
        .order_by(User.id)
    ).all()
    sent = 0
    for user in users:
        pending = _pending(user)
        if not pending:
            continue
        _mail(user, pending)
        now = utcnow()
        for notification in pending:
            notification.mailed_at = now
        db.session.add(Digest(user_id=user.id, day=today))
        sent += 1
    db.session.flush()
    return sent


def _mail(user: User, pending: list[Notification]) -> None:
    with force_locale(user.language):
        entries = lines(pending)
        subject = _("What changed on the MDMA platform: %(count)d subjects", count=len(entries))
        body = render_template(
            "mail/digest.txt",
            user=user,
            lines=entries,
            unsubscribe=unsubscribe.link(user, unsubscribe.DIGEST),
        )
    headers = unsubscribe.headers(user, unsubscribe.DIGEST)
    after_commit(lambda: send_mail(user.email, subject, body, headers))
