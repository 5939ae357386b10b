"""Flask-Login wiring: users from the session cookie, or from an API bearer token."""

from flask import request
from flask_babel import lazy_gettext as _l

from mdma.accounts import logins
from mdma.accounts.authentication import user_for_api_token
from mdma.extensions import db, login_manager


def init_login(app) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    # The session and remember cookies name a server-side log-in session, not the user.
    login_manager.id_attribute = "login_credential"


@login_manager.user_loader
def load_user(credential: str):
    """The cookies hold `<log-in session id>:<secret>`: log-out, "log out everywhere", a new
    password or deactivation remove the session, and with it every copy of the cookies."""
    return logins.user_for(credential)


@login_manager.request_loader
def load_user_from_token(req):
    """API only: `Authorization: Bearer <token>` acts with the token owner's permissions."""
    if not request.path.startswith("/api/"):
        return None
    scheme, _sep, secret = (req.headers.get("Authorization") or "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    user = user_for_api_token(secret.strip())
    if user is not None and db.session.dirty:
        db.session.commit()  # the token's last use, noted at the edge
    if user is not None:
        req.environ["mdma.api_token"] = True
    return user
