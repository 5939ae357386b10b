"""Guests from outside the network: invited to a session by e-mail, an account through the
platform's invitation, and with it only the sessions they are invited to."""

import sqlalchemy as sa

from mdma.accounts import services as accounts
from mdma.accounts.models import Invitation
from mdma.extensions import db
from mdma.notifications.models import Notification
from mdma.permissions import Role
from mdma.sessions import discussion, guests
from mdma.threads.events import thread_room
from mdma.threads.models import Post
from tests.core.test_live import connect, join  # noqa: F401 (the fixture)
from tests.factories import PASSWORD
from tests.sessions.conftest import plan_session


def _guest(coordinator, meeting, email="expert@eurocities.example"):
    invitation = guests.invite_guest(coordinator, meeting, email=email, name="Eva Expert")
    return accounts.accept_invitation(invitation, password=PASSWORD, language="en")


def test_an_address_without_an_account_gets_the_invitation_and_then_the_session(
    session, coordinator
):
    meeting = plan_session(coordinator, code="eu_advisory_group")
    invitation = guests.invite_guest(
        coordinator, meeting, email=" Expert@Eurocities.example ", name="Eva Expert"
    )
    assert (invitation.email, invitation.role) == ("expert@eurocities.example", Role.GUEST)
    assert guests.pending(meeting) == [invitation]

    guest = accounts.accept_invitation(invitation, password=PASSWORD, language="en")

    assert guest.role == Role.GUEST and guest in meeting.invitees
    assert guests.pending(meeting) == []
    told = db.session.scalars(sa.select(Notification.kind).where(Notification.user_id == guest.id))
    assert list(told) == ["session.invited"]


def test_two_sessions_inviting_one_address_share_one_invitation(session, coordinator):
    first, second = plan_session(coordinator), plan_session(coordinator, days=12)
    one = guests.invite_guest(coordinator, first, email="x@city.example", name="X")
    other = guests.invite_guest(coordinator, second, email="x@city.example", name="X")
    assert one.id == other.id
    guest = accounts.accept_invitation(one, password=PASSWORD, language="en")
    assert guest in first.invitees and guest in second.invitees


def test_an_address_with_an_account_is_invited_by_name(session, coordinator, create_user):
    member = create_user("policy_owner", email="owner@test.example")
    meeting = plan_session(coordinator)
    assert guests.invite_guest(coordinator, meeting, email="owner@test.example", name="") == member
    assert member in meeting.invitees
    assert db.session.scalar(sa.select(sa.func.count(Invitation.id))) == 0


def test_a_guest_reads_and_writes_only_the_sessions_they_are_invited_to(
    client, session, coordinator, login_as
):
    mine = plan_session(coordinator, code="eu_advisory_group", theme="Europese fondsen")
    other = plan_session(coordinator, code="lunch_talk", theme="Geheim thema")
    guest = _guest(coordinator, mine)
    session.commit()
    login_as(guest)

    assert client.get(f"/sessions/{mine.id}").status_code == 200
    assert client.get(f"/sessions/{other.id}").status_code == 404
    assert client.get(f"/sessions/{other.id}/calendar.ics").status_code in (403, 404)
    listed = client.get("/sessions").get_data(as_text=True)
    assert "Europese fondsen" in listed and "Geheim thema" not in listed
    api = client.get("/api/v1/sessions").get_json()
    assert [s["id"] for s in api] == [mine.id] or [s["id"] for s in api.get("items", api)] == [
        mine.id
    ]
    for elsewhere in ("/bottlenecks", "/directory/organisations", "/proposals", "/api/v1/sectors"):
        assert client.get(elsewhere).status_code in (403, 404), elsewhere
    other_thread = discussion.thread_of(other)
    assert client.get(f"/api/v1/threads/{other_thread.id}/posts").status_code in (403, 404)

    posted = client.post(f"/sessions/{mine.id}/posts", data={"body": "Graag de cijfers."})
    assert posted.status_code == 302
    refused = client.post(f"/sessions/{other.id}/posts", data={"body": "Hallo"})
    assert refused.status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(Post.id))) == 1


def test_the_menu_of_a_guest_offers_only_what_they_may_use(client, session, coordinator, login_as):
    guest = _guest(coordinator, plan_session(coordinator))
    session.commit()
    login_as(guest)
    page = client.get("/sessions").get_data(as_text=True)
    menu = page.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/sessions"' in menu
    assert 'href="/bottlenecks"' not in menu and 'href="/directory' not in menu


def test_a_guest_joins_the_live_room_of_their_session_only(
    connect,  # noqa: F811 (the fixture imported above)
    session,
    coordinator,
    create_user,
):
    mine, other = plan_session(coordinator), plan_session(coordinator, days=12)
    guest = _guest(coordinator, mine)
    session.commit()
    socket, _http = connect(guest)
    assert join(socket, thread_room(discussion.thread_of(mine).id)) == {"ok": True}
    refused = join(socket, thread_room(discussion.thread_of(other).id))
    assert refused["ok"] is False and refused["error"]


def test_the_coordinator_invites_a_guest_on_the_page_and_bad_input_stores_nothing(
    client, session, coordinator, login_as
):
    meeting = plan_session(coordinator)
    session.commit()
    login_as(coordinator)

    bad = client.post(f"/sessions/{meeting.id}/guests",
                      data={"email": "not an address", "name": "X", "language": "en"})  # fmt: skip
    assert bad.status_code in (200, 422) and "valid e-mail address" in bad.get_data(as_text=True)
    nameless = client.post(f"/sessions/{meeting.id}/guests",
                           data={"email": "a@b.example", "name": " ", "language": "en"})  # fmt: skip
    assert "This field is required." in nameless.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Invitation.id))) == 0

    done = client.post(f"/sessions/{meeting.id}/guests",
                       data={"email": "a@b.example", "name": "Ann", "language": "fr"})  # fmt: skip
    assert done.status_code == 302
    assert [i.email for i in guests.pending(meeting)] == ["a@b.example"]
    assert "a@b.example" in client.get(f"/sessions/{meeting.id}").get_data(as_text=True)


def test_the_api_invites_a_guest_and_refuses_a_bad_address(call, session, coordinator):
    meeting = plan_session(coordinator)
    answer = call("POST", f"/api/v1/sessions/{meeting.id}/guests", coordinator,
                  json={"email": "eu@network.example", "name": "Eu Net", "language": "fr"})  # fmt: skip
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json() == {"email": "eu@network.example", "name": "Eu Net",
                                 "status": "pending"}  # fmt: skip
    bad = call("POST", f"/api/v1/sessions/{meeting.id}/guests", coordinator,
               json={"email": "nope", "name": "X"})  # fmt: skip
    assert bad.status_code in (400, 422)
    assert [i.email for i in guests.pending(meeting)] == ["eu@network.example"]


def test_an_invitation_that_ran_out_is_listed_to_invite_again_not_as_pending(
    client, session, coordinator, login_as
):
    from datetime import timedelta

    from mdma.core.time import utcnow

    meeting = plan_session(coordinator)
    late = guests.invite_guest(coordinator, meeting, email="late@eu.example", name="Late")
    guests.invite_guest(coordinator, meeting, email="soon@eu.example", name="Soon")
    late.expires_at = utcnow() - timedelta(days=1)
    session.commit()

    assert [i.email for i in guests.pending(meeting)] == ["soon@eu.example"]
    assert [i.email for i in guests.expired(meeting)] == ["late@eu.example"]
    login_as(coordinator)
    page = client.get(f"/sessions/{meeting.id}").get_data(as_text=True)
    assert "invite them again): late@eu.example" in page
