"""Every stored free text, field by field: the registry `mdma privacy rescan` walks.

The guard is a low floor and knows no domain; each domain adds its own fields where it defines
its models, in one line: `stored_text("bottleneck.title", Bottleneck, "title", link, label)`.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class StoredText:
    #: The registry's key, kept with every finding: "<model>.<column>".
    name: str
    model: type
    column: str
    #: The page where the text is shown, from the object that holds it (None: not shown).
    link: Callable[[object], str | None]
    label: object

    @property
    def attribute(self):
        return getattr(self.model, self.column)


FIELDS: dict[str, StoredText] = {}


def stored_text(name: str, model: type, column: str, link, label) -> StoredText:
    """Add a column of free text to what the re-scan reads; a second call replaces the first."""
    FIELDS[name] = StoredText(name, model, column, link, label)
    return FIELDS[name]
