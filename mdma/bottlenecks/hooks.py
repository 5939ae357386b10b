"""Where the floors above add to a bottleneck's page without bottlenecks importing them.

A higher floor (sessions: the agenda items and action points about a bottleneck; proposals
later) registers, once at import, a source of timeline entries and a source of links:

    @hooks.timeline_source
    def entries(bottleneck) -> list: ...   # objects with at, target_label, actor, reason

    @hooks.link_source
    def links(actor, bottleneck) -> list[hooks.Link]: ...

`queries.timeline` merges the entries into the bottleneck's timeline; the bottleneck page shows
the links grouped under their `group` heading.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    #: The heading the link is shown under ("Sessions").
    group: object
    label: str
    url: str
    #: A short fact beside it (a date).
    note: str = ""


_timeline_sources: list[Callable] = []
_link_sources: list[Callable] = []


def timeline_source(source: Callable) -> Callable:
    _timeline_sources.append(source)
    return source


def link_source(source: Callable) -> Callable:
    _link_sources.append(source)
    return source


def timeline_entries(bottleneck) -> list:
    return [entry for source in _timeline_sources for entry in source(bottleneck)]


def links(actor, bottleneck) -> list[Link]:
    return [link for source in _link_sources for link in source(actor, bottleneck)]
