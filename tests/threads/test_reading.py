"""Read state per user per thread: the marker of what is new since the last visit, a link to
the first unread post, unread counts in the list."""

from mdma.bottlenecks import services


def test_the_page_marks_what_came_since_the_last_visit(client, session, routed, people, login_as):
    services.add_post(people["housing"], routed, "Voor het bezoek.")
    login_as(people["writer"])
    first_visit = client.get(f"/bottlenecks/{routed.id}").get_data(as_text=True)
    assert 'id="first-unread"' not in first_visit
    later = services.add_post(people["income"], routed, "Na het bezoek.")
    session.commit()
    page = client.get(f"/bottlenecks/{routed.id}").get_data(as_text=True)
    assert 'href="#first-unread"' in page
    marker = page.index('id="first-unread"')
    assert page.index(f'id="post-{later.id}"') < marker < page.index("Na het bezoek.")
    again = client.get(f"/bottlenecks/{routed.id}").get_data(as_text=True)
    assert 'id="first-unread"' not in again


def test_the_list_counts_unread_posts_of_visited_threads(client, session, routed, people, login_as):
    login_as(people["writer"])
    client.get(f"/bottlenecks/{routed.id}")
    services.add_post(people["housing"], routed, "Een.")
    services.add_post(people["income"], routed, "Twee.")
    session.commit()
    listing = client.get("/bottlenecks").get_data(as_text=True)
    assert "2 nieuwe bijdragen" in listing or "2 new posts" in listing


def test_the_list_shows_which_sectors_answered_and_which_are_awaited(
    client, session, routed, people, login_as
):
    services.add_post(people["housing"], routed, "Antwoord.", as_answer=True)
    login_as(people["writer"])
    listing = client.get("/bottlenecks").get_data(as_text=True)
    assert "Answered: Housing" in listing and "Awaited: Income" in listing


def test_the_page_offers_the_answer_only_to_a_routed_sectors_owner(
    client, session, routed, people, login_as
):
    login_as(people["writer"])
    assert "Post as the answer of my sector" not in client.get(
        f"/bottlenecks/{routed.id}"
    ).get_data(as_text=True)
    login_as(people["income"])
    page = client.get(f"/bottlenecks/{routed.id}").get_data(as_text=True)
    assert "Post as the answer of my sector" in page
