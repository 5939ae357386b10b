"""Proposals, their follow-up per target level with its progress updates, and policy advice
with its versions; steps are `core.lifecycle.Step`s.

Sessions (floor 6) below: the sessions where a proposal was discussed (`proposal_sessions`),
the decision it was started from (`Proposal.decision_id`), and the agenda items that put it on a
session's agenda (`proposal_agenda_items`: sessions keeps the item, proposals what it points
at, so that sessions never imports proposals)."""

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mdma.accounts.models import User
from mdma.bottlenecks.models import Bottleneck
from mdma.core.lifecycle import Stepped
from mdma.core.models import Timestamped
from mdma.core.time import utcnow
from mdma.directory.models import Organisation, Sector
from mdma.extensions import db
from mdma.privacy.registry import stored_text
from mdma.proposals.states import FOLLOW_UP_LABELS, STATUS_LABELS, FollowUp, Status
from mdma.sessions.models import Session


class Kind(StrEnum):
    IMPROVEMENT = "improvement"
    AGREEMENT = "agreement"
    STRUCTURAL = "structural"


KIND_LABELS = {
    Kind.IMPROVEMENT: _l("Operational or organisational improvement"),
    Kind.AGREEMENT: _l("Intersectoral agreement"),
    Kind.STRUCTURAL: _l("Structural policy proposal"),
}


class GovernmentLevel(StrEnum):
    LOCAL = "local"
    FLEMISH = "flemish"
    FEDERAL = "federal"


GOVERNMENT_LEVEL_LABELS = {
    GovernmentLevel.LOCAL: _l("Local"),
    GovernmentLevel.FLEMISH: _l("Flemish"),
    GovernmentLevel.FEDERAL: _l("Federal"),
}


class Answer(StrEnum):
    ACCEPTED = "accepted"
    PARTLY = "partly"
    REJECTED = "rejected"


ANSWER_LABELS = {
    Answer.ACCEPTED: _l("Accepted"),
    Answer.PARTLY: _l("Partly accepted"),
    Answer.REJECTED: _l("Rejected"),
}

proposal_bottlenecks = db.Table(
    "proposal_bottlenecks",
    sa.Column("proposal_id", sa.ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("bottleneck_id", sa.ForeignKey("bottlenecks.id"), primary_key=True),
    # "The proposals of this bottleneck" and the evidence panel's joins read this index.
    sa.Index("ix_proposal_bottlenecks_bottleneck_id", "bottleneck_id", "proposal_id"),
)

proposal_sessions = db.Table(
    "proposal_sessions",
    sa.Column("proposal_id", sa.ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("session_id", sa.ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True),
    sa.Index("ix_proposal_sessions_session_id", "session_id", "proposal_id"),
)

#: An agenda item of the kind "proposal" and the proposal it puts on the agenda.
proposal_agenda_items = db.Table(
    "proposal_agenda_items",
    sa.Column(
        "item_id",
        sa.ForeignKey("session_agenda_items.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "proposal_id", sa.ForeignKey("proposals.id", ondelete="CASCADE"), nullable=False, index=True
    ),
)


class Proposal(Stepped, Timestamped, db.Model):
    __tablename__ = "proposals"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    problem: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    proposal: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    expected_effect: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    kind: Mapped[str] = mapped_column(sa.String(20), nullable=False)
    status: Mapped[str] = mapped_column(sa.String(20), nullable=False, default=Status.DRAFT)
    #: Responsible for carrying it: a sector, an organisation, or both.
    sector_id: Mapped[int | None] = mapped_column(sa.ForeignKey("sectors.id"))
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"))
    owner_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), nullable=False, index=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), nullable=False)
    adopted_at: Mapped[datetime | None] = mapped_column(sa.DateTime)
    #: The session decision it was started from, if any.
    decision_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("session_decisions.id", ondelete="SET NULL")
    )
    version: Mapped[int] = mapped_column(nullable=False, default=1)

    owner: Mapped[User] = relationship(foreign_keys=[owner_id], lazy="joined")
    sector: Mapped[Sector | None] = relationship(lazy="joined")
    organisation: Mapped[Organisation | None] = relationship(lazy="joined")
    bottlenecks: Mapped[list[Bottleneck]] = relationship(
        secondary=proposal_bottlenecks, lazy="select", order_by=Bottleneck.id
    )
    #: The sessions where it was discussed, the earliest first.
    sessions: Mapped[list[Session]] = relationship(
        secondary=proposal_sessions, lazy="select", order_by=Session.starts_at
    )
    followups: Mapped[list["Followup"]] = relationship(
        back_populates="proposal",
        lazy="selectin",
        order_by="Followup.id",
        cascade="all, delete-orphan",
    )

    __mapper_args__ = {"version_id_col": version}
    __table_args__ = (sa.Index("ix_proposals_status", "status", "id"),)

    @property
    def status_label(self):
        return STATUS_LABELS[Status(self.status)]

    @property
    def kind_label(self):
        return KIND_LABELS[Kind(self.kind)]

    def followup(self, level: str) -> "Followup | None":
        return next((f for f in self.followups if f.level == level), None)


