"""The one lifecycle engine: states and allowed transitions as data, for every domain.

A domain's `states.py` declares a `Lifecycle`; its service asks `lifecycle.transition_for(...)`
and records the step. Routes, API and buttons read the same table to know what is possible.
"""

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True)
class Transition:
    source: StrEnum
    target: StrEnum
    #: The capability that owns the step (a `permissions.Permission`).
    permission: StrEnum
    #: The step needs a written reason (declined) or resolution (resolved).
    needs_reason: bool = False
    #: What the step is called on its button.
    label: object = ""


@dataclass(frozen=True)
class Lifecycle:
    states: type[StrEnum]
    transitions: tuple[Transition, ...]
    #: Object rules beyond the capability, e.g. "only the routed sector's owners" (name → check).
    _index: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        for step in self.transitions:
            key = (step.source, step.target)
            if key in self._index:
                raise ValueError(f"duplicate transition {key}")
            self._index[key] = step

    def transition(self, source, target) -> Transition | None:
        return self._index.get((source, target))

    def next_steps(self, source) -> list[Transition]:
        return [step for step in self.transitions if step.source == source]
