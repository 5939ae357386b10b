"""What a live page fetches after a change notice: one post, or what changed since it looked,
for readers of the thread only."""

import re
from datetime import timedelta

from mdma.bottlenecks import services
from mdma.core.time import utcnow
from mdma.threads.live_routes import COMMIT_LAG
from tests import factories
from tests.conftest import login


def post_ids(html: str) -> list[int]:
    return [int(found) for found in re.findall(r'id="post-(\d+)"', html)]


def test_a_reader_gets_one_post_rendered_as_on_the_page(client, session, create_user):
    writer = create_user("case_manager", name="Sofie Claes")
    bottleneck = factories.create_bottleneck(writer)
    post = services.add_post(writer, bottleneck, "Het **OCMW** weet ervan.")
    login(client, create_user("coordinator"))

    response = client.get(f"/threads/{bottleneck.thread_id}/posts/{post.id}")

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'id="post-{post.id}" data-version="1"' in html
    assert "<strong>OCMW</strong>" in html and "Sofie Claes" in html


def test_posts_since_a_look_are_those_changed_after_it_less_the_commit_lag(
    client, session, create_user
):
    writer = create_user("case_manager")
    bottleneck = factories.create_bottleneck(writer)
    old = services.add_post(writer, bottleneck, "Eerder geschreven.")
    old.updated_at = old.created_at = utcnow() - COMMIT_LAG - timedelta(minutes=5)
    recent = services.add_post(writer, bottleneck, "Net geschreven.")
    session.flush()
    login(client, writer)
    looked = (utcnow() - timedelta(seconds=1)).isoformat()

    since = client.get(f"/threads/{bottleneck.thread_id}/posts", query_string={"since": looked})
    everything = client.get(f"/threads/{bottleneck.thread_id}/posts")

    assert post_ids(since.get_data(as_text=True)) == [recent.id]
    assert post_ids(everything.get_data(as_text=True)) == [old.id, recent.id]
    assert re.search(r'data-live-cursor="[0-9T:.-]+"', since.get_data(as_text=True))


def test_a_malformed_cursor_is_a_bad_request(client, session, create_user):
    writer = create_user("case_manager")
    bottleneck = factories.create_bottleneck(writer)
    login(client, writer)
    response = client.get(f"/threads/{bottleneck.thread_id}/posts?since=yesterday")
    assert response.status_code == 400


def test_who_may_not_read_the_thread_gets_nothing_of_it(client, session, create_user):
    writer = create_user("case_manager")
    draft = factories.create_bottleneck(writer, draft=True)
    other = factories.create_bottleneck(writer)
    post = services.add_post(writer, other, "Op een ander knelpunt.")
    login(client, create_user("case_manager"))

    assert client.get(f"/threads/{draft.thread_id}/posts").status_code == 404
    assert client.get(f"/threads/{draft.thread_id}/posts/{post.id}").status_code == 404
    assert client.get("/threads/999999/posts").status_code == 404


def test_a_post_is_only_found_in_its_own_thread(client, session, create_user):
    writer = create_user("case_manager")
    first, second = factories.create_bottleneck(writer), factories.create_bottleneck(writer)
    post = services.add_post(writer, first, "Hier.")
    login(client, writer)
    assert client.get(f"/threads/{second.thread_id}/posts/{post.id}").status_code == 404


def test_the_bell_counts_the_unread_notifications_of_whoever_asks(client, session, create_user):
    from mdma.notifications import services as notifications

    user = create_user()
    notifications.notify([user], "bottleneck.routed", url="/", title="X", sectors="Y")
    login(client, user)
    assert client.get("/notifications/unread").get_json() == {"unread": 1}
    assert 'data-live-unread>1<span class="visually-hidden">' in client.get("/").get_data(
        as_text=True
    )
