"""The bottleneck verbs of writing, actor first: draft, submit, add an occurrence, merge, post,
follow. Routing and the other lifecycle steps are in `routing`.

Each checks the capability and the object rule, runs the privacy guard on the free text it
stores, records the step and the logbook, and flushes; the request commits.
"""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _

from mdma.bottlenecks import notices, routing
from mdma.bottlenecks.models import (
    CHILDREN_BANDS,
    YOUNGEST_AGE_BANDS,
    Bottleneck,
    HouseholdType,
    Level,
    Occurrence,
)
from mdma.bottlenecks.routing import require_level
from mdma.bottlenecks.signals import feedback
from mdma.bottlenecks.signals import services as signals
from mdma.bottlenecks.states import LIFECYCLE, Status, is_open, is_reporter
from mdma.core.errors import AccessDenied, Conflict, RuleViolation
from mdma.core.logbook import record
from mdma.core.time import utcnow
from mdma.directory.models import LifeDomain, Organisation, Sector
from mdma.extensions import db
from mdma.permissions import Permission, allowed, require
from mdma.privacy import guard
from mdma.threads import registry
from mdma.threads import services as threads
from mdma.threads.models import Post


@dataclass
class Household:
    """Household context from fixed lists only; each part may stay unknown."""

    household_type: str | None = None
    children_band: str | None = None
    youngest_age_band: str | None = None


@dataclass
class Report:
    """What a case manager or social worker writes about a bottleneck."""

    title: str
    description: str
    domains: list[str] = field(default_factory=list)
    sectors: list[Sector] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    level: str = Level.OPERATIONAL
    families_count: int = 1
    household: Household = field(default_factory=Household)


def _domains(values) -> str:
    valid = {d.value for d in LifeDomain}
    unknown = set(values) - valid
    if unknown:
        raise RuleViolation(_("Choose life domains from the list."), "domains")
    return ",".join(sorted(set(values)))


def _household(target, household: Household) -> None:
    checks = [
        ("household_type", household.household_type, {h.value for h in HouseholdType}),
        ("children_band", household.children_band, set(CHILDREN_BANDS)),
        ("youngest_age_band", household.youngest_age_band, set(YOUNGEST_AGE_BANDS)),
    ]
    for name, value, choices in checks:
        if value not in choices | {None, ""}:
            raise RuleViolation(_("Choose from the list."), name)
        setattr(target, name, value or None)


def can_read(actor, bottleneck: Bottleneck) -> bool:
    """Everyone on the platform reads submitted bottlenecks; a draft is its writer's alone."""
    return allowed(actor, Permission.BOTTLENECK_READ, bottleneck)


def require_version(bottleneck: Bottleneck, version: int | None) -> None:
    """An edit made on an older version than the stored one is refused, not overwritten."""
    if version is not None and version != bottleneck.version:
        raise Conflict()


def follow(actor, bottleneck: Bottleneck) -> None:
    if actor not in bottleneck.followers:
        bottleneck.followers.append(actor)


def unfollow(actor, bottleneck: Bottleneck) -> None:
    if actor in bottleneck.followers:
        bottleneck.followers.remove(actor)


# --- Writing ---------------------------------------------------------------------------------


