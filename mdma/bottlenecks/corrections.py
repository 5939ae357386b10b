"""Correcting a submitted bottleneck, actor first: its text, life domains and household
context, each change kept as a version with who and when (`Revision`).

The reporter corrects while nobody has answered yet, the coordinator always (the object rule
`states.may_correct`). A correction made on an older version answers 409, like any edit.
"""

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _

from mdma.bottlenecks import vectors
from mdma.bottlenecks.models import Bottleneck, Revision
from mdma.bottlenecks.services import Household, _domains, _household, require_version
from mdma.bottlenecks.states import BottleneckPermission
from mdma.core.errors import RuleViolation
from mdma.core.logbook import record
from mdma.extensions import db
from mdma.permissions import require
from mdma.privacy import guard

#: What a correction may change, and what each version keeps.
CORRECTED = ("title", "description", "domains", "household_type", "children_band",
             "youngest_age_band")  # fmt: skip


@dataclass
class Correction:
    title: str
    description: str
    domains: list[str] = field(default_factory=list)
    household: Household = field(default_factory=Household)


def correct(
    actor,
    bottleneck: Bottleneck,
    correction: Correction,
    *,
    version: int | None = None,
    confirmed: bool = False,
) -> Revision | None:
    """Store the corrected text as a new version; None when nothing changed."""
    require(
        actor,
        BottleneckPermission.CORRECT,
        bottleneck,
        _("Only the coordinator, or its reporter while nobody has answered, can correct it."),
    )
    require_version(bottleneck, version)
    title = correction.title.strip()
    if not title:
        raise RuleViolation(_("This field is required."), "title")
    description = correction.description.strip()
    guard.check(actor, title, field="title", confirmed=confirmed, subject=bottleneck)
    guard.check(actor, description, field="description", confirmed=confirmed, subject=bottleneck)
    proposed = Revision(title=title, description=description, domains=_domains(correction.domains))
    _household(proposed, correction.household)
    if all(getattr(proposed, name) == getattr(bottleneck, name) for name in CORRECTED):
        return None
    numbers = revision_count(bottleneck)
    if numbers == 0:
        db.session.add(_original(bottleneck))
        numbers = 1
    proposed.bottleneck_id, proposed.number, proposed.editor_id = (
        bottleneck.id,
        numbers + 1,
        actor.id,
    )
    db.session.add(proposed)
    reworded = (title, description) != (bottleneck.title, bottleneck.description)
    for name in CORRECTED:
        setattr(bottleneck, name, getattr(proposed, name))
    db.session.flush()
    if reworded:
        vectors.store(bottleneck)
    record(actor, "bottleneck:corrected", bottleneck, revision=proposed.number)
    return proposed


def _original(bottleneck: Bottleneck) -> Revision:
    """The report as it was submitted: the first version, kept when it is first corrected."""
    original = Revision(
        bottleneck_id=bottleneck.id,
        number=1,
        editor_id=bottleneck.reporter_id,
        at=bottleneck.submitted_at or bottleneck.created_at,
    )
    for name in CORRECTED:
        setattr(original, name, getattr(bottleneck, name))
    return original


def revision_count(bottleneck: Bottleneck) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).where(Revision.bottleneck_id == bottleneck.id)
    )


def revisions(bottleneck: Bottleneck) -> list[Revision]:
    """Its versions, the newest first; none until it is first corrected."""
    return list(
        db.session.scalars(
            sa.select(Revision)
            .where(Revision.bottleneck_id == bottleneck.id)
            .order_by(Revision.number.desc())
        )
    )
