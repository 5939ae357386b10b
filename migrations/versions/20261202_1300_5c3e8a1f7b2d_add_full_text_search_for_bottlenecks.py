"""add full-text search for bottlenecks: titles, descriptions and thread posts

One search document per bottleneck, kept up to date by triggers in the transaction that
changes a bottleneck or a post (moving posts on a merge included). SQLite: an FTS5 table
whose rowid is the bottleneck id. PostgreSQL: a table with a weighted tsvector (title A,
description B, posts C) under a GIN index, in `mdma_dutch`: the `dutch` configuration with
`unaccent` first, so België and belgie are one word in documents and in highlights.

Batch migrations that rebuild `bottlenecks` or `posts` on SQLite drop their triggers: such a
migration must run this revision's SQLite trigger statements again (tests/bottlenecks/
test_search.py fails when a post added later is not found).

Revision ID: 5c3e8a1f7b2d
Revises: 16a8bbc75e9c
Create Date: 2026-12-10 09:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '5c3e8a1f7b2d'
down_revision = '16a8bbc75e9c'
branch_labels = None
depends_on = None


SQLITE_POSTS = "coalesce((SELECT group_concat(body, char(10)) FROM posts WHERE thread_id = {thread}), '')"

SQLITE_UPGRADE = [
    """CREATE VIRTUAL TABLE bottleneck_search USING fts5(
        title, description, posts, tokenize="unicode61 remove_diacritics 2", prefix='3')""",
    f"""CREATE TRIGGER bottleneck_search_insert AFTER INSERT ON bottlenecks BEGIN
        INSERT INTO bottleneck_search (rowid, title, description, posts)
        VALUES (new.id, new.title, new.description, {SQLITE_POSTS.format(thread="new.thread_id")});
    END""",
    f"""CREATE TRIGGER bottleneck_search_update AFTER UPDATE OF title, description, thread_id
    ON bottlenecks BEGIN
        DELETE FROM bottleneck_search WHERE rowid = old.id;
        INSERT INTO bottleneck_search (rowid, title, description, posts)
        VALUES (new.id, new.title, new.description, {SQLITE_POSTS.format(thread="new.thread_id")});
    END""",
    """CREATE TRIGGER bottleneck_search_delete AFTER DELETE ON bottlenecks BEGIN
        DELETE FROM bottleneck_search WHERE rowid = old.id;
    END""",
    f"""CREATE TRIGGER bottleneck_search_post_insert AFTER INSERT ON posts BEGIN
        UPDATE bottleneck_search SET posts = {SQLITE_POSTS.format(thread="new.thread_id")}
        WHERE rowid IN (SELECT id FROM bottlenecks WHERE thread_id = new.thread_id);
    END""",
    f"""CREATE TRIGGER bottleneck_search_post_update AFTER UPDATE OF body, thread_id ON posts BEGIN
        UPDATE bottleneck_search SET posts = {SQLITE_POSTS.format(thread="old.thread_id")}
        WHERE rowid IN (SELECT id FROM bottlenecks WHERE thread_id = old.thread_id);
        UPDATE bottleneck_search SET posts = {SQLITE_POSTS.format(thread="new.thread_id")}
        WHERE rowid IN (SELECT id FROM bottlenecks WHERE thread_id = new.thread_id);
    END""",
    f"""CREATE TRIGGER bottleneck_search_post_delete AFTER DELETE ON posts BEGIN
        UPDATE bottleneck_search SET posts = {SQLITE_POSTS.format(thread="old.thread_id")}
        WHERE rowid IN (SELECT id FROM bottlenecks WHERE thread_id = old.thread_id);
    END""",
    f"""INSERT INTO bottleneck_search (rowid, title, description, posts)
        SELECT id, title, description, {SQLITE_POSTS.format(thread="bottlenecks.thread_id")}
        FROM bottlenecks""",
]

SQLITE_DOWNGRADE = [
    *(
        f"DROP TRIGGER IF EXISTS bottleneck_search_{name}"
        for name in ("insert", "update", "delete", "post_insert", "post_update", "post_delete")
    ),
    "DROP TABLE IF EXISTS bottleneck_search",
]

POSTGRESQL_UPGRADE = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION mdma_dutch (COPY = pg_catalog.dutch)",
    """ALTER TEXT SEARCH CONFIGURATION mdma_dutch
        ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem""",
    """CREATE TABLE bottleneck_search (
        bottleneck_id integer PRIMARY KEY REFERENCES bottlenecks (id) ON DELETE CASCADE,
        posts text NOT NULL DEFAULT '',
        document tsvector NOT NULL
    )""",
    "CREATE INDEX ix_bottleneck_search_document ON bottleneck_search USING gin (document)",
    """CREATE FUNCTION bottleneck_search_document(title text, description text, posts text)
    RETURNS tsvector LANGUAGE sql STABLE AS $$
        SELECT setweight(to_tsvector('mdma_dutch', coalesce(title, '')), 'A')
            || setweight(to_tsvector('mdma_dutch', coalesce(description, '')), 'B')
            || setweight(to_tsvector('mdma_dutch', coalesce(posts, '')), 'C')
    $$""",
    """CREATE FUNCTION bottleneck_search_refresh(target integer) RETURNS void
    LANGUAGE sql AS $$
        INSERT INTO bottleneck_search (bottleneck_id, posts, document)
        SELECT b.id, p.body, bottleneck_search_document(b.title, b.description, p.body)
        FROM bottlenecks b CROSS JOIN LATERAL (
            SELECT coalesce(string_agg(body, E'\\n' ORDER BY id), '') AS body
            FROM posts WHERE posts.thread_id = b.thread_id
        ) p
        WHERE b.id = target
        ON CONFLICT (bottleneck_id)
        DO UPDATE SET posts = excluded.posts, document = excluded.document
    $$""",
    """CREATE FUNCTION bottleneck_search_bottleneck_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM bottleneck_search_refresh(NEW.id);
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER bottleneck_search_refresh
    AFTER INSERT OR UPDATE OF title, description, thread_id ON bottlenecks
    FOR EACH ROW EXECUTE FUNCTION bottleneck_search_bottleneck_changed()""",
    """CREATE FUNCTION bottleneck_search_post_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM bottleneck_search_refresh(b.id) FROM bottlenecks b
        WHERE b.thread_id IN (
            CASE WHEN TG_OP <> 'INSERT' THEN OLD.thread_id END,
            CASE WHEN TG_OP <> 'DELETE' THEN NEW.thread_id END
        );
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER bottleneck_search_refresh
    AFTER INSERT OR UPDATE OF body, thread_id OR DELETE ON posts
    FOR EACH ROW EXECUTE FUNCTION bottleneck_search_post_changed()""",
    "SELECT bottleneck_search_refresh(id) FROM bottlenecks",
]

POSTGRESQL_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS bottleneck_search_refresh ON posts",
    "DROP TRIGGER IF EXISTS bottleneck_search_refresh ON bottlenecks",
    "DROP FUNCTION IF EXISTS bottleneck_search_post_changed()",
    "DROP FUNCTION IF EXISTS bottleneck_search_bottleneck_changed()",
    "DROP FUNCTION IF EXISTS bottleneck_search_refresh(integer)",
    "DROP FUNCTION IF EXISTS bottleneck_search_document(text, text, text)",
    "DROP TABLE IF EXISTS bottleneck_search",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS mdma_dutch",
]


def upgrade():
    # The posts triggers find a thread's bottleneck by its thread.
    with op.batch_alter_table('bottlenecks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bottlenecks_thread_id'), ['thread_id'], unique=False)
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_UPGRADE if dialect == "sqlite" else POSTGRESQL_UPGRADE:
        op.execute(statement)


def downgrade():
    dialect = op.get_bind().dialect.name
    for statement in SQLITE_DOWNGRADE if dialect == "sqlite" else POSTGRESQL_DOWNGRADE:
        op.execute(statement)
    with op.batch_alter_table('bottlenecks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bottlenecks_thread_id'))
