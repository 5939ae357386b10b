"""The threads' own vocabulary, added to the role table by `services` (`permissions.grant`)."""

from enum import StrEnum


class ThreadPermission(StrEnum):
    #: Hide a post with a reason and read the moderation log.
    MODERATE = "thread:moderate"
