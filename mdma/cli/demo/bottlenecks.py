"""Demo bottlenecks: about twenty hand-written ones told through the real services (`mdma
demo`), and a realistic volume written in bulk (`mdma demo --scale N`, see `volume`)."""

from datetime import date, timedelta

import sqlalchemy as sa

from mdma.accounts.models import User
from mdma.bottlenecks import routing, services
from mdma.bottlenecks.models import Bottleneck, Level
from mdma.bottlenecks.signals import services as signals
from mdma.bottlenecks.signals.models import CRITERIA
from mdma.bottlenecks.states import LIFECYCLE, Status
from mdma.cli.demo.stories import STORIES, Story
from mdma.directory.models import Organisation, Sector
from mdma.extensions import db


def create_demo_bottlenecks(stories: list[Story] = STORIES) -> int:
    """Tell the stories that are not there yet (by title); returns how many were added."""
    existing = set(db.session.scalars(sa.select(Bottleneck.title)))
    users = {u.email.split("@")[0]: u for u in db.session.scalars(sa.select(User))}
    added = 0
    for story in stories:
        if story.title not in existing:
            _tell(story, users)
            added += 1
    return added


def _tell(story: Story, users: dict[str, User]) -> Bottleneck:
    sectors = {s.code: s for s in db.session.scalars(sa.select(Sector))}
    organisations = db.session.scalars(
        sa.select(Organisation).where(Organisation.name.in_(story.organisations))
    ).all()
    household_type, children, youngest = story.household
    report = services.Report(
        title=story.title,
        description=story.description,
        domains=story.domains,
        organisations=list(organisations),
        household=services.Household(household_type, children, youngest),
    )
    reporter = users[story.reporter]
    if story.draft:
        return services.save_draft(reporter, report)
    bottleneck = services.report(reporter, report)
    if story.route:
        routing.triage(
            users["coordinator"],
            bottleneck,
            sectors=[sectors[code] for code in story.route],
            owners=[users[story.owner]] if story.owner else [],
            # Structural takes a criteria check, told below.
            level=Level.INTERSECTORAL if story.level == Level.STRUCTURAL else story.level,
            tags=story.tags,
            today=date.today() - timedelta(days=max(story.days_ago - 2, 0)),
        )
    for who, days_ago, note in story.occurrences:
        services.add_occurrence(
            users[who],
            bottleneck,
            occurred_on=date.today() - timedelta(days=days_ago),
            domains=story.domains[:1],
            note=note,
        )
    for who, body in story.posts:
        user = users[who]
        services.add_post(user, bottleneck, body, as_answer=routing.owes_answer(user, bottleneck))
    if story.level == Level.STRUCTURAL:
        _check_and_own(users, bottleneck, story)
    for who, target, reason in story.steps:
        routing.transition(users[who], bottleneck, Status(target), reason)
    _backdate(bottleneck, story.days_ago)
    return bottleneck


def _check_and_own(users: dict, bottleneck: Bottleneck, story: Story) -> None:
    """The routed sectors find it clear, neutral, recognised and shared; the coordinator
    names an owner, who reports a first time."""
    check = signals.start_check(users["coordinator"], bottleneck)
    for code in story.route:
        sector = next(s for s in bottleneck.sectors if s.code == code)
        signals.assess(users[code], check, sector, dict.fromkeys(CRITERIA, True))
    owner = users[story.owner or story.route[0]]
    signals.name_owner(users["coordinator"], bottleneck, owner, story.tags[0].replace("-", " "))
    signals.report_progress(
        owner, bottleneck, "Overleg met de betrokken diensten is gestart; een eerste voorstel "
        "volgt op het volgende MDMA-overleg.",
    )  # fmt: skip


def _backdate(bottleneck: Bottleneck, days: int) -> None:
    """The services stamp everything now; spread each story over its past days instead, the
    later steps closer to today, and keep the bottleneck's own dates on its steps."""
    shift = timedelta(days=days)
    steps = LIFECYCLE.history(bottleneck)
    for number, step in enumerate(steps):
        step.at -= shift * (len(steps) - number) / len(steps)
    at = {}
    for step in steps:
        at.setdefault(step.target, step.at)
    bottleneck.submitted_at = at.get(Status.SUBMITTED)
    bottleneck.created_at = (bottleneck.submitted_at or bottleneck.created_at) - timedelta(hours=2)
    bottleneck.triaged_at = at.get(Status.TRIAGED)
    if bottleneck.first_answer_at is not None:
        bottleneck.first_answer_at = at.get(Status.IN_DISCUSSION, bottleneck.first_answer_at)
    if bottleneck.closed_at is not None:
        bottleneck.closed_at = steps[-1].at
    db.session.flush()