class Followup(Stepped, db.Model):
    """One target level of a proposal and its own follow-up: the body it goes to, the advice
    that included it, when and to whom it was submitted, the answer, the implementation."""

    __tablename__ = "proposal_followups"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        sa.ForeignKey("proposals.id", ondelete="CASCADE"), nullable=False
    )
    level: Mapped[str] = mapped_column(sa.String(10), nullable=False)
    #: Who it goes to at that level: the city council, a Flemish minister or agency…
    body: Mapped[str] = mapped_column(sa.String(200), nullable=False, default="")
    status: Mapped[str] = mapped_column(sa.String(20), nullable=False, default=FollowUp.PLANNED)
    advice_id: Mapped[int | None] = mapped_column(sa.ForeignKey("advices.id"))
    submitted_on: Mapped[date | None] = mapped_column(sa.Date)
    submitted_to: Mapped[str] = mapped_column(sa.String(200), nullable=False, default="")
    answer: Mapped[str | None] = mapped_column(sa.String(10))
    answer_text: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    answered_on: Mapped[date | None] = mapped_column(sa.Date)
    progress_percent: Mapped[int | None] = mapped_column()
    #: The last day the owner was reminded of an overdue answer.
    reminded_on: Mapped[date | None] = mapped_column(sa.Date)

    proposal: Mapped[Proposal] = relationship(back_populates="followups", lazy="joined")
    progress: Mapped[list["Progress"]] = relationship(
        back_populates="followup", lazy="select", order_by="Progress.at"
    )

    __table_args__ = (
        sa.UniqueConstraint("proposal_id", "level", name="uq_proposal_followups_level"),
        sa.Index("ix_proposal_followups_board", "level", "status", "submitted_on"),
    )

    @property
    def level_label(self):
        return GOVERNMENT_LEVEL_LABELS[GovernmentLevel(self.level)]

    @property
    def status_label(self):
        return FOLLOW_UP_LABELS[FollowUp(self.status)]

    @property
    def takes_progress(self) -> bool:
        """Being implemented: progress updates are welcome."""
        return self.status == FollowUp.IN_IMPLEMENTATION

    @property
    def answer_label(self):
        return ANSWER_LABELS[Answer(self.answer)] if self.answer else ""


class Progress(db.Model):
    """An implementation update of one level: how far (0–100) and what happened."""

    __tablename__ = "proposal_progress"

    id: Mapped[int] = mapped_column(primary_key=True)
    followup_id: Mapped[int] = mapped_column(
        sa.ForeignKey("proposal_followups.id", ondelete="CASCADE"), nullable=False, index=True
    )
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)
    percent: Mapped[int] = mapped_column(nullable=False)
    text: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    milestone: Mapped[bool] = mapped_column(nullable=False, default=False)
    #: Why the percentage went down (required then).
    reason: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")

    followup: Mapped[Followup] = relationship(back_populates="progress")
    author: Mapped[User | None] = relationship(lazy="joined")


class Grouping(StrEnum):
    DOMAIN = "domain"
    SECTOR = "sector"


GROUPING_LABELS = {Grouping.DOMAIN: _l("By life domain"), Grouping.SECTOR: _l("By sector")}


