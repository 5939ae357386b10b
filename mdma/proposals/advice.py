"""Policy advice, actor first: create one for a level and a period, revise it (every edit is
a new version, the document assembled anew by `advice_document`), compare versions, publish
(freezes the version, and its proposals' follow-ups at that level are "included in an
advice"), show it publicly.
"""

import difflib
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _

from mdma.core.errors import Conflict, RuleViolation
from mdma.core.logbook import record
from mdma.core.time import utcnow
from mdma.extensions import db
from mdma.permissions import require
from mdma.privacy import guard
from mdma.proposals.advice_document import LANGUAGES, assemble
from mdma.proposals.models import (
    Advice,
    AdviceKind,
    AdviceVersion,
    Followup,
    GovernmentLevel,
    Grouping,
    Proposal,
)
from mdma.proposals.services import tell_reporters
from mdma.proposals.states import FOLLOW_UP, FollowUp, ProposalPermission, Status


@dataclass
class Content:
    """What the coordinator writes and chooses for one version."""

    title: str
    introduction: str = ""
    conclusion: str = ""
    grouping: str = Grouping.DOMAIN
    proposal_ids: list = field(default_factory=list)
    #: The version the writer started from; an edit of an older one answers 409.
    based_on: int | None = None


def candidates(level: str) -> list[Proposal]:
    """Pre-selected: adopted, with a follow-up for that level, in no advice yet."""
    return list(
        db.session.scalars(
            sa.select(Proposal)
            .join(Followup, Followup.proposal_id == Proposal.id)
            .where(
                Proposal.status == Status.ADOPTED,
                Followup.level == level,
                Followup.advice_id.is_(None),
            )
            .order_by(Proposal.id)
        ).unique()
    )


def selectable(level: str) -> list[Proposal]:
    """Every adopted proposal for that level, whether or not in an advice already."""
    return list(
        db.session.scalars(
            sa.select(Proposal)
            .join(Followup, Followup.proposal_id == Proposal.id)
            .where(Proposal.status == Status.ADOPTED, Followup.level == level)
            .order_by(Proposal.id)
        ).unique()
    )


def create(
    actor, *, level: str, period_start: date | None, period_end: date | None, language="nl",
    content: Content, confirmed=(), kind: str = AdviceKind.ADVICE,
) -> Advice:  # fmt: skip
    """An advice, or a signal bundle (`kind`): all structural bottlenecks of the period."""
    require(actor, ProposalPermission.COMPILE)
    if kind not in set(AdviceKind):
        raise RuleViolation(_("Choose from the list."), "kind")
    if level not in set(GovernmentLevel):
        raise RuleViolation(_("Choose from the list."), "level")
    if period_start is None:
        raise RuleViolation(_("Give the date."), "period_start")
    if period_end is None:
        raise RuleViolation(_("Give the date."), "period_end")
    if period_end < period_start:
        raise RuleViolation(_("The period ends before it starts."), "period_end")
    if language not in LANGUAGES:
        raise RuleViolation(_("Choose from the list."), "language")
    advice = Advice(
        level=level, kind=kind, period_start=period_start, period_end=period_end,
        language=language, author_id=actor.id,
    )  # fmt: skip
    db.session.add(advice)
    db.session.flush()
    _new_version(actor, advice, content, confirmed)
    record(actor, "advice:created", advice)
    return advice


def revise(actor, advice: Advice, content: Content, *, confirmed=()) -> AdviceVersion:
    """Every edit is a new version; a published advice is frozen."""
    require(actor, ProposalPermission.COMPILE)
    if advice.is_published:
        raise RuleViolation(
            _("This advice is published: its published version can no longer be changed."),
            status=409,
        )
    latest = latest_version(advice)
    if content.based_on is not None and latest and content.based_on != latest.number:
        raise Conflict()
    version = _new_version(actor, advice, content, confirmed)
    record(actor, "advice:revised", advice, version=version.number)
    return version


def _new_version(actor, advice: Advice, content: Content, confirmed) -> AdviceVersion:
    if not (content.title or "").strip():
        raise RuleViolation(_("This field is required."), "title")
    if content.grouping not in set(Grouping):
        raise RuleViolation(_("Choose from the list."), "grouping")
    for name in ("title", "introduction", "conclusion"):
        guard.check(
            actor, getattr(content, name), field=name, confirmed=name in confirmed, subject=advice
        )
    ids = sorted(set(content.proposal_ids or ()))
    allowed_ids = {p.id for p in selectable(advice.level)}
    if any(i not in allowed_ids for i in ids):
        raise RuleViolation(
            _("Choose adopted proposals for this advice's level only."), "proposal_ids"
        )
    latest = latest_version(advice)
    version = AdviceVersion(
        advice_id=advice.id,
        number=(latest.number + 1) if latest else 1,
        title=content.title.strip(),
        introduction=(content.introduction or "").strip(),
        conclusion=(content.conclusion or "").strip(),
        grouping=content.grouping,
        proposal_ids=ids,
        author_id=actor.id,
    )
    version.document = assemble(advice, version)
    db.session.add(version)
    db.session.flush()
    return version


