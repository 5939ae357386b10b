"""The document of an advice version, assembled as data (JSON) in the advice's language: its
texts, each chosen proposal with its evidence figures, grouped, the annex, and for a signal
bundle every structural bottleneck of the period. A published version keeps it unchanged."""

from collections import Counter
from datetime import date

import sqlalchemy as sa
from flask_babel import force_locale

from mdma.bottlenecks.models import Bottleneck, Level, Occurrence
from mdma.bottlenecks.states import Status as BottleneckStatus
from mdma.extensions import db
from mdma.proposals import queries
from mdma.proposals.models import Advice, AdviceVersion, Grouping, Proposal, proposal_bottlenecks

LANGUAGES = ("nl", "fr", "en")


def _main_domain(proposal_ids) -> dict[int, str]:
    """Per proposal, the life domain its bottlenecks name most (one query)."""
    rows = db.session.execute(
        sa.select(proposal_bottlenecks.c.proposal_id, Bottleneck.domains)
        .join(Bottleneck, Bottleneck.id == proposal_bottlenecks.c.bottleneck_id)
        .where(proposal_bottlenecks.c.proposal_id.in_(proposal_ids))
    ).all()
    counts: dict[int, Counter] = {}
    for proposal_id, domains in rows:
        counts.setdefault(proposal_id, Counter()).update(d for d in domains.split(",") if d)
    return {pid: c.most_common(1)[0][0] for pid, c in counts.items() if c}


def structural_signals(start: date, end: date) -> list[Bottleneck]:
    """The structural bottlenecks of a period: submitted, not merged away, and reported or
    with an occurrence between its first and last day."""
    b = Bottleneck
    reported = sa.func.date(sa.func.coalesce(b.submitted_at, b.created_at), type_=sa.Date)
    occurred = sa.select(Occurrence.id).where(
        Occurrence.bottleneck_id == b.id, Occurrence.occurred_on.between(start, end)
    )
    return list(
        db.session.scalars(
            sa.select(b)
            .where(
                b.level == Level.STRUCTURAL,
                b.status != BottleneckStatus.DRAFT,
                b.merged_into_id.is_(None),
                sa.or_(reported.between(start, end), occurred.exists()),
            )
            .order_by(b.id)
        )
    )


def assemble(advice: Advice, version: AdviceVersion) -> dict:
    """The document as data (JSON): texts, each proposal with its evidence figures (counts,
    never cases), grouped, and the annex; for a signal bundle also every structural bottleneck
    of the period with its figures (its title, never its description or occurrences' notes).
    Sector names are kept in the advice's language; labels are put in words when rendered."""
    with force_locale(advice.language):
        return _assemble(advice, version)


def _assemble(advice: Advice, version: AdviceVersion) -> dict:
    proposals = list(
        db.session.scalars(
            sa.select(Proposal).where(Proposal.id.in_(version.proposal_ids)).order_by(Proposal.id)
        ).unique()
    )
    ids = [p.id for p in proposals]
    domains = _main_domain(ids) if proposals else {}
    each = queries.evidence_each(ids) if proposals else {}
    items = []
    for proposal in proposals:
        figures = each[proposal.id]
        followup = proposal.followup(advice.level)
        if version.grouping == Grouping.SECTOR:
            group = _sector_names(proposal.sector) if proposal.sector else None
        else:
            group = domains.get(proposal.id)
        items.append(
            {
                "id": proposal.id,
                "title": proposal.title,
                "kind": proposal.kind,
                "problem": proposal.problem,
                "proposal": proposal.proposal,
                "expected_effect": proposal.expected_effect,
                "body": followup.body if followup else "",
                "group": group,
                "evidence": _counts(figures),
            }
        )
    signals = []
    if advice.is_signal_bundle:
        found = structural_signals(advice.period_start, advice.period_end)
        figures_of = queries.bottleneck_evidence_each([b.id for b in found]) if found else {}
        signals = [
            {"id": b.id, "title": b.title, "evidence": _counts(figures_of[b.id])} for b in found
        ]
    if signals:
        linked = db.session.scalars(
            sa.select(proposal_bottlenecks.c.bottleneck_id).where(
                proposal_bottlenecks.c.proposal_id.in_(ids)
            )
        ).all()
        total = queries.bottleneck_evidence({*linked, *(s["id"] for s in signals)})
    else:
        total = queries.evidence(ids) if proposals else queries.Evidence()
    return {
        "title": version.title,
        "kind": advice.kind,
        "signals": signals,
        "level": advice.level,
        "language": advice.language,
        "period": [advice.period_start.isoformat(), advice.period_end.isoformat()],
        "introduction": version.introduction,
        "conclusion": version.conclusion,
        "grouping": version.grouping,
        "proposals": items,
        "annex": _counts(total),
    }


def _sector_names(sector) -> dict:
    return {lang: getattr(sector, f"name_{lang}") or sector.name_nl for lang in LANGUAGES}


def _counts(figures: queries.Evidence) -> dict:
    return {
        "bottlenecks": figures.bottlenecks,
        "occurrences": figures.occurrences,
        "reporters": figures.reporters,
        "organisations": figures.organisations,
        "first": figures.first.isoformat() if figures.first else None,
        "last": figures.last.isoformat() if figures.last else None,
        "domains": dict(figures.domains),
        "sectors": dict(figures.sectors),
        "quarters": figures.quarters,
    }
