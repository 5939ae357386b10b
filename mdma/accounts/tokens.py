"""Random secrets for links and API tokens; only their SHA-256 is stored."""

import hashlib
import secrets


def new_token(prefix: str = "") -> tuple[str, str]:
    """A fresh secret and the hash to store for it."""
    token = prefix + secrets.token_urlsafe(32)
    return token, digest(token)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
