"""The one lifecycle engine, for every domain: states and transitions as data, one step
history for any model, the one `move`, and "which steps may this actor take here".

A domain declares a `Lifecycle` in its `states.py` (its transitions, each owned by a
permission, with an optional object rule and whether it needs a reason) and gives its model
the `Stepped` mixin. Its verbs call `LIFECYCLE.move(actor, obj, target, reason)`; pages, the
API and buttons ask `LIFECYCLE.steps_for(actor, obj)`. The engine stands on the lowest floor,
so the permission check and the privacy guard are handed to it by the domain that declares it.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, declared_attr, foreign, mapped_column, relationship

from mdma.core.errors import AccessDenied, RuleViolation
from mdma.core.logbook import record
from mdma.core.time import utcnow
from mdma.extensions import db

#: (actor, obj) -> bool
Rule = Callable[[object, object], bool]


@dataclass(frozen=True)
class Transition:
    source: StrEnum
    target: StrEnum
    #: The capability that owns the step (a `permissions.Permission`); its object rules apply.
    permission: StrEnum
    #: The step needs a written reason (declined) or resolution (resolved).
    needs_reason: bool = False
    #: What the step is called on its button.
    label: object = ""
    #: An object rule of this step beyond its permission's, e.g. "only its writer submits".
    rule: Rule | None = None
    #: Taken on a page of its own (this endpoint, with the object's id), with more than a
    #: reason to fill in: a link there rather than a button.
    page: str | None = None


class Step(db.Model):
    """One step of any object's lifecycle: who, when, from where to where, and why."""

    __tablename__ = "lifecycle_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The object's table (`bottlenecks`, `proposal_followups`…) and id.
    subject_type: Mapped[str] = mapped_column(sa.String(40), nullable=False)
    subject_id: Mapped[int] = mapped_column(nullable=False)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)
    source: Mapped[str | None] = mapped_column(sa.String(20))
    target: Mapped[str] = mapped_column(sa.String(20), nullable=False)
    reason: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")

    actor = relationship("User", lazy="joined")

    __table_args__ = (sa.Index("ix_lifecycle_steps_subject", "subject_type", "subject_id", "at"),)

    @property
    def target_label(self):
        return _LIFECYCLES[self.subject_type].label(self.target)


class Stepped:
    """A model with a lifecycle: its `steps`, oldest first."""

    @declared_attr
    def steps(cls):
        return relationship(
            Step,
            primaryjoin=lambda: sa.and_(
                foreign(Step.subject_id) == cls.id, Step.subject_type == cls.__tablename__
            ),
            order_by=(Step.at, Step.id),
            viewonly=True,
            lazy="select",
        )


#: subject_type → its lifecycle, for labels and `lifecycle_of`.
_LIFECYCLES: dict[str, "Lifecycle"] = {}


def lifecycle_of(obj) -> "Lifecycle | None":
    return _LIFECYCLES.get(getattr(obj, "__tablename__", None))


class Lifecycle:
    def __init__(
        self,
        subject_type: str,
        states: type[StrEnum],
        transitions,
        *,
        authorize: Callable[[object, StrEnum, object], bool],
        labels: dict | None = None,
        attribute: str = "status",
        movable: Callable[[object], bool] | None = None,
        check_text: Callable | None = None,
    ):
        """`authorize(actor, permission, obj)` is the permission check with its object rules;
        `movable(obj)` says whether the object can move at all (a merged duplicate cannot);
        `check_text(actor, text, field=, confirmed=, subject=)` is the privacy guard for
        reasons."""
        self.subject_type = subject_type
        self.states = states
        self.transitions = tuple(transitions)
        self.labels = labels or {}
        self.attribute = attribute
        self._authorize = authorize
        self._movable = movable
        self._check_text = check_text
        self._effects: dict = defaultdict(list)
        self._index = {}
        for step in self.transitions:
            key = (step.source, step.target)
            if key in self._index:
                raise ValueError(f"duplicate transition {key}")
            self._index[key] = step
        _LIFECYCLES[subject_type] = self

    # --- The table ---------------------------------------------------------------------------

    def transition(self, source, target) -> Transition | None:
        return self._index.get((source, target))

    def next_steps(self, source) -> list[Transition]:
        return [step for step in self.transitions if step.source == source]

    def label(self, state):
        return self.labels.get(self.states(state), state)

    def state_of(self, obj) -> StrEnum:
        return self.states(getattr(obj, self.attribute))

    # --- Who may take which step -------------------------------------------------------------

    def may(self, actor, obj, step: Transition) -> bool:
        if self._movable is not None and not self._movable(obj):
            return False
        if not self._authorize(actor, step.permission, obj):
            return False
        return step.rule is None or step.rule(actor, obj)

    def steps_for(self, actor, obj, *, buttons: bool = False) -> list[Transition]:
        """The steps `actor` may take now; `buttons` leaves out those with a page of their own."""
        return [
            step
            for step in self.next_steps(self.state_of(obj))
            if not (buttons and step.page) and self.may(actor, obj, step)
        ]

    # --- Taking a step -----------------------------------------------------------------------

    def on_enter(self, *targets):
        """Register a side effect of entering these states (all states when none is named):
        `effect(actor, obj, step)`, run in the step's transaction after it is recorded."""

        def register(effect):
            for target in targets or (None,):
                self._effects[target].append(effect)
            return effect

        return register

    def move(
        self, actor, obj, target, reason: str = "", *, confirmed: bool = False, field="reason"
    ) -> Step:
        """Take one step: refused (nothing changes) when the table, the object's state, the
        actor's permission and object rules, or a missing reason say no. Records the step in
        the history and the logbook and runs the step's side effects. `field` names the
        reason's input (an outcome, a resolution) in refusals."""
        source = self.state_of(obj)
        step = self.transition(source, self.states(target))
        if step is None or (self._movable is not None and not self._movable(obj)):
            raise RuleViolation(
                _l("This step is not possible from the current status."), status=409
            )
        if not self.may(actor, obj, step):
            raise AccessDenied()
        reason = (reason or "").strip()
        if step.needs_reason and not reason:
            raise RuleViolation(_l("Write why: this step needs a reason."), field)
        if reason and self._check_text is not None:
            self._check_text(actor, reason, field=field, confirmed=confirmed, subject=obj)
        setattr(obj, self.attribute, step.target)
        recorded = self.record_step(actor, obj, source, step.target, reason)
        for effect in (*self._effects[None], *self._effects[step.target]):
            effect(actor, obj, step)
        return recorded

    def record_step(self, actor, obj, source, target, reason: str = "") -> Step:
        """Keep who took a step, when and why, in the history and the logbook. `move` calls it;
        a domain calls it alone only for a step outside the table (closing a merged duplicate)."""
        db.session.flush()
        step = Step(
            subject_type=self.subject_type,
            subject_id=obj.id,
            actor_id=getattr(actor, "id", None),
            source=source,
            target=target,
            reason=reason,
        )
        db.session.add(step)
        record(actor, f"{_singular(self.subject_type)}:{target}", obj, source=source)
        return step

    def history(self, obj) -> list[Step]:
        """The object's steps, oldest first, with their actors, in one query."""
        return list(
            db.session.scalars(
                sa.select(Step)
                .where(Step.subject_type == self.subject_type, Step.subject_id == obj.id)
                .order_by(Step.at, Step.id)
            )
        )


def _singular(table: str) -> str:
    """`bottlenecks` → `bottleneck`: the logbook names actions `subject:verb`."""
    return table[:-1] if table.endswith("s") else table
