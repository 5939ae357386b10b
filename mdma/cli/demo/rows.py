"""Planned demo bottlenecks as table rows: the bottleneck and its thread, links, steps,
occurrences, posts and followers, each as the services would have left them."""

import functools
from dataclasses import dataclass
from datetime import datetime, timedelta

from mdma.bottlenecks.links import (
    bottleneck_followers,
    bottleneck_organisations,
    bottleneck_owners,
    bottleneck_sectors,
)
from mdma.bottlenecks.models import (
    CHILDREN_BANDS,
    YOUNGEST_AGE_BANDS,
    Bottleneck,
    HouseholdType,
    Level,
    Occurrence,
)
from mdma.bottlenecks.states import Status
from mdma.cli.demo import texts
from mdma.cli.demo.plan import Plan
from mdma.core.lifecycle import Step
from mdma.core.markdown import to_html
from mdma.core.workdays import add_working_days
from mdma.threads.models import Post, Thread

S = Status
LEVELS = [Level.OPERATIONAL] * 9 + [Level.ORGANISATIONAL] * 5 + [Level.INTERSECTORAL] * 4
LEVELS += [Level.STRUCTURAL] * 2
#: Steps the coordinator takes; the others are the reporter's or a policy owner's.
COORDINATOR_STEPS = {S.TRIAGED, S.DECLINED, S.SCHEDULED, S.IN_PROPOSAL, S.CLOSED}
TABLES = [
    Thread.__table__,
    Bottleneck.__table__,
    bottleneck_sectors,
    bottleneck_organisations,
    bottleneck_owners,
    Step.__table__,
    Occurrence.__table__,
    Post.__table__,
    bottleneck_followers,
]


@dataclass
class People:
    front_line: list[int]
    front_line_weights: list[float]
    owners_by_sector: dict[str, list[int]]
    coordinator: int
    sector_ids: dict[str, int]
    organisations_by_sector: dict[str, list[int]]
    answer_working_days: int


def rows(rng, plans: list[Plan], thread_offset: int, people: People, now: datetime) -> dict:
    """Rows per table, in an order the foreign keys accept."""
    out = {table: [] for table in TABLES}
    for plan in plans:
        thread_id = plan.id + thread_offset
        out[Thread.__table__].append(
            {
                "id": thread_id,
                "subject_type": Bottleneck.__tablename__,
                "subject_id": plan.id,
                "created_at": plan.created,
            }
        )
        sectors = _sectors(rng, plan)
        owners = _owners(rng, plan, sectors, people)
        answerer = owners[0] if owners else _answerer(rng, sectors, people)
        out[Bottleneck.__table__].append(_bottleneck(rng, plan, thread_id, people))
        # In discussion means answered: each routed sector's answer came with the first post.
        answered = plan.time_of(S.IN_DISCUSSION) if plan.routed else None
        out[bottleneck_sectors] += [
            {
                "bottleneck_id": plan.id,
                "sector_id": people.sector_ids[code],
                "answered_at": answered,
            }
            for code in sectors
        ]
        out[bottleneck_organisations] += _organisations(rng, plan, sectors, people)
        out[bottleneck_owners] += [{"bottleneck_id": plan.id, "user_id": u} for u in owners]
        out[Step.__table__] += _steps(rng, plan, answerer, people)
        occurrences = _occurrences(rng, plan, people, now)
        posts = _posts(rng, plan, thread_id, answerer, people, now)
        if posts and answered and sectors:
            posts[0]["answer_sector_id"] = people.sector_ids[sectors[0]]
        out[Occurrence.__table__] += occurrences
        out[Post.__table__] += posts
        if plan.status != S.DRAFT:
            followers = {plan.reporter} | {o["reporter_id"] for o in occurrences}
            followers |= {p["author_id"] for p in posts}
            out[bottleneck_followers] += [
                {"bottleneck_id": plan.id, "user_id": u} for u in sorted(followers)
            ]
    return out


def _household(rng) -> dict:
    return {
        "household_type": rng.choice([None, *HouseholdType]),
        "children_band": rng.choice([None, *CHILDREN_BANDS]),
        "youngest_age_band": rng.choice([None, *YOUNGEST_AGE_BANDS]),
    }


def _text(rng, plan: Plan) -> tuple[str, str]:
    primary = plan.domains[0]
    title = f"{rng.choice(texts.PROBLEMS[primary])} {rng.choice(texts.CONTEXTS)}".strip()
    sentences = [rng.choice(texts.DETAILS[primary])]
    if rng.random() < 0.4:
        sentences.append(rng.choice(texts.DETAILS[rng.choice(plan.domains)]))
    sentences.append(rng.choice(texts.CONSEQUENCES))
    sentences.append(rng.choice(texts.ASKS))
    return title, " ".join(s for s in dict.fromkeys(sentences) if s)


def _bottleneck(rng, plan: Plan, thread_id: int, people: People) -> dict:
    title, description = _text(rng, plan)
    triaged = plan.time_of(S.TRIAGED)
    answer_due = add_working_days(triaged.date(), people.answer_working_days) if triaged else None
    tags = sorted({t for d in plan.domains for t in texts.TAGS[d] if rng.random() < 0.3})
    return {
        "id": plan.id,
        "title": title,
        "description": description,
        "status": plan.status.value,
        "level": rng.choice(LEVELS).value if plan.routed else Level.OPERATIONAL.value,
        "families_count": rng.choice([1, 1, 1, 1, 1, 1, 2, 2, 3, 5]),
        "domains": ",".join(sorted(plan.domains)),
        "occurrence_count": plan.occurrences,
        "tags": tags if plan.routed else [],
        "reporter_id": plan.reporter,
        "submitted_at": plan.submitted,
        "triaged_at": triaged,
        "answer_due_on": answer_due,
        "first_answer_at": plan.time_of(S.IN_DISCUSSION),
        "closed_at": plan.time_of(S.CLOSED) if plan.status == S.CLOSED else None,
        "merged_into_id": plan.merged_into.id if plan.merged_into else None,
        "thread_id": thread_id,
        "version": 1,
        "created_at": plan.created,
        "updated_at": plan.step_times[-1] if plan.step_times else plan.created,
        **_household(rng),
    }


