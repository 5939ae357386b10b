"""Outgoing mail over SMTP; the embedded default writes messages to the log instead."""

import logging
import smtplib
from dataclasses import dataclass, field
from email.message import EmailMessage

from flask import current_app

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    """A text part beside the message, e.g. an iCalendar invitation: `subtype` of text/…, and
    the content type's parameters (`{"method": "REQUEST"}`)."""

    filename: str
    content: str
    subtype: str
    params: dict = field(default_factory=dict)


def send_mail(
    to: str, subject: str, text: str, headers: dict | None = None, attachments=()
) -> EmailMessage:
    """`headers`: more header fields (List-Unsubscribe and List-Unsubscribe-Post, RFC 8058);
    `attachments`: text parts beside the message (an iCalendar invitation)."""
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MDMA_MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(text)
    for attachment in attachments:
        message.add_attachment(
            attachment.content,
            subtype=attachment.subtype,
            filename=attachment.filename,
            params=attachment.params,
        )
    if config["MDMA_MAIL_BACKEND"] == "log":
        log.warning("Mail to %s (no SMTP server configured):\n%s\n%s", to, subject, text)
        return message
    with smtplib.SMTP(config["MDMA_SMTP_HOST"], config["MDMA_SMTP_PORT"], timeout=10) as smtp:
        if config["MDMA_SMTP_STARTTLS"]:
            smtp.starttls()
        if config["MDMA_SMTP_USER"]:
            smtp.login(config["MDMA_SMTP_USER"], config["MDMA_SMTP_PASSWORD"])
        smtp.send_message(message)
    return message
