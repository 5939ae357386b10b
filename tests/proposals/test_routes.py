"""The proposal and advice pages: each renders, writes through its form in one request, and
refuses bad input with a message at the field, nothing stored."""

from datetime import date

import sqlalchemy as sa

from mdma.proposals import advice, services
from mdma.proposals.models import Advice, Proposal
from tests.conftest import login


def _form(client, url, data):
    return client.post(url, data=data, follow_redirects=False)


def test_every_proposal_page_renders_for_the_coordinator(client, session, adopted, coordinator):
    session.commit()
    login(client, coordinator)
    followup = adopted.followup("flemish")
    for url in (
        "/proposals",
        "/proposals?status=adopted",
        "/proposals/new",
        f"/proposals/{adopted.id}",
        "/proposals/board",
        "/proposals/board?level=flemish&overdue=y",
        "/advices",
        "/advices/new?level=flemish",
        "/public/advices",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert client.get(f"/proposals/levels/{followup.id}/submit").status_code == 200


def test_a_proposal_is_written_on_its_page(app, client, session, owner, routed):
    session.commit()
    login(client, owner)
    response = _form(
        client,
        "/proposals/new",
        {
            "title": "Eén loket voor schoolkosten",
            "problem": "Ouders weten niet waar ze terechtkunnen.",
            "proposal": "Eén loket in elk Huis van het Kind.",
            "kind": "improvement",
            "levels": ["local"],
            "body_local": "Gemeenteraad",
            "owner": owner.id,
            "sector": 0,
            "organisation": 0,
            "bottlenecks": [routed[0].id],
        },
    )
    assert response.status_code == 302
    proposal = session.scalars(sa.select(Proposal)).one()
    assert proposal.followup("local").body == "Gemeenteraad"


def test_a_proposal_without_a_level_is_refused_on_the_page(client, session, owner):
    session.commit()
    login(client, owner)
    response = _form(
        client,
        "/proposals/new",
        {"title": "Zonder niveau", "problem": "p", "proposal": "v", "kind": "improvement",
         "owner": owner.id, "sector": 0, "organisation": 0},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Kies minstens één beleidsniveau." in response.get_data(as_text=True) or (
        "Choose at least one target level." in response.get_data(as_text=True)
    )
    assert session.scalar(sa.select(sa.func.count()).select_from(Proposal)) == 0


def test_the_coordinator_adopts_and_records_a_levels_answer_on_the_pages(
    client, session, proposal, coordinator
):
    session.commit()
    login(client, coordinator)
    for target in ("under_discussion", "adopted"):
        _form(client, f"/proposals/{proposal.id}/steps", {"target": target})
    session.refresh(proposal)
    assert proposal.status == "adopted"
    followup = proposal.followup("flemish")
    _form(client, f"/proposals/levels/{followup.id}/steps", {"target": "in_advice"})
    _form(
        client,
        f"/proposals/levels/{followup.id}/submit",
        {"submitted_on": "2026-09-01", "submitted_to": "Kabinet Welzijn"},
    )
    refused = _form(client, f"/proposals/levels/{followup.id}/answer", {"answer": "accepted"})
    assert refused.status_code == 200  # no date: the form again
    _form(
        client,
        f"/proposals/levels/{followup.id}/answer",
        {"answer": "accepted", "answered_on": "2026-10-01", "answer_text": "Akkoord."},
    )
    _form(client, f"/proposals/levels/{followup.id}/steps", {"target": "in_implementation"})
    _form(
        client,
        f"/proposals/levels/{followup.id}/progress",
        {"percent": "30", "text": "Gestart."},
    )
    session.refresh(followup)
    assert (followup.status, followup.answer, followup.progress_percent) == (
        "in_implementation", "accepted", 30,
    )  # fmt: skip
    page = client.get(f"/proposals/{proposal.id}").get_data(as_text=True)
    assert "Kabinet Welzijn" in page and "30 %" in page


def test_an_advice_is_compiled_published_and_downloaded(client, session, adopted, coordinator):
    session.commit()
    login(client, coordinator)
    response = _form(
        client,
        "/advices/new?level=flemish",
        {
            "level": "flemish", "period_start": "2026-01-01", "period_end": "2026-12-31",
            "language": "nl", "title": "Advies Vlaanderen", "grouping": "sector",
            "proposals": [adopted.id], "introduction": "Inleiding.",
        },
    )  # fmt: skip
    assert response.status_code == 302
    created = session.scalars(sa.select(Advice)).one()
    assert client.get(f"/advices/{created.id}").status_code == 200
    _form(
        client,
        f"/advices/{created.id}/edit",
        {"title": "Advies Vlaanderen 2026", "grouping": "domain", "proposals": [adopted.id],
         "based_on": 1},
    )  # fmt: skip
    assert client.get(f"/advices/{created.id}/compare").status_code == 200
    _form(client, f"/advices/{created.id}/publish", {})
    refused = _form(
        client, f"/advices/{created.id}/edit",
        {"title": "Nog iets", "grouping": "domain", "proposals": [adopted.id], "based_on": 2},
    )  # fmt: skip
    assert refused.status_code == 409
    pdf = client.get(f"/advices/{created.id}/export.pdf")
    assert pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF")
    assert client.get(f"/advices/{created.id}/export.docx").data.startswith(b"PK")


def test_the_public_page_is_off_by_default_and_shows_counts_without_bottleneck_text(
    client, session, adopted, coordinator, routed
):
    made = advice.create(
        coordinator, level="flemish", period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        content=advice.Content(title="Publiek advies", proposal_ids=[adopted.id]),
    )  # fmt: skip
    advice.publish(coordinator, made)
    session.commit()
    assert client.get(f"/public/advices/{made.id}").status_code == 404
    advice.set_public(coordinator, made, True)
    session.commit()
    page = client.get(f"/public/advices/{made.id}").get_data(as_text=True)
    assert adopted.title in page
    for bottleneck in routed:
        assert bottleneck.title not in page and bottleneck.description not in page
    assert ">4<" in page  # the occurrences, counted


def test_another_policy_owners_draft_is_not_found(client, session, proposal, create_user):
    session.commit()
    login(client, create_user("policy_owner"))
    assert client.get(f"/proposals/{proposal.id}").status_code == 404
    assert services.can_read(proposal.owner, proposal)


def test_a_bottleneck_page_shows_the_proposals_that_took_it_up_per_level(
    client, session, adopted, routed, reporter
):
    session.commit()
    login(client, reporter)
    page = client.get(f"/bottlenecks/{routed[0].id}").get_data(as_text=True)
    assert adopted.title in page
    assert page.count(f'href="/proposals/{adopted.id}"') == 1
