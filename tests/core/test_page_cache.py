"""Pages kept per reader until the next write: served again without rendering, never stale
after a write, never shown to another reader, with the reader's own CSRF token."""

import re

import sqlalchemy as sa

from mdma.core import page_cache
from tests import factories


def _token(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def test_a_page_seen_again_is_served_without_rendering(client, session, login_as, count_queries):
    reader = factories.create_user("policy_owner", sectors=[factories.sector("income")])
    bottleneck = factories.create_bottleneck()
    login_as(reader)
    client.get(f"/bottlenecks/{bottleneck.id}")  # the first visit marks the thread as read
    first = client.get(f"/bottlenecks/{bottleneck.id}")
    with count_queries() as counted:
        again = client.get(f"/bottlenecks/{bottleneck.id}")
    assert again.status_code == 200
    assert again.get_data() == first.get_data()
    # the log-in session, its user and the write generation: nothing of the page itself
    assert len(counted) <= 4, "\n".join(s[:120] for s in counted.statements)


def test_any_write_is_seen_by_the_next_request(client, session, login_as):
    reader = factories.create_user("coordinator")
    bottleneck = factories.create_bottleneck(title="Huurwaarborg blijft geblokkeerd")
    login_as(reader)
    assert "Huurwaarborg blijft geblokkeerd" in client.get("/bottlenecks").get_data(as_text=True)
    bottleneck.title = "Huurwaarborg komt maanden te laat vrij"
    session.commit()
    page = client.get("/bottlenecks").get_data(as_text=True)
    assert "Huurwaarborg komt maanden te laat vrij" in page
    assert "Huurwaarborg blijft geblokkeerd" not in page


def test_a_post_by_someone_else_shows_at_once(client, session, login_as):
    from mdma.bottlenecks import services

    reader = factories.create_user("coordinator")
    writer = factories.create_user("case_manager")
    bottleneck = factories.create_bottleneck(reporter=writer)
    login_as(reader)
    client.get(f"/bottlenecks/{bottleneck.id}")
    services.add_post(writer, bottleneck, "Ook bij ons blijft de aanvraag zes weken liggen.")
    session.commit()
    page = client.get(f"/bottlenecks/{bottleneck.id}").get_data(as_text=True)
    assert "Ook bij ons blijft de aanvraag zes weken liggen." in page


def test_a_kept_page_is_never_served_to_another_reader(app, session):
    owner = factories.create_user("case_manager")
    stranger = factories.create_user("case_manager")
    draft = factories.create_bottleneck(reporter=owner, title="Mijn eigen concept", draft=True)
    session.commit()
    from tests.conftest import login

    mine, theirs = app.test_client(), app.test_client()
    login(mine, owner)
    login(theirs, stranger)
    assert "Mijn eigen concept" in mine.get(f"/bottlenecks/{draft.id}").get_data(as_text=True)
    assert theirs.get(f"/bottlenecks/{draft.id}").status_code in (403, 404)
    assert "Mijn eigen concept" not in theirs.get("/bottlenecks").get_data(as_text=True)


def test_a_permission_taken_away_is_seen_by_the_next_request(client, session, login_as):
    reader = factories.create_user("coordinator")
    bottleneck = factories.create_bottleneck()
    login_as(reader)
    assert client.get(f"/bottlenecks/{bottleneck.id}").status_code == 200
    reader.active = False
    session.commit()
    assert client.get(f"/bottlenecks/{bottleneck.id}").status_code in (302, 401, 403)


def test_the_served_page_carries_the_readers_own_working_token(
    app, client, session, login_as, csrf
):
    reader = factories.create_user("coordinator")
    bottleneck = factories.create_bottleneck()
    login_as(reader)
    client.get(f"/bottlenecks/{bottleneck.id}")
    kept = client.get(f"/bottlenecks/{bottleneck.id}").get_data(as_text=True)
    assert "\x00" not in kept
    other = app.test_client()
    from tests.conftest import login

    login(other, reader)  # the same reader, another browser: its own session and token
    served = other.get(f"/bottlenecks/{bottleneck.id}").get_data(as_text=True)
    assert _token(served) != _token(kept)
    answer = other.post(f"/bottlenecks/{bottleneck.id}/follow", data={"csrf_token": _token(served)})
    assert answer.status_code in (302, 303)


def test_a_waiting_message_is_shown_not_a_kept_page(client, session, login_as):
    reader = factories.create_user("coordinator")
    bottleneck = factories.create_bottleneck()
    login_as(reader)
    client.get(f"/bottlenecks/{bottleneck.id}")
    with client.session_transaction() as flask_session:
        flask_session["_flashes"] = [("success", "Een boodschap die wacht")]
    page = client.get(f"/bottlenecks/{bottleneck.id}").get_data(as_text=True)
    assert "Een boodschap die wacht" in page


def test_a_committed_write_raises_the_generation(session):
    before = page_cache.generation()
    factories.create_user("case_manager")
    session.commit()
    assert page_cache.generation() == before + 1
    session.commit()  # nothing written
    assert page_cache.generation() == before + 1


def test_a_connection_without_a_session_raises_it_too(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'plain.sqlite'}")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE TABLE write_generation (id INTEGER PRIMARY KEY, value BIGINT)"
        )
        connection.exec_driver_sql("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    with engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO notes (body) VALUES ('een')")
    with engine.begin() as connection:
        connection.exec_driver_sql("SELECT * FROM notes")
    with engine.connect() as connection:
        connection.exec_driver_sql("INSERT INTO notes (body) VALUES ('twee')")
        connection.rollback()
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE login_failures (id INTEGER PRIMARY KEY)")
    with engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO login_failures (id) VALUES (1)")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "WITH old AS (SELECT id FROM notes) UPDATE notes SET body = 'drie' WHERE id IN old"
        )
    with engine.begin() as connection:
        connection.exec_driver_sql("WITH n AS (SELECT 1) SELECT * FROM notes")
    with engine.connect() as connection:
        # two writes committed (one after its common table expression); a read, a rollback
        # and a quiet table raise nothing
        assert connection.exec_driver_sql("SELECT value FROM write_generation").scalar() == 2
    engine.dispose()


def test_the_store_keeps_within_its_budget():
    store = page_cache._Store()
    store.renew(1)
    for number in range(10):
        store.put(number, (b"x" * 100, [], "text/html"), budget=350)
    assert store.size <= 350
    assert store.get(9) is not None and store.get(0) is None
    store.renew(2)
    assert store.get(9) is None and store.size == 0
