"""The structural track of a bottleneck: criteria checks with one assessment per sector, the
signal (owner, theme, report rhythm, candidacy), progress reports, and the feedback its
reporters received."""

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mdma.accounts.models import User
from mdma.bottlenecks.models import Bottleneck
from mdma.core.lifecycle import Stepped
from mdma.core.time import utcnow
from mdma.directory.models import Sector
from mdma.extensions import db
from mdma.privacy.registry import stored_text


class CheckState(StrEnum):
    OPEN = "open"
    PASSED = "passed"
    CLOSED = "closed"


CHECK_LABELS = {
    CheckState.OPEN: _l("Criteria check open"),
    CheckState.PASSED: _l("Criteria check passed: structural"),
    CheckState.CLOSED: _l("Criteria check closed without passing"),
}

#: The four criteria of a structural signal, with the question each asks.
CRITERIA = {
    "clear": _l("Clear: is the problem described clearly enough to act on?"),
    "neutral": _l("Neutral: is it described without blame, as a problem of the system?"),
    "recognised": _l("Recognised: does your sector recognise it in its own work?"),
    "shared": _l("Shared: does it reach beyond one organisation and one situation?"),
}


class CriteriaCheck(Stepped, db.Model):
    """One check of a bottleneck against the four criteria, opened by the coordinator."""

    __tablename__ = "criteria_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    bottleneck_id: Mapped[int] = mapped_column(
        sa.ForeignKey("bottlenecks.id"), nullable=False, index=True
    )
    status: Mapped[str] = mapped_column(sa.String(20), nullable=False, default=CheckState.OPEN)
    opened_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), nullable=False)
    opened_at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)
    #: The rule it is judged by, fixed when opened: "all" sectors, or a quorum ("2").
    rule: Mapped[str] = mapped_column(sa.String(10), nullable=False, default="all")
    #: The sectors owe their assessment by this working day.
    due_on: Mapped[date] = mapped_column(sa.Date, nullable=False)
    #: The last day the sectors (then the coordinator) were reminded of a late check.
    reminded_on: Mapped[date | None] = mapped_column(sa.Date)
    coordinator_reminded_on: Mapped[date | None] = mapped_column(sa.Date)
    #: Why the coordinator closed it without passing, or how it passed.
    outcome: Mapped[str] = mapped_column(sa.Text, nullable=False, default="")
    closed_at: Mapped[datetime | None] = mapped_column(sa.DateTime)

    bottleneck: Mapped[Bottleneck] = relationship()
    opened_by: Mapped[User] = relationship()
    assessments: Mapped[list["Assessment"]] = relationship(
        back_populates="check", order_by="Assessment.at", lazy="selectin"
    )

    @property
    def status_label(self):
        return CHECK_LABELS[CheckState(self.status)]

    @property
    def is_open(self) -> bool:
        return self.status == CheckState.OPEN


class Assessment(db.Model):
    """One sector's judgement of the four criteria, each yes or no with a comment."""

    __tablename__ = "criteria_assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    check_id: Mapped[int] = mapped_column(sa.ForeignKey("criteria_checks.id"), nullable=False)
    sector_id: Mapped[int] = mapped_column(sa.ForeignKey("sectors.id"), nullable=False)
    assessor_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), nullable=False)
    at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)
    clear: Mapped[bool] = mapped_column(nullable=False)
    neutral: Mapped[bool] = mapped_column(nullable=False)
    recognised: Mapped[bool] = mapped_column(nullable=False)
    shared: Mapped[bool] = mapped_column(nullable=False)
    #: criterion → the sector's comment on it.
    comments: Mapped[dict] = mapped_column(sa.JSON, nullable=False, default=dict)

    check: Mapped[CriteriaCheck] = relationship(back_populates="assessments")
    sector: Mapped[Sector] = relationship(lazy="joined")
    assessor: Mapped[User] = relationship(lazy="joined")

    __table_args__ = (sa.UniqueConstraint("check_id", "sector_id"),)

    @property
    def all_yes(self) -> bool:
        return all(getattr(self, criterion) for criterion in CRITERIA)


class Signal(db.Model):
    """What a bottleneck carries on its structural track: candidacy by evidence, and once
    structural its owner (trekker), policy theme and the rhythm of progress reports."""

    __tablename__ = "structural_signals"

    bottleneck_id: Mapped[int] = mapped_column(sa.ForeignKey("bottlenecks.id"), primary_key=True)
    #: When the evidence first crossed the threshold; the figures that made it so.
    candidate_since: Mapped[datetime | None] = mapped_column(sa.DateTime)
    candidate_figures: Mapped[dict] = mapped_column(sa.JSON, nullable=False, default=dict)
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    theme: Mapped[str] = mapped_column(sa.String(120), nullable=False, default="")
    next_report_due_on: Mapped[date | None] = mapped_column(sa.Date)
    report_reminded_on: Mapped[date | None] = mapped_column(sa.Date)

    bottleneck: Mapped[Bottleneck] = relationship()
    owner: Mapped[User | None] = relationship(lazy="joined")


class ProgressReport(db.Model):
    """The owner's account of where the structural signal stands."""

    __tablename__ = "progress_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    bottleneck_id: Mapped[int] = mapped_column(
        sa.ForeignKey("bottlenecks.id"), nullable=False, index=True
    )
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), nullable=False)
    at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)
    body: Mapped[str] = mapped_column(sa.Text, nullable=False)

    author: Mapped[User] = relationship(lazy="joined")


class Feedback(db.Model):
    """One step that mattered to the reporters of a bottleneck, as they were told of it."""

    __tablename__ = "reporter_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    bottleneck_id: Mapped[int] = mapped_column(
        sa.ForeignKey("bottlenecks.id"), nullable=False, index=True
    )
    #: routed, answered, check_passed, check_closed, owner_named, progress, resolved, …
    event: Mapped[str] = mapped_column(sa.String(30), nullable=False)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(sa.DateTime, nullable=False, default=utcnow)
    data: Mapped[dict] = mapped_column(sa.JSON, nullable=False, default=dict)


#: Reporters who asked not to hear of a bottleneck's steps.
feedback_mutes = db.Table(
    "reporter_feedback_mutes",
    sa.Column(
        "bottleneck_id", sa.ForeignKey("bottlenecks.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("user_id", sa.ForeignKey("users.id"), primary_key=True),
)


def _signal_page(bottleneck_id: int) -> str:
    return url_for("bottlenecks.detail", bottleneck_id=bottleneck_id, _anchor="signal")


# What `mdma privacy rescan` reads again. (Assessment comments are kept per criterion in JSON:
# not yet a column the re-scan can read; nor is a signal's theme, whose row has no id.)
stored_text(
    "progress_report.body", ProgressReport, "body",
    lambda r: _signal_page(r.bottleneck_id), _l("Progress report"),
)  # fmt: skip
stored_text(
    "criteria_check.outcome", CriteriaCheck, "outcome",
    lambda c: _signal_page(c.bottleneck_id), _l("Outcome of a criteria check"),
)  # fmt: skip
