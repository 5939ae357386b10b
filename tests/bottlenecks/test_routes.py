"""The bottleneck pages: post, the page of one bottleneck, occurrences, triage, steps, merge."""

from datetime import date

import sqlalchemy as sa

from mdma.bottlenecks.models import Bottleneck, Occurrence
from mdma.bottlenecks.similar import rarity
from mdma.bottlenecks.states import Status
from mdma.core import pagination
from mdma.core.logbook import LogEntry
from mdma.notifications.models import Notification
from mdma.threads.models import Post
from tests import factories
from tests.conftest import wait_for


def new_bottleneck_form(**changes):
    return {
        "title": "Huurwaarborg via OCMW duurt te lang",
        "description": "Gezinnen verliezen een woning omdat de waarborg pas na weken komt.",
        "domains": ["housing"],
        "level": "intersectoral",
        "families_count": "2",
        "household_type": "single_parent",
        "children_band": "2",
        "youngest_age_band": "",
        "submit": "1",
    } | changes


def count(session, model):
    return session.scalar(sa.select(sa.func.count()).select_from(model))


def test_case_manager_posts_a_bottleneck_through_the_form(client, session, create_user, login_as):
    login_as(create_user("case_manager"))
    response = client.post("/bottlenecks/new", data=new_bottleneck_form())
    assert response.status_code == 302
    bottleneck = session.scalar(sa.select(Bottleneck))
    assert bottleneck.status == Status.SUBMITTED
    assert bottleneck.household_type == "single_parent"
    page = client.get(response.location).get_data(as_text=True)
    assert "Huurwaarborg via OCMW duurt te lang" in page


def test_saving_a_draft_keeps_it_to_its_writer(client, session, create_user, login_as):
    login_as(create_user("case_manager"))
    response = client.post("/bottlenecks/new", data=new_bottleneck_form(submit=None, draft="1"))
    bottleneck = session.scalar(sa.select(Bottleneck))
    assert bottleneck.status == Status.DRAFT
    assert client.get(response.location).status_code == 200
    login_as(create_user("case_manager"))
    assert client.get(response.location).status_code == 404


def test_a_stale_edit_of_a_draft_answers_409_and_keeps_the_newer_text(
    client, session, create_user, login_as
):
    writer = create_user("case_manager")
    draft = factories.create_bottleneck(writer, "Eerste titel", draft=True)
    seen = draft.version
    login_as(writer)
    first = client.post(
        f"/bottlenecks/{draft.id}/edit",
        data=new_bottleneck_form(title="Tweede titel", submit=None, version=str(seen)),
    )
    assert first.status_code == 302
    stale = client.post(
        f"/bottlenecks/{draft.id}/edit",
        data=new_bottleneck_form(title="Derde titel", submit=None, version=str(seen)),
    )
    assert stale.status_code == 409
    assert "Iemand anders heeft dit intussen gewijzigd" in stale.get_data(as_text=True)
    session.expire_all()
    assert session.get(Bottleneck, draft.id).title == "Tweede titel"


def test_a_step_someone_may_not_take_answers_the_403_page(client, session, create_user, login_as):
    bottleneck = factories.create_bottleneck()
    login_as(create_user("case_manager"))
    session.commit()  # a refused request rolls back its own changes, not the test's
    response = client.post(
        f"/bottlenecks/{bottleneck.id}/transition", data={"target": "declined", "reason": "Nee."}
    )
    assert response.status_code == 403
    assert session.get(Bottleneck, bottleneck.id).status == Status.SUBMITTED


def test_a_phone_number_is_refused_shown_and_nothing_is_stored(
    client, session, create_user, login_as
):
    login_as(create_user("case_manager"))
    session.commit()  # a refused request rolls back its own changes, not the test's account
    page = client.post(
        "/bottlenecks/new", data=new_bottleneck_form(description="Bel mama op 0471 23 45 67.")
    ).get_data(as_text=True)
    assert 'id="description-privacy"' in page
    assert "0471 23 45 67" in page  # shown to the writer, highlighted
    assert count(session, Bottleneck) == 0


def test_policy_owner_cannot_open_the_form(client, session, create_user, login_as):
    login_as(create_user("policy_owner"))
    assert client.get("/bottlenecks/new").status_code == 403


def test_list_filters_by_sector_and_shows_the_count(client, session, create_user, login_as):
    factories.create_bottleneck(title="Geen plaats in de kinderopvang", sectors=["children"])
    factories.create_bottleneck(title="Energiefactuur te hoog", sectors=["income"])
    login_as(create_user("policy_owner"))
    children = factories.sector("children")
    page = client.get(f"/bottlenecks?sector={children.id}").get_data(as_text=True)
    assert "Geen plaats in de kinderopvang" in page
    assert "Energiefactuur te hoog" not in page


