"""The one exception a service raises when a rule of the domain refuses a request."""


class RuleViolation(Exception):
    """A request that breaks a domain rule; `field` names the form field it belongs to."""

    def __init__(self, message, field: str | None = None, status: int = 400):
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.status = status