class AdviceKind(StrEnum):
    #: Chosen proposals for one level.
    ADVICE = "advice"
    #: All structural bottlenecks of the period with their figures (and any proposals chosen):
    #: what the local social-policy forum receives every two years, as in Ghent.
    SIGNAL_BUNDLE = "signal_bundle"


ADVICE_KIND_LABELS = {
    AdviceKind.ADVICE: _l("Policy advice"),
    AdviceKind.SIGNAL_BUNDLE: _l("Signal bundle: all structural bottlenecks of the period"),
}


class Advice(Timestamped, db.Model):
    """Policy advice for one level and a period; its content lives in its versions."""

    __tablename__ = "advices"

    id: Mapped[int] = mapped_column(primary_key=True)
    level: Mapped[str] = mapped_column(sa.String(10), nullable=False)
    kind: Mapped[str] = mapped_column(
        sa.String(20), nullable=False, default=AdviceKind.ADVICE, server_default=AdviceKind.ADVICE
    )
    period_start: Mapped[date] = mapped_column(sa.Date, nullable=False)
    period_end: Mapped[date] = mapped_column(sa.Date, nullable=False)
    language: Mapped[str] = mapped_column(sa.String(2), nullable=False, default="nl")
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), nullable=False)
    published_at: Mapped[datetime | None] = mapped_column(sa.DateTime)
    #: Shown on the public page (off by default; only once published).
    public: Mapped[bool] = mapped_column(nullable=False, default=False)
    version: Mapped[int] = mapped_column(nullable=False, default=1)

    versions: Mapped[list["AdviceVersion"]] = relationship(
        back_populates="advice", order_by="AdviceVersion.number", lazy="select"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def level_label(self):
        return GOVERNMENT_LEVEL_LABELS[GovernmentLevel(self.level)]

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_signal_bundle(self) -> bool:
        return self.kind == AdviceKind.SIGNAL_BUNDLE


class AdviceVersion(db.Model):
    """One version of an advice: what the coordinator wrote and chose, and the document as it
    was assembled then (`document`, JSON), so that a published version never changes."""

    __tablename__ = "advice_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    advice_id: Mapped[int] = mapped_column(
        sa.ForeignKey("advices.id", ondelete="CASCADE"), nullable=False
    )
    number: Mapped[int] = mapped_column(nullable=False)
    title: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    introduction: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    conclusion: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    grouping: Mapped[str] = mapped_column(sa.String(10), nullable=False, default=Grouping.DOMAIN)
    proposal_ids: Mapped[list] = mapped_column(sa.JSON, nullable=False, default=list)
    document: Mapped[dict] = mapped_column(sa.JSON, nullable=False, default=dict)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), nullable=False)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(sa.DateTime)

    advice: Mapped[Advice] = relationship(back_populates="versions")
    author: Mapped[User] = relationship(lazy="joined")

    __table_args__ = (sa.UniqueConstraint("advice_id", "number", name="uq_advice_versions_number"),)


def _page(proposal_id: int) -> str:
    return url_for("proposals.detail", proposal_id=proposal_id)


for _column, _label in (
    ("title", _l("Proposal title")),
    ("problem", _l("Problem")),
    ("proposal", _l("Proposal")),
    ("expected_effect", _l("Expected effect")),
):
    stored_text(f"proposal.{_column}", Proposal, _column, lambda p: _page(p.id), _label)
for _column, _label in (
    ("body", _l("Body at this level")),
    ("submitted_to", _l("Submitted to")),
    ("answer_text", _l("The answer")),
):
    stored_text(
        f"proposal_followup.{_column}", Followup, _column, lambda f: _page(f.proposal_id), _label
    )
for _column, _label in (("text", _l("Progress update")), ("reason", _l("Why it went down"))):
    stored_text(
        f"proposal_progress.{_column}",
        Progress,
        _column,
        lambda p: _page(p.followup.proposal_id),
        _label,
    )
for _column, _label in (
    ("title", _l("Advice title")),
    ("introduction", _l("Introduction")),
    ("conclusion", _l("Conclusion")),
):
    stored_text(
        f"advice_version.{_column}",
        AdviceVersion,
        _column,
        lambda v: url_for("advices.detail", advice_id=v.advice_id),
        _label,
    )
