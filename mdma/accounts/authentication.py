"""Signing in with a password (throttled), password reset links, personal access tokens."""

import math
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer

from mdma.accounts import logins, throttle
from mdma.accounts.models import ApiToken, User
from mdma.accounts.passwords import hash_password, verify_password
from mdma.accounts.services import check_new_password, user_by_email
from mdma.accounts.tokens import digest, new_token
from mdma.core.after_commit import after_commit
from mdma.core.errors import RuleViolation
from mdma.core.logbook import record
from mdma.core.mail import send_mail
from mdma.core.time import utcnow
from mdma.extensions import db
from mdma.permissions import Permission, require

TOKEN_PREFIX = "mdma_"


def wait_message(seconds: int) -> str:
    if seconds < 60:
        return ngettext(
            "Too many failed attempts for this account. Try again in %(num)d second.",
            "Too many failed attempts for this account. Try again in %(num)d seconds.",
            seconds,
        )
    minutes = math.ceil(seconds / 60)
    return ngettext(
        "Too many failed attempts. Try again in %(num)d minute.",
        "Too many failed attempts. Try again in %(num)d minutes.",
        minutes,
    )


def authenticate(email: str, password: str, address: str | None) -> User:
    """The user for these credentials, or RuleViolation; failures are counted and throttled
    (`throttle`): an account waiting or locked is refused before its password is checked.

    The failure rows are written by the caller's commit even when sign-in fails.
    """
    wait = throttle.seconds_to_wait(email)
    if wait:
        raise RuleViolation(wait_message(wait), status=429)
    user = user_by_email(email)
    if user is None or not verify_password(user.password_hash, password):
        busy = throttle.note_failure(email, address)
        record(user, "user:login_failed")
        wait = throttle.seconds_to_wait(email)
        if busy:
            minutes = math.ceil(wait / 60)
            raise RuleViolation(
                ngettext(
                    "The e-mail address or password is not correct. Many failed log-ins come from your network, so this account is locked for %(num)d minute.",
                    "The e-mail address or password is not correct. Many failed log-ins come from your network, so this account is locked for %(num)d minutes.",
                    minutes,
                ),
                status=429,
            )
        if wait:
            raise RuleViolation(wait_message(wait), status=429)
        raise RuleViolation(_("The e-mail address or password is not correct."))
    if not user.active:
        raise RuleViolation(_("This account has been deactivated."))
    throttle.clear(email)
    user.last_login_at = utcnow()
    record(user, "user:logged_in")
    return user


# --- Password reset ------------------------------------------------------------------------


def _reset_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def request_password_reset(email: str) -> None:
    """Mail a reset link when the account exists; say the same thing either way."""
    user = user_by_email(email)
    if user is None or not user.active:
        return
    token = _reset_serializer().dumps({"u": user.id, "v": user.session_version})
    link = f"{current_app.config['MDMA_BASE_URL']}/account/reset/{token}"
    with force_locale(user.language):
        subject = _("Choose a new password for the MDMA platform")
        text = render_template(
            "mail/password_reset.txt",
            user=user,
            link=link,
            minutes=current_app.config["MDMA_RESET_MINUTES"],
        )
    record(user, "user:password_reset_requested", user)
    after_commit(lambda: send_mail(user.email, subject, text))


def user_for_reset_token(token: str) -> User | None:
    """The user a reset link is for, while it is fresh and unused (a reset bumps the version)."""
    try:
        data = _reset_serializer().loads(
            token, max_age=current_app.config["MDMA_RESET_MINUTES"] * 60
        )
    except BadSignature:
        return None
    user = db.session.get(User, data.get("u"))
    if user is None or not user.active or user.session_version != data.get("v"):
        return None
    return user


def reset_password(user: User, password: str) -> None:
    check_new_password(password, user.email, user.name)
    user.password_hash = hash_password(password)
    user.session_version += 1
    logins.end_all(user)
    throttle.clear(user.email)  # a locked account is unlocked by its owner's new password
    record(user, "user:password_reset", user)


# --- Personal access tokens ----------------------------------------------------------------


def create_api_token(actor, name: str, days: int | None) -> tuple[ApiToken, str]:
    """A token with the owner's permissions; the secret is returned once and never stored."""
    secret, token_hash = new_token(TOKEN_PREFIX)
    token = ApiToken(
        user_id=actor.id,
        name=name.strip(),
        prefix=secret[: len(TOKEN_PREFIX) + 4],
        token_hash=token_hash,
        expires_at=utcnow() + timedelta(days=days) if days else None,
    )
    db.session.add(token)
    db.session.flush()
    record(actor, "api_token:created", token)
    return token, secret


def revoke_api_token(actor, token: ApiToken) -> None:
    require(actor, Permission.PROFILE_MANAGE, token)
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        record(actor, "api_token:revoked", token)


def user_for_api_token(secret: str) -> User | None:
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == digest(secret)))
    if token is None or token.revoked_at is not None:
        return None
    now = utcnow()
    if token.expires_at is not None and token.expires_at < now:
        return None
    if token.user is None or not token.user.active:
        return None
    # Note the use at most once a minute, so reads do not each write a row.
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        token.last_used_at = now
    return token.user
