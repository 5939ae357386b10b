"""The exceptions a service raises when a rule refuses a request; the edge answers for them."""

from flask_babel import lazy_gettext as _l


class RuleViolation(Exception):
    """A request that breaks a domain rule; `field` names the form field it belongs to."""

    def __init__(self, message, field: str | None = None, status: int = 400):
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.status = status


class AccessDenied(RuleViolation):
    """An actor refused on an object (or a capability): a 403 page or JSON error at the edge."""

    def __init__(self, message=None):
        super().__init__(message or _l("You are not allowed to do this."), status=403)


class Conflict(RuleViolation):
    """An edit made on an older version than the stored one: 409, on a page as in the API."""

    def __init__(self, message=None):
        super().__init__(message or _l("Someone else changed this in the meantime."), status=409)