def save_draft(
    actor,
    report: Report,
    bottleneck: Bottleneck | None = None,
    *,
    submit: bool = False,
    version: int | None = None,
    confirmed: bool = False,
) -> Bottleneck:
    """Create or edit a draft, and submit it when asked: the one way pages, API and demo write.
    Drafts are stored text too: the guard runs on them as well. An edit made on an older
    `version` is refused (409)."""
    require(actor, Permission.BOTTLENECK_REPORT)
    if bottleneck is not None:
        if bottleneck.status != Status.DRAFT or not is_reporter(actor, bottleneck):
            raise AccessDenied(_("Only its writer can edit a draft."))
        require_version(bottleneck, version)
    title = report.title.strip()
    if not title:
        raise RuleViolation(_("This field is required."), "title")
    require_level(report.level, bottleneck)
    if report.families_count < 1:
        raise RuleViolation(_("At least one family."), "families_count")
    guard.check(actor, title, field="title", confirmed=confirmed, subject=bottleneck)
    guard.check(
        actor, report.description, field="description", confirmed=confirmed, subject=bottleneck
    )
    domains = _domains(report.domains)
    created = bottleneck is None
    if created:
        bottleneck = Bottleneck(reporter_id=actor.id, status=Status.DRAFT)
        db.session.add(bottleneck)
    bottleneck.title = title
    bottleneck.description = report.description.strip()
    bottleneck.domains = domains
    bottleneck.sectors = list(report.sectors)
    bottleneck.organisations = list(report.organisations)
    bottleneck.level = report.level
    bottleneck.families_count = report.families_count
    _household(bottleneck, report.household)
    db.session.flush()
    if created:
        bottleneck.thread_id = threads.open_thread(THREAD_KIND, bottleneck.id).id
        db.session.flush()
        record(actor, "bottleneck:drafted", bottleneck)
    return _submit(actor, bottleneck) if submit else bottleneck


def submit(actor, bottleneck: Bottleneck) -> Bottleneck:
    """Send a draft to the coordinator's triage queue; its writer follows it."""
    require(
        actor, Permission.BOTTLENECK_REPORT, bottleneck, _("Only its writer can submit a draft.")
    )
    return _submit(actor, bottleneck)


def _submit(actor, bottleneck: Bottleneck) -> Bottleneck:
    LIFECYCLE.move(actor, bottleneck, Status.SUBMITTED)
    bottleneck.submitted_at = utcnow()
    follow(actor, bottleneck)
    return bottleneck


def report(actor, report: Report, *, confirmed: bool = False) -> Bottleneck:
    """Write and submit in one go."""
    return save_draft(actor, report, submit=True, confirmed=confirmed)


def add_occurrence(
    actor,
    bottleneck: Bottleneck,
    *,
    occurred_on: date,
    domains=(),
    household: Household | None = None,
    note: str = "",
    confirmed: bool = False,
) -> Occurrence:
    """Another family met with this bottleneck; the writer follows it from now on."""
    require(actor, Permission.BOTTLENECK_REPORT, bottleneck)
    if not is_open(bottleneck):
        raise RuleViolation(_("Occurrences can only be added to an open bottleneck."))
    if occurred_on > date.today():
        raise RuleViolation(_("The date cannot be in the future."), "occurred_on")
    guard.check(actor, note, field="note", confirmed=confirmed, subject=bottleneck)
    occurrence = Occurrence(
        bottleneck_id=bottleneck.id,
        reporter_id=actor.id,
        occurred_on=occurred_on,
        domains=_domains(domains),
        note=note.strip(),
    )
    _household(occurrence, household or Household())
    db.session.add(occurrence)
    bottleneck.occurrence_count += 1
    db.session.flush()
    follow(actor, bottleneck)
    record(actor, "occurrence:added", bottleneck, occurrence=occurrence.id)
    signals.weigh_evidence(bottleneck)
    return occurrence


# --- Merging duplicates ----------------------------------------------------------------------


