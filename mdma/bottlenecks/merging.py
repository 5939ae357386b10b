"""Merging a duplicate into the bottleneck kept, actor first, keeping everything: occurrences,
posts and followers with their dates and authors, the duplicate's report as an occurrence, the
union of sectors, organisations, named owners, tags and life domains, the earliest deadline
still open, the state that has come further (or the one the coordinator chooses), and the
structural track. Both timelines record the merge (`Merge`); the duplicate's address leads to
the bottleneck kept from then on.
"""

from flask_babel import gettext as _

from mdma.bottlenecks import vectors
from mdma.bottlenecks.models import Bottleneck, Merge, Occurrence
from mdma.bottlenecks.services import _domains, count_occurrences
from mdma.bottlenecks.signals import services as signals
from mdma.bottlenecks.states import LIFECYCLE, Status, awaits_first_answer, more_advanced
from mdma.core.errors import RuleViolation
from mdma.core.logbook import record
from mdma.core.time import utcnow
from mdma.extensions import db
from mdma.permissions import Permission, require
from mdma.privacy import guard
from mdma.threads import services as threads


def merge(
    actor, keep: Bottleneck, duplicate: Bottleneck, reason: str = "", *, state=None
) -> Bottleneck:
    """Fold `duplicate` into `keep`. `state` is the status to keep when the two differ: one of
    theirs; by default the one that has come further (`states.more_advanced`)."""
    require(actor, Permission.BOTTLENECK_TRIAGE)
    if keep.id == duplicate.id:
        raise RuleViolation(_("A bottleneck cannot be merged into itself."))
    if duplicate.merged_into_id or keep.merged_into_id:
        raise RuleViolation(_("This bottleneck has been merged already."))
    if Status.DRAFT in (keep.status, duplicate.status):
        raise RuleViolation(_("Drafts cannot be merged."))
    kept_status = Status(state) if state else more_advanced(keep, duplicate)
    if kept_status not in (keep.status, duplicate.status):
        raise RuleViolation(_("Choose the state of one of the two."), "state")
    reason = reason.strip()
    guard.check(actor, reason, field="reason", subject=keep)
    merged = Merge(
        keep_id=keep.id,
        duplicate_id=duplicate.id,
        actor_id=actor.id,
        keep_status=keep.status,
        duplicate_status=duplicate.status,
        kept_status=kept_status,
        reason=reason,
    )
    _move_evidence(keep, duplicate)
    _unite(keep, duplicate)
    _keep_deadline(keep, duplicate)
    if kept_status != keep.status:
        _take_state(actor, keep, duplicate, reason)
    signals.merge(actor, keep, duplicate)
    _close_duplicate(actor, keep, duplicate, reason)
    vectors.drop(duplicate)
    db.session.add(merged)
    db.session.flush()
    record(actor, "bottleneck:merged", keep, duplicate=duplicate.id, status=kept_status)
    signals.weigh_evidence(keep)
    return keep


def _move_evidence(keep: Bottleneck, duplicate: Bottleneck) -> None:
    """Occurrences and posts move with their dates and authors; the duplicate's own report
    becomes an occurrence of the one kept, on the day it was submitted, by its reporter."""
    for occurrence in list(duplicate.occurrences):
        occurrence.bottleneck_id = keep.id
    if duplicate.thread is not None and keep.thread is not None:
        threads.move_posts(duplicate.thread, keep.thread)
    db.session.add(
        Occurrence(
            bottleneck_id=keep.id,
            reporter_id=duplicate.reporter_id,
            occurred_on=(duplicate.submitted_at or duplicate.created_at).date(),
            domains=duplicate.domains,
            household_type=duplicate.household_type,
            children_band=duplicate.children_band,
            youngest_age_band=duplicate.youngest_age_band,
            note=duplicate.title,
            created_at=duplicate.submitted_at or duplicate.created_at,
        )
    )
    keep.families_count += duplicate.families_count
    count_occurrences(keep, duplicate.occurrence_count + 1)
    duplicate.occurrence_count = 0


def _unite(keep: Bottleneck, duplicate: Bottleneck) -> None:
    """The union of who follows, who answers and what it is about."""
    for name in ("followers", "sectors", "organisations", "owners"):
        united = getattr(keep, name)
        united.extend(x for x in getattr(duplicate, name) if x not in united)
    keep.tags = sorted(set(keep.tags) | set(duplicate.tags))
    keep.domains = _domains(set(keep.domain_list) | set(duplicate.domain_list))
    routed = [b.triaged_at for b in (keep, duplicate) if b.triaged_at]
    keep.triaged_at = min(routed) if routed else None


def _keep_deadline(keep: Bottleneck, duplicate: Bottleneck) -> None:
    """The earliest first-answer deadline that is still open (answered ones are done)."""
    still_open = [b.answer_due_on for b in (keep, duplicate) if awaits_first_answer(b)]
    if still_open:
        keep.answer_due_on = min(still_open)
    elif keep.answer_due_on is None:
        keep.answer_due_on = duplicate.answer_due_on


def _take_state(actor, keep: Bottleneck, duplicate: Bottleneck, reason: str) -> None:
    """The kept bottleneck takes the duplicate's state, with what that state means: answered,
    closed. Outside the table of steps, so recorded as a step of its own."""
    source = Status(keep.status)
    keep.status = duplicate.status
    keep.first_answer_at = duplicate.first_answer_at or keep.first_answer_at
    keep.closed_at = duplicate.closed_at
    if awaits_first_answer(duplicate):
        keep.first_answer_at = None  # its deadline, or an earlier one, stays open
    note = _("Merged: the state of #%(id)s is kept.", id=duplicate.id)
    LIFECYCLE.record_step(actor, keep, source, keep.status, f"{note} {reason}".strip())


def _close_duplicate(actor, keep: Bottleneck, duplicate: Bottleneck, reason: str) -> None:
    duplicate.merged_into_id = keep.id
    if duplicate.status != Status.CLOSED:
        source = Status(duplicate.status)
        duplicate.status = Status.CLOSED
        duplicate.closed_at = utcnow()
        note = _("Merged into #%(id)s.", id=keep.id)
        LIFECYCLE.record_step(actor, duplicate, source, Status.CLOSED, f"{note} {reason}".strip())


def load_for_merge(bottleneck_id: int | None) -> Bottleneck:
    duplicate = db.session.get(Bottleneck, bottleneck_id) if bottleneck_id else None
    if duplicate is None or duplicate.status == Status.DRAFT:
        raise RuleViolation(_("There is no bottleneck with this number."), "duplicate_id")
    return duplicate
