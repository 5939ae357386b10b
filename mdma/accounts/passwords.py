"""Password hashing (argon2id) and the minimum password policy."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

# The most used passwords that pass a length rule; refused whatever their length.
_COMMON = {
    "wachtwoord123",
    "wachtwoord1234",
    "password1234",
    "azertyuiop123",
    "qwertyuiop123",
    "123456789012",
    "welkom123456",
    "kortrijk1234",
    "motdepasse123",
}


def _hasher() -> PasswordHasher:
    config = current_app.config
    return PasswordHasher(
        time_cost=config["MDMA_ARGON2_TIME_COST"], memory_cost=config["MDMA_ARGON2_MEMORY_COST"]
    )


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        return False
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_problems(password: str, email: str = "", name: str = "") -> list[str]:
    """What is wrong with a new password, in the user's language; empty when it is acceptable."""
    minimum = current_app.config["MDMA_PASSWORD_MIN_LENGTH"]
    problems = []
    if len(password) < minimum:
        problems.append(
            ngettext("Use at least %(num)d character.", "Use at least %(num)d characters.", minimum)
        )
    if len(set(password)) < 5:
        problems.append(_("Use more different characters."))
    lowered = password.lower()
    if lowered in _COMMON:
        problems.append(_("This password is too common."))
    local = email.split("@")[0].lower()
    if (local and len(local) >= 4 and local in lowered) or (
        name and name.lower().replace(" ", "") in lowered.replace(" ", "")
    ):
        problems.append(_("Do not use your name or e-mail address in your password."))
    return problems


def password_hint() -> str:
    """The help text under new-password fields, with the configured minimum length."""
    return ngettext(
        "At least %(num)d character; a sentence of a few words works well.",
        "At least %(num)d characters; a sentence of a few words works well.",
        current_app.config["MDMA_PASSWORD_MIN_LENGTH"],
    )