def merge(actor, keep: Bottleneck, duplicate: Bottleneck, reason: str = "") -> Bottleneck:
    """Fold a duplicate into `keep`: its occurrences, followers, sectors and organisations move
    over, it becomes an occurrence of its own, and its address points to `keep` from now on."""
    require(actor, Permission.BOTTLENECK_TRIAGE)
    if keep.id == duplicate.id:
        raise RuleViolation(_("A bottleneck cannot be merged into itself."))
    if duplicate.merged_into_id or keep.merged_into_id:
        raise RuleViolation(_("This bottleneck has been merged already."))
    if Status.DRAFT in (keep.status, duplicate.status):
        raise RuleViolation(_("Drafts cannot be merged."))
    guard.check(actor, reason, field="reason", subject=keep)
    for occurrence in list(duplicate.occurrences):
        occurrence.bottleneck_id = keep.id
    if duplicate.thread is not None and keep.thread is not None:
        threads.move_posts(duplicate.thread, keep.thread)
    # The duplicate's own report is evidence too: one more occurrence of the kept bottleneck.
    db.session.add(
        Occurrence(
            bottleneck_id=keep.id,
            reporter_id=duplicate.reporter_id,
            occurred_on=(duplicate.submitted_at or duplicate.created_at).date(),
            domains=duplicate.domains,
            household_type=duplicate.household_type,
            children_band=duplicate.children_band,
            youngest_age_band=duplicate.youngest_age_band,
        )
    )
    for name in ("followers", "sectors", "organisations"):
        merged = getattr(keep, name)
        merged.extend(x for x in getattr(duplicate, name) if x not in merged)
    keep.domains = _domains(set(keep.domain_list) | set(duplicate.domain_list))
    keep.families_count += duplicate.families_count
    keep.occurrence_count += duplicate.occurrence_count + 1
    duplicate.occurrence_count = 0
    duplicate.merged_into_id = keep.id
    if duplicate.status != Status.CLOSED:
        source = Status(duplicate.status)
        duplicate.status = Status.CLOSED
        duplicate.closed_at = utcnow()
        LIFECYCLE.record_step(
            actor, duplicate, source, Status.CLOSED, reason.strip() or _("Merged.")
        )
    db.session.flush()
    record(actor, "bottleneck:merged", keep, duplicate=duplicate.id)
    signals.weigh_evidence(keep)
    return keep


def load_for_merge(bottleneck_id: int | None) -> Bottleneck:
    duplicate = db.session.get(Bottleneck, bottleneck_id) if bottleneck_id else None
    if duplicate is None or duplicate.status == Status.DRAFT:
        raise RuleViolation(_("There is no bottleneck with this number."), "duplicate_id")
    return duplicate


# --- Discussion ------------------------------------------------------------------------------

THREAD_KIND = Bottleneck.__tablename__


def may_write(actor, bottleneck: Bottleneck) -> bool:
    return allowed(actor, Permission.BOTTLENECK_DISCUSS, bottleneck) and is_open(bottleneck)


def add_post(
    actor,
    bottleneck: Bottleneck,
    body: str,
    *,
    reply_to: Post | None = None,
    as_answer: bool = False,
    confirmed: bool = False,
) -> Post:
    """Post in the bottleneck's thread; writing follows it. `as_answer`: a policy owner's
    answer for their sector — the first one of each routed sector meets its deadline, and the
    very first answer opens the discussion and tells the reporters."""
    require(actor, Permission.BOTTLENECK_DISCUSS, bottleneck)
    if not is_open(bottleneck):
        raise RuleViolation(_("This bottleneck is not open for discussion."), status=409)
    if as_answer and not routing.may_answer(actor, bottleneck):
        raise AccessDenied(_("Only a policy owner of a routed sector answers for it."))
    answered_before = bottleneck.first_answer_at is not None
    post = threads.create_post(
        actor, bottleneck.thread, body, reply_to=reply_to, confirmed=confirmed
    )
    told = set()
    if as_answer:
        answered = routing.record_answer(actor, bottleneck, post)
        if not answered_before and bottleneck.first_answer_at is not None:
            told = feedback.tell_reporters(
                actor, bottleneck, "answered", sector=feedback.names(answered or post_sector(post))
            )
    follow(actor, bottleneck)
    notices.posted(actor, bottleneck, post, exclude=told)
    return post


def post_sector(post: Post) -> list:
    return [post.answer_sector] if post.answer_sector else []


registry.register(
    THREAD_KIND,
    Bottleneck,
    may_read=can_read,
    may_write=may_write,
    may_answer=routing.may_answer,
    page=lambda bottleneck: f"/bottlenecks/{bottleneck.id}",
    title=lambda bottleneck: bottleneck.title,
    add_post=add_post,
)