def _sectors(rng, plan: Plan) -> list[str]:
    """Routed: the sectors of its domains. Not routed: sometimes the reporter's suggestion."""
    codes = [texts.SECTOR_OF_DOMAIN[d] for d in plan.domains]
    if plan.routed:
        return sorted(set(codes[:1] + [c for c in codes[1:] if rng.random() < 0.6]))
    return codes[:1] if plan.status != S.DRAFT and rng.random() < 0.4 else []


def _owners(rng, plan: Plan, sectors: list[str], people: People) -> list[int]:
    if not plan.routed or rng.random() > 0.15:
        return []
    candidates = people.owners_by_sector.get(sectors[0]) or []
    return [rng.choice(candidates)] if candidates else []


def _answerer(rng, sectors: list[str], people: People) -> int:
    candidates = [u for code in sectors for u in people.owners_by_sector.get(code, [])]
    return rng.choice(candidates) if candidates else people.coordinator


def _organisations(rng, plan: Plan, sectors: list[str], people: People) -> list[dict]:
    codes = sectors or [texts.SECTOR_OF_DOMAIN[plan.domains[0]]]
    candidates = sorted({o for code in codes for o in people.organisations_by_sector[code]})
    chosen = rng.sample(candidates, min(len(candidates), rng.choice([0, 1, 1, 2])))
    return [{"bottleneck_id": plan.id, "organisation_id": o} for o in sorted(chosen)]


def _steps(rng, plan: Plan, answerer: int, people: People) -> list[dict]:
    steps, source = [], S.DRAFT
    for target, at in zip(plan.path, plan.step_times, strict=True):
        reason = ""
        if target == S.SUBMITTED:
            actor = plan.reporter
        elif target in COORDINATOR_STEPS or source == S.SCHEDULED:
            actor = people.coordinator
        else:
            actor = answerer
        if target == S.DECLINED:
            reason = rng.choice(texts.DECLINE_REASONS)
        elif target == S.RESOLVED:
            reason = rng.choice(texts.RESOLVE_REASONS)
        elif target == S.CLOSED and plan.merged_into:
            reason = "Samengevoegd met een knelpunt dat dezelfde situatie beschrijft."
        steps.append(
            {
                "subject_type": "bottlenecks",
                "subject_id": plan.id,
                "actor_id": actor,
                "at": at,
                "source": source.value,
                "target": target.value,
                "reason": reason,
            }
        )
        source = target
    return steps


def _occurrences(rng, plan: Plan, people: People, now: datetime) -> list[dict]:
    if not plan.occurrences:
        return []
    start = plan.submitted
    end = plan.time_of(S.CLOSED) or now
    span = max((end - start).total_seconds(), 1.0)
    reporters = rng.choices(people.front_line, people.front_line_weights, k=plan.occurrences)
    rows = []
    for reporter in reporters:
        added = start + timedelta(seconds=rng.uniform(0, span))
        rows.append(_occurrence(rng, plan, reporter, added))
    # A merged duplicate's own report is one of the occurrences, as `services.merge` adds it.
    for duplicate, row in zip(plan.duplicates, rows, strict=False):
        row.update(reporter_id=duplicate.reporter, domains=",".join(sorted(duplicate.domains)))
        row.update(occurred_on=duplicate.submitted.date(), created_at=duplicate.submitted)
    return rows


def _occurrence(rng, plan: Plan, reporter: int, added: datetime) -> dict:
    domains = plan.domains[:1] + [d for d in plan.domains[1:] if rng.random() < 0.5]
    return {
        "bottleneck_id": plan.id,
        "reporter_id": reporter,
        "occurred_on": (added - timedelta(days=rng.choice([0, 0, 1, 3, 7]))).date(),
        "domains": ",".join(sorted(domains)),
        "note": rng.choice(texts.NOTES) if rng.random() < 0.08 else "",
        "created_at": added,
        **_household(rng),
    }


@functools.cache
def _html(body: str) -> str:
    """The demo's posts come from a short list of texts: each is rendered once."""
    return to_html(body)


def _posts(rng, plan: Plan, thread_id: int, answerer: int, people, now) -> list[dict]:
    """The routed sector's first answer opens the discussion; a few follow-ups after it."""
    if plan.status == S.DRAFT or plan.merged_into:
        return []
    answered = plan.time_of(S.IN_DISCUSSION)
    end = plan.time_of(S.CLOSED) or now
    posts = []
    if answered:
        posts.append((answerer, rng.choice(texts.ANSWERS), answered))
    begin = answered or plan.submitted
    for _ in range(rng.choice([0, 0, 1, 2]) if answered else rng.choice([0, 0, 0, 1])):
        begin += (end - begin) * rng.uniform(0.05, 0.5)
        if answered and rng.random() < 0.4:
            posts.append((answerer, rng.choice(texts.ANSWERS), begin))
        else:
            author = rng.choices(people.front_line, people.front_line_weights)[0]
            posts.append((author, rng.choice(texts.FOLLOW_UPS), begin))
    return [
        {
            "thread_id": thread_id,
            "author_id": author,
            "body": body,
            "body_html": _html(body),
            "answer_sector_id": None,
            "version": 1,
            "created_at": at,
            "updated_at": at,
        }
        for author, body, at in posts
    ]
