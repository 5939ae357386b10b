"""The bottleneck verbs of writing, actor first: draft, submit, add an occurrence, post, follow.
Routing and the other lifecycle steps are in `routing`, merging in `merging`, corrections after
submit in `corrections`.

Each checks the capability and the object rule, runs the privacy guard on the free text it
stores, records the step and the logbook, and flushes; the request commits.
"""

import importlib
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from mdma.bottlenecks import notices, routing, vectors
from mdma.bottlenecks.links import bottleneck_followers
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
from mdma.core.edge import EARLIEST_DATE
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
    """Idempotent even when the same person adds evidence twice at once: a second insert of
    the same link is ignored by the database instead of failing the request."""
    # The database's own INSERT … ON CONFLICT; imported here, so that a server on SQLite never
    # loads PostgreSQL's dialect (2 MiB in every process).
    dialect = importlib.import_module(f"sqlalchemy.dialects.{db.session.get_bind().dialect.name}")
    db.session.execute(
        dialect.insert(bottleneck_followers)
        .values(bottleneck_id=bottleneck.id, user_id=actor.id)
        .on_conflict_do_nothing()
    )
    db.session.expire(bottleneck, ["followers"])


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
    vectors.store(bottleneck)  # from now on it is suggested to writers of the same problem
    follow(actor, bottleneck)
    signals.weigh_evidence(bottleneck)  # the report is its first occurrence
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
    if occurred_on < EARLIEST_DATE:
        raise RuleViolation(_("The date cannot be before the year 2000."), "occurred_on")
    guard.check(actor, note, field="note", confirmed=confirmed, subject=bottleneck)
    count_occurrences(bottleneck, 1)
    occurrence = Occurrence(
        bottleneck_id=bottleneck.id,
        reporter_id=actor.id,
        occurred_on=occurred_on,
        domains=_domains(domains),
        note=note.strip(),
    )
    _household(occurrence, household or Household())
    db.session.add(occurrence)
    db.session.flush()
    follow(actor, bottleneck)
    record(actor, "occurrence:added", bottleneck, occurrence=occurrence.id)
    signals.weigh_evidence(bottleneck)
    return occurrence


def count_occurrences(bottleneck: Bottleneck, added: int) -> None:
    """Evidence is not an edit: the count moves in one UPDATE that bypasses the version check,
    so people adding at the same time never conflict. Its row lock makes them take turns
    until commit, which also keeps the threshold check after it to one adder at a time."""
    db.session.execute(
        sa.update(Bottleneck)
        .where(Bottleneck.id == bottleneck.id)
        .values(occurrence_count=Bottleneck.occurrence_count + added)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(bottleneck, ["occurrence_count"])


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
    answer_sectors = routing.answering_sectors(actor, bottleneck) if as_answer else []
    post = threads.create_post(
        actor,
        bottleneck.thread,
        body,
        reply_to=reply_to,
        answer_sector=answer_sectors[0] if answer_sectors else None,
        confirmed=confirmed,
    )
    told = set()
    if answer_sectors:
        first, opened = routing.record_answer(actor, bottleneck, post, answer_sectors)
        if opened:
            told = feedback.tell_reporters(
                actor, bottleneck, "answered", sector=feedback.names(first or answer_sectors[:1])
            )
    follow(actor, bottleneck)
    notices.posted(actor, bottleneck, post, exclude=told)
    return post


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