def latest_version(advice: Advice) -> AdviceVersion | None:
    return db.session.scalars(
        sa.select(AdviceVersion)
        .where(AdviceVersion.advice_id == advice.id)
        .order_by(AdviceVersion.number.desc())
        .limit(1)
    ).first()


def version_of(advice: Advice, number: int) -> AdviceVersion | None:
    return db.session.scalars(
        sa.select(AdviceVersion).where(
            AdviceVersion.advice_id == advice.id, AdviceVersion.number == number
        )
    ).first()


def publish(actor, advice: Advice) -> AdviceVersion:
    """Freeze the latest version; each proposal's follow-up at the level is now included in
    this advice (the step its reporters hear of)."""
    require(actor, ProposalPermission.COMPILE)
    if advice.is_published:
        raise RuleViolation(_("This advice is already published."), status=409)
    version = latest_version(advice)
    if not version.proposal_ids and not version.document.get("signals"):
        raise RuleViolation(_("Choose at least one proposal."), "proposal_ids")
    version.published_at = advice.published_at = utcnow()
    followups = db.session.scalars(
        sa.select(Followup).where(
            Followup.proposal_id.in_(version.proposal_ids), Followup.level == advice.level
        )
    ).all()
    for followup in followups:
        if followup.status == FollowUp.PLANNED:
            FOLLOW_UP.move(actor, followup, FollowUp.IN_ADVICE)
            tell_reporters(actor, followup.proposal, FOLLOW_UP, FollowUp.IN_ADVICE, followup.level)
        if followup.advice_id is None:
            followup.advice_id = advice.id
    db.session.flush()
    record(actor, "advice:published", advice, version=version.number)
    return version


def set_public(actor, advice: Advice, public: bool) -> Advice:
    require(actor, ProposalPermission.COMPILE)
    if public and not advice.is_published:
        raise RuleViolation(_("Publish the advice before showing it publicly."), status=409)
    advice.public = public
    db.session.flush()
    record(actor, "advice:public" if public else "advice:private", advice)
    return advice


# --- Comparing versions ------------------------------------------------------------------------


def lines(version: AdviceVersion) -> list[str]:
    """A version as lines of text, for the side-by-side comparison."""
    document = version.document or {}
    out = [f"# {version.title}", *version.introduction.splitlines()]
    for item in document.get("proposals", []):
        out += [f"## {item['title']}", *item["problem"].splitlines()]
        out += [*item["proposal"].splitlines(), *item["expected_effect"].splitlines()]
    out += version.conclusion.splitlines()
    return [line for line in out if line.strip()]


@dataclass
class DiffRow:
    left: str
    right: str
    #: "equal", "replace", "delete", "insert"
    change: str


def diff(older: AdviceVersion, newer: AdviceVersion) -> list[DiffRow]:
    """Line by line; within a changed block, a line is set beside the most similar one."""
    a, b = lines(older), lines(newer)
    rows = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "replace":
            rows += _pair(a[i1:i2], b[j1:j2])
        else:
            rows += [DiffRow(x, x, tag) for x in a[i1:i2]] if tag == "equal" else []
            rows += [DiffRow(x, "", tag) for x in a[i1:i2]] if tag == "delete" else []
            rows += [DiffRow("", y, tag) for y in b[j1:j2]] if tag == "insert" else []
    return rows


def _pair(left: list[str], right: list[str]) -> list[DiffRow]:
    """Keep the order of both sides; a left line is paired with the first similar right line
    still ahead, the others are deleted or inserted."""
    rows, j = [], 0
    for line in left:
        match = next(
            (
                k
                for k in range(j, len(right))
                if difflib.SequenceMatcher(a=line, b=right[k]).ratio() >= 0.6
            ),
            None,
        )
        if match is None:
            rows.append(DiffRow(line, "", "delete"))
            continue
        rows += [DiffRow("", y, "insert") for y in right[j:match]]
        rows.append(DiffRow(line, right[match], "replace"))
        j = match + 1
    rows += [DiffRow("", y, "insert") for y in right[j:]]
    return rows


def public_advices() -> list[Advice]:
    return list(
        db.session.scalars(
            sa.select(Advice)
            .where(Advice.public.is_(True), Advice.published_at.is_not(None))
            .order_by(Advice.published_at.desc())
        )
    )
