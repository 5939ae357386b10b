"""Scan every stored free text again with the guard as it is now (`mdma privacy rescan`).

Reads each registered field in batches of ids (only the id and the text), keeps what it finds
as `StoredFinding` rows: new findings open, known ones move along with their text, dismissed
ones stay dismissed, open ones no longer found (the text was changed) go. Flushes; the caller
commits.
"""

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import current_app

from mdma.extensions import db
from mdma.privacy import guard, scan
from mdma.privacy.models import FindingStatus, StoredFinding
from mdma.privacy.registry import FIELDS, StoredText

BATCH = 2000


def keyed_hash(text: str) -> str:
    """HMAC-SHA256 with the app's secret: recognises a text without keeping it."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


@dataclass
class RescanResult:
    texts: int = 0
    open: int = 0
    new: int = 0
    per_field: dict = field(default_factory=dict)


def lexicon_ready() -> None:
    """Load the guard's word lists now, so that a timing measures the scan only."""
    scan("Mevrouw Peeters")


def count_texts() -> int:
    return sum(
        db.session.scalar(sa.select(sa.func.count()).select_from(f.model)) for f in FIELDS.values()
    )


def rescan(progress: Callable[[int], None] | None = None) -> RescanResult:
    organisations = guard.known_organisations()
    result = RescanResult()
    for stored in FIELDS.values():
        texts, new, still_open = _rescan_field(stored, organisations, progress)
        result.texts += texts
        result.new += new
        result.open += still_open
        result.per_field[stored.name] = still_open
    db.session.flush()
    return result


def _known(stored: StoredText) -> dict[tuple, tuple]:
    rows = db.session.execute(
        sa.select(
            StoredFinding.object_id,
            StoredFinding.kind,
            StoredFinding.value_hash,
            StoredFinding.id,
            StoredFinding.status,
        ).where(StoredFinding.field == stored.name)
    )
    return {(r.object_id, r.kind, r.value_hash): (r.id, r.status) for r in rows}


def _rescan_field(stored: StoredText, organisations, progress) -> tuple[int, int, int]:
    known = _known(stored)
    seen: set[int] = set()
    new_rows, moved = [], []
    texts = still_open = 0
    id_column = stored.model.id
    last = 0
    while True:
        batch = db.session.execute(
            sa.select(id_column, stored.attribute)
            .where(id_column > last)
            .order_by(id_column)
            .limit(BATCH)
        ).all()
        if not batch:
            break
        last = batch[-1][0]
        for object_id, text in batch:
            for row in _findings(stored, object_id, text or "", organisations):
                key = (object_id, row["kind"], row["value_hash"])
                if key in known:
                    finding_id, status = known[key]
                    seen.add(finding_id)
                    if status == FindingStatus.OPEN:
                        moved.append({"id": finding_id, **_place(row)})
                        still_open += 1
                else:
                    new_rows.append(row)
        texts += len(batch)
        if progress:
            progress(len(batch))
    if new_rows:
        db.session.execute(sa.insert(StoredFinding), new_rows)
    if moved:
        db.session.execute(sa.update(StoredFinding), moved)
    gone = [
        fid for fid, status in known.values() if status == FindingStatus.OPEN and fid not in seen
    ]
    for start in range(0, len(gone), 1000):
        chunk = gone[start : start + 1000]
        db.session.execute(sa.delete(StoredFinding).where(StoredFinding.id.in_(chunk)))
    return texts, len(new_rows), still_open + len(new_rows)


def _place(row: dict) -> dict:
    return {"start": row["start"], "end": row["end"], "text_hash": row["text_hash"]}


def _findings(stored: StoredText, object_id: int, text: str, organisations) -> list[dict]:
    found = scan(text, organisations)
    if not found:
        return []
    text_hash = keyed_hash(text)
    rows: dict[tuple, dict] = {}  # a name written twice in one text is one finding
    for f in found:
        value_hash = keyed_hash(f.text)
        rows.setdefault(
            (f.kind.value, value_hash),
            {
                "field": stored.name,
                "object_id": object_id,
                "kind": f.kind.value,
                "start": f.start,
                "end": f.end,
                "value_hash": value_hash,
                "text_hash": text_hash,
                "status": FindingStatus.OPEN,
            },
        )
    return list(rows.values())


def refresh(stored: StoredText, object_id: int, text: str) -> None:
    """After a text changed, move its open findings along (or drop those no longer found)."""
    current = {
        (r["kind"], r["value_hash"]): r
        for r in _findings(stored, object_id, text, guard.known_organisations())
    }
    open_findings = db.session.scalars(
        sa.select(StoredFinding).where(
            StoredFinding.field == stored.name,
            StoredFinding.object_id == object_id,
            StoredFinding.status == FindingStatus.OPEN,
        )
    )
    for finding in open_findings:
        row = current.get((finding.kind, finding.value_hash))
        if row is None:
            db.session.delete(finding)
        else:
            finding.start, finding.end, finding.text_hash = (
                row["start"],
                row["end"],
                row["text_hash"],
            )
