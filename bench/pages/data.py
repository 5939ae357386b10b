"""The data the page benchmark reads: the demo, a volume of bottlenecks for the lists, one open
bottleneck with 50 posts and one with 5 (the same page at two sizes), and an API token."""

import random
from dataclasses import dataclass

import sqlalchemy as sa
from flask_migrate import upgrade

from mdma.accounts.authentication import create_api_token
from mdma.accounts.models import User
from mdma.bottlenecks import services
from mdma.bottlenecks.models import Bottleneck
from mdma.bottlenecks.states import OPEN
from mdma.core.errors import RuleViolation
from mdma.extensions import db
from mdma.permissions import allowed
from mdma.proposals.models import Proposal
from mdma.proposals.states import ProposalPermission
from mdma.sessions import discussion
from mdma.sessions.models import Session
from mdma.sessions.states import SessionPermission
from mdma.threads.models import Post

#: The policy owner the pages are read as (a demo log-in).
READER = "housing@demo.example"

_SENTENCES = [
    "De aanvraag bleef drie weken liggen omdat niemand wist wie bevoegd was.",
    "Bij ons loopt het net zo: het gezin wacht op een attest dat een andere dienst moet geven.",
    "We hebben dit besproken op het teamoverleg en zien hetzelfde in andere wijken.",
    "Het **leefloon** werd uiteindelijk toegekend, maar met terugwerkende kracht pas na maanden.",
    "Kan de sector wonen bevestigen dat de huurwaarborg sneller kan worden vrijgegeven?",
    "Een afspraak met het OCMW vooraf zou veel *dubbel werk* vermijden.",
    "De school merkt dat kinderen afhaken wanneer de kosten voor uitstappen oplopen.",
    "Volgens de richtlijn moet de aanvraag altijd worden ingediend, ook bij twijfel.",
    "Wij verwijzen nu standaard door naar het welzijnsloket, met een korte nota erbij.",
    "De wachtlijst voor sociale huur is sinds vorig jaar nog langer geworden.",
]
_LISTS = [
    "- aanvraag indienen bij het OCMW\n- attest van de school opvragen\n- opvolgen na tien dagen",
    "1. eerst het dossier nakijken\n2. dan het gezin bellen\n3. daarna terugkoppelen",
]


def post_body(number: int) -> str:
    """About 500 characters of Markdown as posts are written: sentences, emphasis, sometimes a
    list or a link; the same for the same number."""
    rng = random.Random(number)
    paragraphs = [" ".join(rng.sample(_SENTENCES, 3)), " ".join(rng.sample(_SENTENCES, 2))]
    if number % 3 == 0:
        paragraphs.append(rng.choice(_LISTS))
    if number % 4 == 0:
        paragraphs.append("Zie ook [de richtlijn](https://www.example.org/richtlijn).")
    return "\n\n".join(paragraphs)


@dataclass
class Built:
    big: int  #: the bottleneck with 50 posts
    small: int  #: the bottleneck with 5 posts
    token: str  #: an API token of the reader
    session: int  #: a session the reader may read, whose thread has 50 posts
    small_session: int  #: one with 5
    proposal: int  #: a proposal the reader may read


def build(volume: int, posts: int = 50) -> Built:
    """Migrate, add the demo and `volume` generated bottlenecks, then the posts; commits. A
    database built before is reused as it is (only a new token is made)."""
    upgrade()
    reader = db.session.scalar(sa.select(User).where(User.email == READER))
    if reader is None:
        _fill(volume)
        reader = db.session.scalar(sa.select(User).where(User.email == READER))
    open_ones = db.session.scalars(
        sa.select(Bottleneck)
        .where(Bottleneck.status.in_(OPEN), Bottleneck.merged_into_id.is_(None))
        .order_by(Bottleneck.id)
        .limit(2)
    ).all()
    writers = db.session.scalars(sa.select(User).where(User.active).order_by(User.id)).all()
    big, small = (_discuss(b, writers, n) for b, n in zip(open_ones, (posts, 5), strict=True))
    meetings = [
        m
        for m in db.session.scalars(sa.select(Session).order_by(Session.id))
        if allowed(reader, SessionPermission.READ, m)
    ][:2]
    session, small_session = (
        _discuss(m, writers, n, discussion.add_post)
        for m, n in zip(meetings, (posts, 5), strict=True)
    )
    proposal = next(
        p.id
        for p in db.session.scalars(sa.select(Proposal).order_by(Proposal.id))
        if allowed(reader, ProposalPermission.READ, p)
    )
    _token, secret = create_api_token(reader, "page benchmark", None)
    db.session.commit()
    return Built(
        big=big,
        small=small,
        token=secret,
        session=session,
        small_session=small_session,
        proposal=proposal,
    )


def _fill(volume: int) -> None:
    from mdma.cli.demo import create_demo
    from mdma.cli.demo.staff import create_volume_staff
    from mdma.cli.demo.volume import generate

    create_demo()
    create_volume_staff()
    if volume:
        generate(volume)
    db.session.commit()


def _discuss(subject, writers: list[User], count: int, add_post=services.add_post) -> int:
    """Posts by many writers in turn, through the service the page uses, up to `count`, on a
    bottleneck (its `services.add_post`) or a session (`discussion.add_post`)."""
    thread = subject.thread if isinstance(subject, Bottleneck) else discussion.thread_of(subject)
    written = 0
    if thread is not None:
        written = db.session.scalar(
            sa.select(sa.func.count()).select_from(Post).where(Post.thread_id == thread.id)
        )
    turn = 0
    while written < count:
        writer = writers[turn % len(writers)]
        turn += 1
        try:
            with db.session.begin_nested():
                add_post(writer, subject, post_body(written), confirmed=True)
            written += 1
        except RuleViolation:
            continue  # this writer may not take part here: the next one
        if turn > 50 * count:
            raise SystemExit(f"could not write {count} posts on {subject!r}")
    db.session.commit()
    return subject.id
