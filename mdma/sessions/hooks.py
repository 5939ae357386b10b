"""Where the floor above (proposals) adds to a session's page and agenda without sessions
importing it.

Proposals registers, once at import:

    @hooks.decision_action
    def actions(actor, decision) -> list[hooks.Action]: ...   # shown beside each decision

    hooks.item_kind(ItemKind.PROPOSAL, resolver)

A resolver makes an agenda item kind that points at an object of the floor above work:
`title(actor, meeting, subject_id)` checks that the planner may put it on this agenda (raises
`RuleViolation` otherwise) and gives the item's title; `attach(actor, item, subject_id)` links
the new item to it; `links(items)` gives each such item's address and the object's title as it
is now (an agenda shows a proposal renamed since it was put on it by its new name), for a whole
agenda at once.
Without a resolver the kind is refused.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Action:
    label: object
    url: str


@dataclass(frozen=True)
class Link:
    """Where an agenda item points, and what that object is called now."""

    url: str
    title: str


class ItemResolver(Protocol):
    def title(self, actor, meeting, subject_id: int | None) -> str: ...

    def attach(self, actor, item, subject_id: int) -> None: ...

    def links(self, items: list) -> dict[int, Link]: ...


_decision_actions: list[Callable] = []
_resolvers: dict[str, ItemResolver] = {}


def decision_action(source: Callable) -> Callable:
    _decision_actions.append(source)
    return source


def decision_actions(actor, decision) -> list[Action]:
    return [action for source in _decision_actions for action in source(actor, decision)]


def item_kind(kind: str, resolver: ItemResolver) -> ItemResolver:
    _resolvers[kind] = resolver
    return resolver


def resolver_for(kind: str) -> ItemResolver | None:
    return _resolvers.get(kind)


def item_links(items: list) -> dict[int, Link]:
    """The address and current title of each item that points at an object of a registered
    kind."""
    links: dict[int, Link] = {}
    for kind, resolver in _resolvers.items():
        if of_kind := [item for item in items if item.kind == kind]:
            links.update(resolver.links(of_kind))
    return links
