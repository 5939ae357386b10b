"""The coordinator's verbs on what a re-scan found: redact it in place, or dismiss it."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from mdma.core.errors import Conflict
from mdma.core.logbook import record
from mdma.core.time import utcnow
from mdma.extensions import db
from mdma.permissions import Permission, require
from mdma.privacy import KIND_LABELS, Kind
from mdma.privacy.models import FindingStatus, StoredFinding
from mdma.privacy.registry import FIELDS
from mdma.privacy.rescan import keyed_hash, refresh

STALE = _l("The text changed since it was scanned: scan it again before redacting.")


@dataclass(frozen=True)
class Shown:
    """A finding with the text it points at now, for the findings page."""

    finding: StoredFinding
    holder: object | None
    text: str | None

    @property
    def stale(self) -> bool:
        return self.text is None or keyed_hash(self.text) != self.finding.text_hash

    @property
    def parts(self) -> tuple[str, str, str]:
        """What stands before the finding (up to 60 characters), the finding, and after it."""
        f, text = self.finding, self.text or ""
        return text[max(0, f.start - 60) : f.start], text[f.start : f.end], text[f.end : f.end + 60]


def _allowed(actor) -> None:
    require(actor, Permission.PRIVACY_REVIEW, message=_l("Only a coordinator reviews findings."))


def _open(finding: StoredFinding) -> None:
    if finding.status != FindingStatus.OPEN:
        raise Conflict(_l("This finding was already handled."))


def holder_of(finding: StoredFinding):
    stored = FIELDS.get(finding.field)
    return None if stored is None else db.session.get(stored.model, finding.object_id)


def redact(actor, finding: StoredFinding, shown_text_hash: str) -> None:
    """Replace what was found by its kind in brackets, in the stored text itself. A text that
    changed since the scan (or since the page was shown) answers 409 and stays as it is."""
    _allowed(actor)
    _open(finding)
    stored = FIELDS[finding.field]
    holder = holder_of(finding)
    text = getattr(holder, stored.column, None) if holder is not None else None
    if (
        text is None
        or shown_text_hash != finding.text_hash
        or keyed_hash(text) != finding.text_hash
    ):
        raise Conflict(STALE)
    label = f"[{KIND_LABELS[Kind(finding.kind)]}]"
    redacted = text[: finding.start] + label + text[finding.end :]
    setattr(holder, stored.column, redacted)
    _resolve(actor, finding, FindingStatus.REDACTED)
    db.session.flush()
    refresh(stored, finding.object_id, redacted)
    record(actor, "privacy:finding_redacted", holder, field=finding.field, kind=finding.kind)
    db.session.flush()


def dismiss(actor, finding: StoredFinding) -> None:
    """A false alarm: kept as dismissed, so the next re-scan does not raise it again."""
    _allowed(actor)
    _open(finding)
    _resolve(actor, finding, FindingStatus.DISMISSED)
    record(
        actor,
        "privacy:finding_dismissed",
        holder_of(finding),
        field=finding.field,
        kind=finding.kind,
    )
    db.session.flush()


def _resolve(actor, finding: StoredFinding, status: FindingStatus) -> None:
    finding.status = status
    finding.resolved_at = utcnow()
    finding.resolved_by_id = actor.id
