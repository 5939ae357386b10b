"""Where the floors above add to a bottleneck's page without bottlenecks importing them.

A higher floor (sessions: the agenda items and action points about a bottleneck; proposals:
the proposals that took it up) registers, once at import, what it adds:

    @hooks.timeline_source
    def entries(bottleneck) -> list: ...   # objects with at, target_label, actor, reason

    @hooks.link_source
    def links(actor, bottleneck) -> list[hooks.Link]: ...

    @hooks.panel
    def section(reader, bottleneck) -> str: ...   # the HTML of a section of its own, or ""

`timeline.of` merges the entries into the bottleneck's timeline; the bottleneck page shows
the links grouped under their `group` heading.
"""

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup


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


#: Sections of their own (the proposals that took the bottleneck up, with each level's state):
#: `panel(reader, bottleneck)` gives the HTML of its section, or "" when it has nothing to show.
_panels: list[Callable[[object, object], str]] = []


def panel(source: Callable[[object, object], str]) -> Callable[[object, object], str]:
    _panels.append(source)
    return source


def panels(reader, bottleneck) -> list[Markup]:
    """The sections, in the order registered, shown after the structural signal."""
    return [Markup(html) for source in _panels if (html := source(reader, bottleneck))]
