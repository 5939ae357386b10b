"""Demo proposals and policy advice, fictional, told through the services: one adopted and
followed up at the Flemish level (in a published, public advice, answered, being implemented),
one adopted and waiting for a federal advice, one still under discussion."""

from datetime import date, timedelta

import sqlalchemy as sa

from mdma.accounts.models import User
from mdma.bottlenecks.models import Bottleneck
from mdma.extensions import db
from mdma.proposals import advice, services
from mdma.proposals.models import Proposal

TODAY = date.today()
PROPOSALS = [
    {
        "title": "Schuldbemiddeling binnen vier weken opstarten",
        "problem": "Gezinnen wachten tot drie maanden op een eerste gesprek bij de "
        "schuldbemiddeling. Intussen lopen de kosten van deurwaarders op.",
        "proposal": "Een **snelle intake** binnen vier weken, met een vast aanspreekpunt en "
        "een afspraak met deurwaarders om invorderingen tijdens de intake te pauzeren.",
        "expected_effect": "Minder bijkomende kosten en minder gezinnen die afhaken.",
        "kind": "agreement",
        "levels": {"flemish": "Vlaams minister van Welzijn", "local": "Gemeenteraad"},
        "owner": "income",
        "bottlenecks": ["Schuldbemiddeling start pas na maanden"],
        "steps": ["under_discussion", "adopted"],
    },
    {
        "title": "Sociaal tarief energie behouden bij kort interimwerk",
        "problem": "Enkele weken interimwerk doen het sociaal tarief vervallen; het herstel "
        "duurt maanden.",
        "proposal": "Het sociaal tarief pas herzien na zes maanden gewijzigd inkomen.",
        "expected_effect": "Geen plotse energieschulden bij wie aan het werk gaat.",
        "kind": "structural",
        "levels": {"federal": "Federaal minister van Energie"},
        "owner": "income",
        "bottlenecks": ["Sociaal tarief energie valt weg na enkele weken interimwerk"],
        "steps": ["under_discussion", "adopted"],
    },
    {
        "title": "Kinderopvang voor ouders in ploegendienst",
        "problem": "Ouders die in ploegen werken vinden geen opvang buiten de kantooruren.",
        "proposal": "Een proefproject met flexibele opvang in twee wijken.",
        "expected_effect": "Ouders kunnen werk in ploegen aannemen.",
        "kind": "improvement",
        "levels": {"local": "Schepen van Kinderopvang"},
        "owner": "children",
        "bottlenecks": ["Geen kinderopvang voor ouders in ploegendienst"],
        "steps": ["under_discussion"],
    },
]


def create_demo_proposals() -> int:
    """Tell the proposals that are not there yet (by title); returns how many were added."""
    existing = set(db.session.scalars(sa.select(Proposal.title)))
    users = {u.email.split("@")[0]: u for u in db.session.scalars(sa.select(User))}
    coordinator = users["coordinator"]
    made = {}
    for story in PROPOSALS:
        if story["title"] in existing:
            continue
        linked = db.session.scalars(
            sa.select(Bottleneck.id).where(Bottleneck.title.in_(story["bottlenecks"]))
        ).all()
        proposal = services.save(
            users[story["owner"]],
            None,
            services.Draft(
                title=story["title"], problem=story["problem"], proposal=story["proposal"],
                expected_effect=story["expected_effect"], kind=story["kind"],
                levels=story["levels"], owner_id=users[story["owner"]].id,
                bottleneck_ids=list(linked),
            ),
        )  # fmt: skip
        for target in story["steps"]:
            services.transition(coordinator, proposal, target)
        made[story["title"]] = proposal
    first = made.get(PROPOSALS[0]["title"])
    if first is not None:
        _flemish_advice(coordinator, first)
    return len(made)


def _flemish_advice(coordinator, proposal: Proposal) -> None:
    """A published, public advice to the Flemish level, answered and being implemented."""
    made = advice.create(
        coordinator, level="flemish", period_start=date(TODAY.year, 1, 1),
        period_end=date(TODAY.year, 12, 31),
        content=advice.Content(
            title=f"Beleidsadvies aan de Vlaamse overheid {TODAY.year}",
            introduction="Het netwerk bundelt wat gezinnen in armoede het vaakst tegenhoudt.",
            conclusion="We vragen een antwoord binnen drie maanden.",
            proposal_ids=[proposal.id],
        ),
    )  # fmt: skip
    advice.publish(coordinator, made)
    advice.set_public(coordinator, made, True)
    flemish = proposal.followup("flemish")
    services.submit(
        coordinator, flemish, on=TODAY - timedelta(days=60), to="Kabinet van de Vlaams minister"
    )
    services.answer(
        coordinator, flemish, outcome="partly", on=TODAY - timedelta(days=20),
        text="De minister neemt de snelle intake op in het nieuwe actieplan.",
    )  # fmt: skip
    services.followup_step(coordinator, flemish, "in_implementation")
    services.report_progress(
        coordinator, flemish, percent=40, text="Twee centra werken met de snelle intake."
    )
