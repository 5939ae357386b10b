"""One-click unsubscribe without logging in (RFC 8058): a signed token names the user and the
kind of notification (or "*": every digest); the link in the mail and the List-Unsubscribe
headers carry it. A forged or altered token is refused."""

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

#: The token of a digest: unsubscribing from it stops every daily digest mail.
DIGEST = "*"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="mdma-unsubscribe")


def token(user, kind: str) -> str:
    return _serializer().dumps([user.id, kind])


def read(value: str) -> tuple[int, str] | None:
    """(user id, kind) of a genuine token, or None."""
    try:
        user_id, kind = _serializer().loads(value)
    except (BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or not isinstance(kind, str):
        return None
    return user_id, kind


def link(user, kind: str) -> str:
    base = current_app.config["MDMA_BASE_URL"]
    return f"{base}/notifications/unsubscribe/{token(user, kind)}"


def headers(user, kind: str) -> dict:
    return {
        "List-Unsubscribe": f"<{link(user, kind)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
