"""Correcting a submitted bottleneck: who may, versions with who and when, the guard, 409."""

import pytest
import sqlalchemy as sa

from mdma.bottlenecks import corrections, routing, services, timeline
from mdma.bottlenecks.models import Bottleneck, Revision
from mdma.bottlenecks.states import Status
from mdma.core.errors import AccessDenied, Conflict
from mdma.privacy.guard import PersonalDataFound
from tests.bottlenecks.conftest import count
from tests.factories import create_bottleneck, route_bottleneck

URL = "/api/v1/bottlenecks"


def fixed(**changes) -> corrections.Correction:
    return corrections.Correction(
        **{
            "title": "Huurwaarborg is te duur voor gezinnen",
            "description": "De waarborg komt pas na weken.",
            "domains": ["housing", "income"],
            "household": services.Household("single_parent", "2", None),
        }
        | changes
    )


@pytest.fixture
def reported(writer):
    return create_bottleneck(writer, "Huurwarborg te duur", sector="housing", domains=("housing",))


def test_the_reporter_corrects_before_anyone_answered_and_both_versions_are_kept(
    session, writer, reported
):
    original = reported.title
    revision = corrections.correct(writer, reported, fixed(), version=reported.version)
    assert revision.number == 2 and revision.editor == writer
    assert reported.title == "Huurwaarborg is te duur voor gezinnen"
    assert reported.domain_list == ["housing", "income"]
    assert reported.household_type == "single_parent"
    kept = corrections.revisions(reported)
    assert [(r.number, r.title, r.editor_id) for r in kept] == [
        (2, reported.title, writer.id),
        (1, original, writer.id),
    ]
    assert kept[1].domains == "housing"


def test_a_correction_shows_in_the_timeline(session, writer, coordinator, reported):
    corrections.correct(coordinator, reported, fixed())
    last = timeline.of(reported)[-1]
    assert last.actor == coordinator and "2" in str(last.target_label)


def test_the_reporter_may_no_longer_correct_once_a_sector_answered(
    session, writer, owner, reported
):
    route_bottleneck(reported, "housing")
    services.add_post(owner, reported, "We bekijken een voorschot op de waarborg.", as_answer=True)
    with pytest.raises(AccessDenied):
        corrections.correct(writer, reported, fixed())
    assert reported.title == "Huurwarborg te duur"


def test_the_coordinator_corrects_always_even_a_closed_one(session, coordinator, reported):
    routing.transition(coordinator, reported, Status.DECLINED, "Geen knelpunt van het netwerk.")
    routing.transition(coordinator, reported, Status.CLOSED)
    assert corrections.correct(coordinator, reported, fixed()).number == 2


def test_someone_else_may_not_correct(session, create_user, reported):
    with pytest.raises(AccessDenied):
        corrections.correct(create_user("case_manager"), reported, fixed())
    with pytest.raises(AccessDenied):
        corrections.correct(create_user("policy_owner"), reported, fixed())


def test_a_correction_passes_the_privacy_guard(session, writer, reported):
    with pytest.raises(PersonalDataFound):
        corrections.correct(writer, reported, fixed(description="Rijksregister 85073000061."))
    assert count(session, Revision) == 0


def test_a_correction_on_an_older_version_is_refused(session, writer, coordinator, reported):
    seen = reported.version
    corrections.correct(coordinator, reported, fixed(), version=seen)
    with pytest.raises(Conflict):
        corrections.correct(writer, reported, fixed(title="Iets anders"), version=seen)


def test_nothing_changed_makes_no_version(session, writer, reported):
    same = fixed(title=reported.title, description=reported.description, domains=["housing"],
                 household=services.Household())  # fmt: skip
    assert corrections.correct(writer, reported, same) is None
    assert count(session, Revision) == 0


# --- Pages -----------------------------------------------------------------------------------


def form(bottleneck, **changes) -> dict:
    return {
        "title": "Huurwaarborg is te duur voor gezinnen",
        "description": "De waarborg komt pas na weken.",
        "domains": ["housing", "income"],
        "household_type": "two_parents",
        "children_band": "",
        "youngest_age_band": "0-1",
        "version": str(bottleneck.version),
    } | changes


def test_the_reporter_corrects_on_the_page_and_sees_the_versions(
    client, session, login_as, writer, reported
):
    login_as(writer)
    page = client.get(f"/bottlenecks/{reported.id}").get_data(as_text=True)
    assert f'href="/bottlenecks/{reported.id}/correct"' in page
    response = client.post(f"/bottlenecks/{reported.id}/correct", data=form(reported))
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    assert "Huurwaarborg is te duur voor gezinnen" in page
    assert f'href="/bottlenecks/{reported.id}/versions"' in page
    versions = client.get(f"/bottlenecks/{reported.id}/versions").get_data(as_text=True)
    assert "Huurwarborg te duur" in versions and writer.name in versions


def test_a_stale_correction_on_the_page_answers_409(
    client, session, login_as, writer, coordinator, reported
):
    seen = form(reported)
    corrections.correct(coordinator, reported, fixed(title="De coördinator was eerst"))
    session.commit()
    login_as(writer)
    stale = client.post(f"/bottlenecks/{reported.id}/correct", data=seen)
    assert stale.status_code == 409
    session.expire_all()
    assert session.get(Bottleneck, reported.id).title == "De coördinator was eerst"


def test_the_correct_button_is_gone_once_answered(
    client, session, login_as, writer, owner, reported
):
    route_bottleneck(reported, "housing")
    services.add_post(owner, reported, "We bekijken het.", as_answer=True)
    login_as(writer)
    page = client.get(f"/bottlenecks/{reported.id}").get_data(as_text=True)
    assert f"/bottlenecks/{reported.id}/correct" not in page
    assert (
        client.post(f"/bottlenecks/{reported.id}/correct", data=form(reported)).status_code == 403
    )


# --- API -------------------------------------------------------------------------------------


def test_the_coordinator_corrects_through_the_api(call, session, coordinator, reported):
    patch = {"title": "Huurwaarborg te duur", "version": reported.version}
    response = call("PATCH", f"{URL}/{reported.id}", coordinator, json=patch)
    assert response.status_code == 200, response.json
    assert response.json["title"] == "Huurwaarborg te duur"
    versions = call("GET", f"{URL}/{reported.id}/versions", coordinator).json
    assert [(v["number"], v["title"]) for v in versions] == [
        (2, "Huurwaarborg te duur"),
        (1, "Huurwarborg te duur"),
    ]
    assert versions[0]["editor"] == coordinator.handle


def test_a_stale_correction_through_the_api_answers_409(call, session, coordinator, reported):
    patch = {"title": "Huurwaarborg te duur", "version": reported.version - 1}
    response = call("PATCH", f"{URL}/{reported.id}", coordinator, json=patch)
    assert response.status_code == 409


def test_after_submit_the_api_refuses_to_change_the_sectors(call, session, writer, reported):
    patch = {"sector_ids": [], "version": reported.version}
    response = call("PATCH", f"{URL}/{reported.id}", writer, json=patch)
    assert response.status_code == 422
    assert "sector_ids" in response.json["error"]["fields"]
    assert session.scalar(sa.select(sa.func.count()).select_from(Revision)) == 0