def test_a_list_longer_than_the_count_limit_says_more_than(
    client, session, create_user, login_as, monkeypatch
):
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 25)
    for number in range(45):
        factories.create_bottleneck(title=f"Knelpunt {number}")
    login_as(create_user("case_manager"))
    page = client.get("/bottlenecks").get_data(as_text=True)
    assert "Meer dan 25 knelpunten" in page
    assert "Pagina 1 · meer dan 25 in totaal" in page
    assert 'rel="next"' in page
    last = client.get("/bottlenecks?page=3").get_data(as_text=True)
    assert "Knelpunt 0" in last and 'rel="next"' not in last


def test_an_invalid_filter_value_is_ignored_and_marked(client, session, create_user, login_as):
    factories.create_bottleneck(title="Energiefactuur te hoog")
    login_as(create_user("case_manager"))
    response = client.get("/bottlenecks?status=nonsense")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Energiefactuur te hoog" in page
    assert 'aria-invalid="true"' in page


def test_routed_to_my_sector_shows_what_the_coordinator_routed(
    client, session, create_user, login_as
):
    bottleneck = factories.create_bottleneck(title="Wachtlijst sociale huur")
    other = factories.create_bottleneck(title="Schoolfactuur onbetaalbaar")
    coordinator = create_user("coordinator")
    login_as(coordinator)
    housing = factories.sector("housing")
    response = client.post(
        f"/bottlenecks/{bottleneck.id}/triage",
        data={"sectors": [housing.id], "level": "intersectoral", "tags": "wonen, wachtlijst"},
    )
    assert response.status_code == 302
    assert bottleneck.status == Status.TRIAGED
    owner = create_user("policy_owner", sectors=[housing])
    login_as(owner)
    page = client.get("/bottlenecks?routed=1").get_data(as_text=True)
    assert "Wachtlijst sociale huur" in page
    assert other.title not in page


def test_routing_notifies_the_sector_and_mails_them(client, session, create_user, login_as, outbox):
    housing = factories.sector("housing")
    owner = create_user("policy_owner", sectors=[housing])
    bottleneck = factories.create_bottleneck(title="Wachtlijst sociale huur")
    login_as(create_user("coordinator"))
    client.post(
        f"/bottlenecks/{bottleneck.id}/triage",
        data={"sectors": [housing.id], "level": "intersectoral"},
    )
    notification = session.scalar(sa.select(Notification).where(Notification.user_id == owner.id))
    assert notification.kind == "bottleneck.routed"
    assert notification.url == f"/bottlenecks/{bottleneck.id}"
    assert owner.mail_frequency == "immediately"  # the default
    assert wait_for(lambda: any("Wachtlijst sociale huur" in m["Subject"] for m in outbox))


def test_case_manager_cannot_route(client, session, create_user, login_as):
    bottleneck = factories.create_bottleneck()
    login_as(create_user("case_manager"))
    assert client.get(f"/bottlenecks/{bottleneck.id}/triage").status_code == 403


def test_occurrence_is_added_and_counted(client, session, create_user, login_as):
    bottleneck = factories.create_bottleneck()
    login_as(create_user("social_worker"))
    response = client.post(
        f"/bottlenecks/{bottleneck.id}/occurrences/new",
        data={"occurred_on": date.today().isoformat(), "domains": ["income"], "note": ""},
    )
    assert response.status_code == 302
    assert bottleneck.occurrence_count == 1
    assert count(session, Occurrence) == 1


def test_a_future_occurrence_date_is_refused_at_its_field(client, session, create_user, login_as):
    bottleneck = factories.create_bottleneck()
    login_as(create_user("social_worker"))
    session.commit()
    page = client.post(
        f"/bottlenecks/{bottleneck.id}/occurrences/new", data={"occurred_on": "2999-01-01"}
    ).get_data(as_text=True)
    assert 'id="occurred_on-error"' in page
    assert count(session, Occurrence) == 0


def routed(create_user):
    bottleneck = factories.create_bottleneck()
    from mdma.bottlenecks import routing

    routing.triage(
        create_user("coordinator"),
        bottleneck,
        sectors=[factories.sector("income")],
        level="intersectoral",
    )
    return bottleneck


def test_a_plain_post_of_a_policy_owner_is_not_the_answer(client, session, create_user, login_as):
    bottleneck = routed(create_user)
    login_as(create_user("policy_owner", sectors=[factories.sector("income")]))
    response = client.post(f"/bottlenecks/{bottleneck.id}/posts", data={"body": "Een vraag."})
    assert response.status_code == 302
    assert bottleneck.status == Status.TRIAGED
    assert bottleneck.awaits_first_answer


def test_the_answer_of_the_routed_sector_opens_the_discussion(
    client, session, create_user, login_as
):
    bottleneck = routed(create_user)
    login_as(create_user("policy_owner", sectors=[factories.sector("income")]))
    page = client.get(f"/bottlenecks/{bottleneck.id}").get_data(as_text=True)
    assert "Post as the answer of my sector" in page or "antwoord van mijn sector" in page
    response = client.post(
        f"/bottlenecks/{bottleneck.id}/posts", data={"body": "We bekijken het.", "as_answer": "1"}
    )
    assert response.status_code == 302
    assert bottleneck.status == Status.IN_DISCUSSION
    assert bottleneck.first_answer_at is not None
    page = client.get(f"/bottlenecks/{bottleneck.id}").get_data(as_text=True)
    assert "We bekijken het." in page


