"""The shape of a volume of demo bottlenecks before it becomes rows: status, the steps that led
there and when, life domains, reporter, how many occurrences, which were merged."""

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from mdma.bottlenecks.states import Status
from mdma.cli.demo import texts

S = Status
#: Share of each status, in percent: mostly waiting or in discussion, some finished.
STATUS_SHARES = {
    S.DRAFT: 3, S.SUBMITTED: 13, S.TRIAGED: 14, S.IN_DISCUSSION: 30, S.SCHEDULED: 4,
    S.IN_PROPOSAL: 5, S.RESOLVED: 13, S.DECLINED: 6, S.CLOSED: 12,
}  # fmt: skip
#: The ways into each status, from draft; every step is a transition of the lifecycle.
PATHS = {
    S.DRAFT: [[]],
    S.SUBMITTED: [[S.SUBMITTED]],
    S.TRIAGED: [[S.SUBMITTED, S.TRIAGED]],
    S.IN_DISCUSSION: [[S.SUBMITTED, S.TRIAGED, S.IN_DISCUSSION]],
    S.SCHEDULED: [
        [S.SUBMITTED, S.TRIAGED, S.IN_DISCUSSION, S.SCHEDULED],
        [S.SUBMITTED, S.TRIAGED, S.SCHEDULED],
    ],
    S.IN_PROPOSAL: [
        [S.SUBMITTED, S.TRIAGED, S.IN_DISCUSSION, S.IN_PROPOSAL],
        [S.SUBMITTED, S.TRIAGED, S.IN_DISCUSSION, S.SCHEDULED, S.IN_PROPOSAL],
    ],
    S.RESOLVED: [
        [S.SUBMITTED, S.TRIAGED, S.IN_DISCUSSION, S.RESOLVED],
        [S.SUBMITTED, S.TRIAGED, S.IN_DISCUSSION, S.SCHEDULED, S.RESOLVED],
    ],
    S.DECLINED: [[S.SUBMITTED, S.DECLINED], [S.SUBMITTED, S.TRIAGED, S.DECLINED]],
    S.CLOSED: [
        [S.SUBMITTED, S.TRIAGED, S.IN_DISCUSSION, S.RESOLVED, S.CLOSED],
        [S.SUBMITTED, S.DECLINED, S.CLOSED],
        [S.SUBMITTED, S.TRIAGED, S.IN_DISCUSSION, S.IN_PROPOSAL, S.CLOSED],
    ],
}
#: At most this many days since submission, per status: waiting ones are recent.
AGE_DAYS = {S.DRAFT: 60, S.SUBMITTED: 21, S.TRIAGED: 45}
YEARS = 3
#: Of the open bottlenecks, about this share turns out to be a duplicate and is merged.
MERGED_SHARE = 0.02
OCCURRENCES_PER_BOTTLENECK = 5


@dataclass(slots=True)
class Plan:
    """One bottleneck before it becomes rows."""

    id: int
    status: Status
    #: The statuses it went through after draft; the last one is `status`.
    path: list
    domains: list
    reporter: int
    #: When the draft was started; submission follows within a day or two.
    created: datetime
    submitted: datetime | None
    #: When each step of `path` was taken.
    step_times: list = field(default_factory=list)
    weight: float = 0.0
    occurrences: int = 0
    merged_into: "Plan | None" = None
    duplicates: list = field(default_factory=list)

    @property
    def routed(self) -> bool:
        return S.TRIAGED in self.path

    def time_of(self, status: Status) -> datetime | None:
        return next(
            (t for s, t in zip(self.path, self.step_times, strict=True) if s == status), None
        )


def plan(rng: random.Random, count: int, first_id: int, reporters, weights, now) -> list[Plan]:
    """`count` bottlenecks with `OCCURRENCES_PER_BOTTLENECK` × `count` occurrences in all."""
    statuses = rng.choices(list(STATUS_SHARES), list(STATUS_SHARES.values()), k=count)
    ages = [rng.uniform(0.5, AGE_DAYS.get(status, 365 * YEARS)) for status in statuses]
    # Oldest first, so ids grow with time as they do on a real platform.
    ordered = sorted(zip(ages, statuses, strict=True), key=lambda pair: -pair[0])
    domains = list(texts.PROBLEMS)
    plans = []
    for n, (age, status) in enumerate(ordered):
        primary = rng.choice(domains)
        extra = rng.sample(domains, rng.choice([0, 0, 0, 1, 1, 2]))
        plan = Plan(
            id=first_id + n,
            status=status,
            path=list(rng.choice(PATHS[status])),
            domains=[primary] + sorted(set(extra) - {primary}),
            reporter=rng.choices(reporters, weights)[0],
            created=now - timedelta(days=age + rng.uniform(0, 2)),
            submitted=now - timedelta(days=age),
        )
        _time_steps(rng, plan, now)
        if status != S.DRAFT:
            # Heavy tail: most bottlenecks have a few occurrences, some a few hundred; young
            # ones had less time to gather them.
            plan.weight = min(rng.paretovariate(1.5), 60.0) * min(1.0, 0.1 + age / 180)
        plans.append(plan)
    _merge_some(rng, plans, now)
    _allocate_occurrences(rng, plans, count * OCCURRENCES_PER_BOTTLENECK)
    return plans


def _time_steps(rng, plan: Plan, now) -> None:
    """Submission first, then each step a few days after the previous, none in the future."""
    if not plan.path:
        plan.submitted = None
        return
    gaps = [0.0] + [rng.uniform(0.2, 25) for _ in plan.path[1:]]
    room = (now - plan.submitted).total_seconds() / 86400 - 0.1
    scale = min(1.0, room / sum(gaps)) if sum(gaps) else 1.0
    moment = plan.submitted
    for gap in gaps:
        moment += timedelta(days=gap * scale)
        plan.step_times.append(moment)


def _merge_some(rng, plans: list[Plan], now) -> None:
    """A few submitted or discussed ones are duplicates of an earlier routed one."""
    open_so_far: list[Plan] = []
    for plan in plans:
        duplicate = plan.status in (S.SUBMITTED, S.IN_DISCUSSION) and open_so_far
        if duplicate and rng.random() < MERGED_SHARE:
            keep = rng.choice(open_so_far)
            plan.merged_into = keep
            keep.duplicates.append(plan)
            plan.status = S.CLOSED
            plan.path.append(S.CLOSED)
            last = plan.step_times[-1]
            plan.step_times.append(last + (now - last) / 2)
            continue
        if plan.status in (S.TRIAGED, S.IN_DISCUSSION):
            open_so_far.append(plan)


def _allocate_occurrences(rng, plans: list[Plan], total: int) -> None:
    """Exactly `total`; a duplicate's occurrences (and its own report, as one more) move to the
    bottleneck it was merged into, as `services.merge` does."""
    merged = [p for p in plans if p.merged_into]
    eligible = [p for p in plans if p.weight > 0]
    if not eligible:
        return
    picks = rng.choices(range(len(eligible)), [p.weight for p in eligible], k=total - len(merged))
    for index in picks:
        eligible[index].occurrences += 1
    for plan in merged:
        plan.merged_into.occurrences += plan.occurrences + 1
        plan.occurrences = 0
