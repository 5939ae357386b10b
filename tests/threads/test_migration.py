"""The bottleneck threads move onto the one thread of every object without losing a post."""

from flask_migrate import upgrade

from mdma.bottlenecks import search, services
from mdma.extensions import db
from mdma.threads import services as threads
from tests import factories
from tests.core.test_migrations import empty_database, migrating_app  # noqa: F401  (fixtures)

BEFORE = "27ab7bf351a5"
AFTER = "31c75d013a90"


def test_existing_posts_keep_their_thread_and_get_their_html(migrating_app):  # noqa: F811
    upgrade(revision=BEFORE)
    with db.engine.begin() as connection:
        run = connection.exec_driver_sql
        run(
            "INSERT INTO users (id, email, name, handle, role, password_hash, active, language,"
            " mail_frequency, notify_on_mention, notify_on_follow, session_version, created_at,"
            " updated_at) VALUES"
            " (1, 'a@test.example', 'Beleid Wonen', 'beleid.wonen', 'policy_owner', 'x', TRUE,"
            " 'nl', 'immediately', TRUE, TRUE, 1, '2026-01-01', '2026-01-01'),"
            " (2, 'b@test.example', 'Beleid Inkomen', 'beleid.inkomen', 'policy_owner', 'x',"
            " TRUE, 'nl', 'immediately', TRUE, TRUE, 1, '2026-01-01', '2026-01-01')"
        )
        sectors = dict(run("SELECT code, id FROM sectors").all())
        run(f"INSERT INTO user_sectors VALUES (1, {sectors['housing']})")
        run(f"INSERT INTO user_sectors VALUES (2, {sectors['income']})")
        run("INSERT INTO threads (id, created_at) VALUES (7, '2026-01-01')")
        run(
            "INSERT INTO bottlenecks (id, title, description, status, level, families_count,"
            " domains, occurrence_count, tags, reporter_id, thread_id, version, submitted_at,"
            " triaged_at, created_at, updated_at) VALUES (3, 'Waarborg', '', 'in_discussion',"
            " 'intersectoral', 1, 'housing', 0, '[]', 1, 7, 1, '2026-01-02', '2026-01-03',"
            " '2026-01-01', '2026-01-03')"
        )
        for code in ("housing", "income"):
            run(f"INSERT INTO bottleneck_sectors VALUES (3, {sectors[code]})")
        run(
            "INSERT INTO posts (id, thread_id, author_id, body, version, created_at, updated_at)"
            " VALUES (11, 7, 1, 'We **bekijken** het.', 1, '2026-01-04', '2026-01-04')"
        )
    upgrade(revision=AFTER)
    with db.engine.connect() as connection:
        run = connection.exec_driver_sql
        assert run("SELECT subject_type, subject_id FROM threads WHERE id = 7").one() == (
            "bottlenecks",
            3,
        )
        assert run("SELECT thread_id, body_html FROM posts WHERE id = 11").one() == (
            7,
            "<p>We <strong>bekijken</strong> het.</p>",
        )
        answers = dict(
            run(
                "SELECT s.code, bs.answer_post_id FROM bottleneck_sectors bs"
                " JOIN sectors s ON s.id = bs.sector_id"
            ).all()
        )
        # Only the sector whose policy owner wrote has answered; the other still owes it.
        assert answers == {"housing": 11, "income": None}
        if db.engine.dialect.name == "sqlite":  # the triggers made again still index posts
            run(
                "INSERT INTO posts (thread_id, author_id, body, body_html, version, created_at,"
                " updated_at) VALUES (7, 2, 'Ook de huurpremie.', '', 1, '2026-01-05',"
                " '2026-01-05')"
            )
            found = run("SELECT rowid FROM bottleneck_search WHERE posts MATCH 'huurpremie'")
            assert [row[0] for row in found] == [3]
    db.session.remove()


def test_search_leaves_out_withdrawn_posts(session):
    bottleneck = factories.create_bottleneck(title="Schoolfactuur")
    writer = bottleneck.reporter
    post = services.add_post(writer, bottleneck, "De zeldzame ruimtevaartpremie ontbreekt.")
    assert bottleneck.id in session.scalars(search.matching("ruimtevaartpremie")).all()
    threads.delete_post(writer, post)
    assert bottleneck.id not in session.scalars(search.matching("ruimtevaartpremie")).all()
