"""Outgoing mail over SMTP; the embedded default writes messages to the log instead."""

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app

log = logging.getLogger(__name__)


def send_mail(to: str, subject: str, text: str, headers: dict | None = None) -> EmailMessage:
    """`headers`: more header fields (List-Unsubscribe and List-Unsubscribe-Post, RFC 8058)."""
    config = current_app.config
    message = EmailMessage()
    message["From"] = config["MDMA_MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(text)
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