def test_a_post_with_a_national_number_is_refused(client, session, create_user, login_as):
    bottleneck = routed(create_user)
    login_as(create_user("case_manager"))
    session.commit()
    page = client.post(
        f"/bottlenecks/{bottleneck.id}/posts", data={"body": "RRN 85073000061 graag nakijken."}
    ).get_data(as_text=True)
    assert 'id="body-privacy"' in page
    assert count(session, Post) == 0


def test_resolving_needs_a_resolution_and_the_step_shows_in_the_timeline(
    client, session, create_user, login_as
):
    bottleneck = routed(create_user)
    login_as(create_user("policy_owner", sectors=[factories.sector("income")]))
    session.commit()
    page = client.post(
        f"/bottlenecks/{bottleneck.id}/transition", data={"target": "resolved", "reason": ""}
    ).get_data(as_text=True)
    assert 'id="reason-error"' in page
    assert bottleneck.status == Status.TRIAGED
    client.post(
        f"/bottlenecks/{bottleneck.id}/transition",
        data={"target": "resolved", "reason": "Afgesproken: altijd de aanvraag indienen."},
    )
    assert bottleneck.status == Status.RESOLVED
    page = client.get(f"/bottlenecks/{bottleneck.id}").get_data(as_text=True)
    assert "Afgesproken: altijd de aanvraag indienen." in page


def test_case_manager_cannot_decline(client, session, create_user, login_as):
    bottleneck = factories.create_bottleneck()
    login_as(create_user("case_manager"))
    session.commit()
    client.post(
        f"/bottlenecks/{bottleneck.id}/transition", data={"target": "declined", "reason": "Nee."}
    )
    assert bottleneck.status == Status.SUBMITTED


def test_merged_duplicate_redirects_to_the_kept_one(client, session, create_user, login_as):
    keep = factories.create_bottleneck(title="Groeipakket komt te laat")
    duplicate = factories.create_bottleneck(title="Kinderbijslag wordt laat uitbetaald")
    login_as(create_user("coordinator"))
    response = client.post(f"/bottlenecks/{keep.id}/merge", data={"duplicate_id": duplicate.id})
    assert response.status_code == 302
    moved = client.get(f"/bottlenecks/{duplicate.id}")
    assert moved.status_code == 301
    assert moved.location.endswith(f"/bottlenecks/{keep.id}")


def test_the_merge_form_proposes_likely_duplicates(client, session, create_user, login_as):
    rarity.taken_at = float("-inf")
    keep = factories.create_bottleneck(title="Groeipakket komt maanden te laat")
    duplicate = factories.create_bottleneck(title="Kinderbijslag wordt laat uitbetaald")
    login_as(create_user("coordinator"))
    session.commit()
    page = client.get(f"/bottlenecks/{keep.id}").get_data(as_text=True)
    assert f"#{duplicate.id}" in page.split('id="merge-heading"')[1]


def test_merging_an_unknown_number_is_refused_at_its_field(client, session, create_user, login_as):
    keep = factories.create_bottleneck()
    login_as(create_user("coordinator"))
    session.commit()
    page = client.post(f"/bottlenecks/{keep.id}/merge", data={"duplicate_id": 999999}).get_data(
        as_text=True
    )
    assert 'id="duplicate_id-error"' in page


def test_follow_and_unfollow(client, session, create_user, login_as):
    bottleneck = factories.create_bottleneck()
    reader = create_user("researcher")
    login_as(reader)
    client.post(f"/bottlenecks/{bottleneck.id}/follow", data={"follow": "1"})
    assert reader in bottleneck.followers
    client.post(f"/bottlenecks/{bottleneck.id}/follow", data={"follow": "0"})
    assert reader not in bottleneck.followers


def test_status_change_is_logged_and_notifies_the_reporter(session, create_user, client, login_as):
    bottleneck = routed(create_user)
    login_as(create_user("coordinator"))
    client.post(
        f"/bottlenecks/{bottleneck.id}/transition",
        data={"target": "declined", "reason": "Buiten bevoegdheid."},
    )
    assert bottleneck.status == Status.DECLINED
    notified = session.scalars(
        sa.select(Notification).where(Notification.user_id == bottleneck.reporter_id)
    ).all()
    # The reporter hears of it as feedback, in the words of the step, once.
    assert [n.data["event"] for n in notified if n.kind == "bottleneck.feedback"][-1] == "declined"
    assert "bottleneck.status" not in [n.kind for n in notified]
    assert session.scalar(sa.select(LogEntry).where(LogEntry.action == "bottleneck:declined"))
