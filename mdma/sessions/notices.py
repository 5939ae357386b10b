"""What sessions tell people: invitations, updates and cancellations (a notification and a mail
with the iCalendar file), a place from the waiting list, action points given and overdue."""

from datetime import date, datetime

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from mdma.core.after_commit import after_commit
from mdma.core.dates import format_when
from mdma.core.mail import Attachment, send_mail
from mdma.core.time import utcnow
from mdma.notifications import services as notifications
from mdma.notifications import unsubscribe
from mdma.notifications.models import Delivery
from mdma.sessions import calendar


def _url(meeting) -> str:
    return f"/sessions/{meeting.id}"


def _when(d: dict) -> str:
    return format_when(datetime.fromisoformat(d["starts_at"]), "datetime")


notifications.register(
    "session.invited",
    lambda d: _('You are invited to "%(title)s" on %(when)s.', title=d["title"], when=_when(d)),
)
notifications.register(
    "session.updated",
    lambda d: _('"%(title)s" has changed: now on %(when)s.', title=d["title"], when=_when(d)),
)
notifications.register(
    "session.cancelled",
    lambda d: _('"%(title)s" on %(when)s has been cancelled.', title=d["title"], when=_when(d)),
)
notifications.register(
    "session.promoted",
    lambda d: _(
        'A place came free: you are now registered for "%(title)s" on %(when)s.',
        title=d["title"],
        when=_when(d),
    ),
)
notifications.register(
    "session.action_point",
    lambda d: _(
        'An action point of "%(title)s" is yours, due on %(due)s.',
        title=d["title"],
        due=format_when(date.fromisoformat(d["due"]), "date"),
    ),
)
notifications.register(
    "session.action_overdue",
    lambda d: _(
        'Your action point of "%(title)s" was due on %(due)s.',
        title=d["title"],
        due=format_when(date.fromisoformat(d["due"]), "date"),
    ),
)

#: kind → the calendar method its mail carries.
_CALENDAR_KINDS = ("session.invited", "session.updated", "session.cancelled")


def _facts(meeting) -> dict:
    return {"title": meeting.title, "starts_at": meeting.starts_at.isoformat()}


def calendar_message(actor, meeting, people, kind: str) -> None:
    """A notification for each, and a mail with the session's iCalendar file to each who takes
    mail for this kind (a calendar needs the file at once, whatever the digest setting, unless
    the person chose no mail for it), with the one-click unsubscribe link and headers of every
    mail; a notification mailed so stays out of the digest."""
    assert kind in _CALENDAR_KINDS
    people = [user for user in people if user.active and user != actor]
    told = notifications.notify(
        people, kind, url=_url(meeting), actor=actor, mail=False, **_facts(meeting)
    )
    of_user = {notification.user_id: notification for notification in told}
    base = current_app.config["MDMA_BASE_URL"]
    for user in people:
        if notifications.delivery_for(user, kind) == Delivery.NEVER:
            continue
        with force_locale(user.language):
            subject = notifications.MESSAGES[kind](_facts(meeting))
            body = render_template(
                "mail/notification.txt",
                user=user,
                text=subject,
                link=base + _url(meeting),
                unsubscribe=unsubscribe.link(user, kind),
            )
        method = "CANCEL" if kind == "session.cancelled" else "REQUEST"
        ics = calendar.invitation(meeting, user).decode()
        attachment = Attachment("invite.ics", ics, "calendar", {"method": method})
        headers = unsubscribe.headers(user, kind)
        if user.id in of_user:
            of_user[user.id].mailed_at = utcnow()
        after_commit(
            lambda to=user.email, s=subject, b=body, h=headers, a=attachment: send_mail(
                to, s, b, h, attachments=[a]
            )
        )


def promoted(meeting, user) -> None:
    notifications.notify([user], "session.promoted", url=_url(meeting), **_facts(meeting))


def action_point(actor, point) -> None:
    meeting = point.item.session
    notifications.notify(
        [point.owner],
        "session.action_point",
        url=f"{_url(meeting)}#action-{point.id}",
        actor=actor,
        title=meeting.title,
        due=point.due_on.isoformat(),
    )


def action_overdue(point) -> None:
    meeting = point.item.session
    notifications.notify(
        [point.owner],
        "session.action_overdue",
        url=f"{_url(meeting)}#action-{point.id}",
        title=meeting.title,
        due=point.due_on.isoformat(),
    )
