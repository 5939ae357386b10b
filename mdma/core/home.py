"""The home page's blocks: each domain adds what its people find waiting there.

A block is counted in the database and shows its first few rows with a link to the full list;
a provider (`actor` → blocks) is registered by the domain that owns the work, so the page on
a low floor (accounts) shows the work of the floors above it without importing them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

#: Rows a block shows; the link leads to the rest.
ROWS = 5


@dataclass
class Block:
    #: A stable name: the block's id on the page, and what tests look for.
    key: str
    title: object
    count: int
    #: Its first rows (at most ROWS), in the shape its `template` expects.
    rows: list = field(default_factory=list)
    #: The full list, and what the link says.
    more_url: str | None = None
    more_label: object = None
    #: Said when there is nothing to show.
    empty: object = None
    #: The partial under `templates/home/` that shows the rows.
    template: str = "home/_bottlenecks.html"


@dataclass
class Visit:
    """Who is looking and since when things count as new to them."""

    actor: object
    since: datetime


Provider = Callable[[Visit], list[Block]]
_providers: list[tuple[int, Provider]] = []


def provides(order: int) -> Callable[[Provider], Provider]:
    """Register a provider; blocks appear by `order`, then in the provider's own order."""

    def register(provider: Provider) -> Provider:
        _providers.append((order, provider))
        _providers.sort(key=lambda pair: pair[0])
        return provider

    return register


def blocks_for(visit: Visit) -> list[Block]:
    return [block for _order, provider in _providers for block in provider(visit)]


def per_label(counts: dict, labels: dict, link: Callable) -> list[tuple]:
    """Rows of a block of counts: (label, count, link) in the order of `labels`, for the keys
    counted at least once."""
    return [(label, counts[key], link(key)) for key, label in labels.items() if counts.get(key)]
