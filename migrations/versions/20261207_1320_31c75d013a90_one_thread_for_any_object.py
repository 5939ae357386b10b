"""one thread for any object: posts rendered once, versions, replies, moderation, mentions,
read state; an answer per routed sector

Every thread now names the object it belongs to (`subject_type`, `subject_id`): the bottleneck
threads are given their bottleneck, every post stays where it is. Posts get their HTML rendered
once (filled here for the existing ones), a reply link, an edit mark, soft deletion, a
coordinator's hiding with a reason and the sector they answer for; earlier versions, mentions,
read marks and mutes get tables of their own. Each routed sector keeps its own first answer
and reminder day: filled from the first post of a policy owner of that sector after routing.

The search index leaves deleted and hidden posts out from now on. Rebuilding `posts` on SQLite
drops its triggers, so they are made again here (see 5c3e8a1f7b2d).

Revision ID: 31c75d013a90
Revises: a54c10a9b64d
Create Date: 2026-12-07 12:26:53.829716

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '31c75d013a90'
down_revision = 'a54c10a9b64d'
branch_labels = None
depends_on = None

VISIBLE = " AND deleted_at IS NULL AND hidden_at IS NULL"


def _sqlite_posts(thread: str, visible: str) -> str:
    return (
        "coalesce((SELECT group_concat(body, char(10)) FROM posts "
        f"WHERE thread_id = {thread}{visible}), '')"
    )


SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS bottleneck_search_{name}"
    for name in ("insert", "update", "post_insert", "post_update", "post_delete")
]


def _drop_sqlite_triggers() -> None:
    """Before `posts` is rebuilt: a trigger naming a table that is gone for a moment stops
    SQLite's rename."""
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_DROP:
            op.execute(statement)


def _sqlite_triggers(visible: str, watched: str) -> list[str]:
    posts = lambda thread: _sqlite_posts(thread, visible)  # noqa: E731
    return [
        *SQLITE_DROP,
        f"""CREATE TRIGGER bottleneck_search_insert AFTER INSERT ON bottlenecks BEGIN
            INSERT INTO bottleneck_search (rowid, title, description, posts)
            VALUES (new.id, new.title, new.description, {posts("new.thread_id")});
        END""",
        f"""CREATE TRIGGER bottleneck_search_update AFTER UPDATE OF title, description, thread_id
        ON bottlenecks BEGIN
            DELETE FROM bottleneck_search WHERE rowid = old.id;
            INSERT INTO bottleneck_search (rowid, title, description, posts)
            VALUES (new.id, new.title, new.description, {posts("new.thread_id")});
        END""",
        f"""CREATE TRIGGER bottleneck_search_post_insert AFTER INSERT ON posts BEGIN
            UPDATE bottleneck_search SET posts = {posts("new.thread_id")}
            WHERE rowid IN (SELECT id FROM bottlenecks WHERE thread_id = new.thread_id);
        END""",
        f"""CREATE TRIGGER bottleneck_search_post_update AFTER UPDATE OF {watched} ON posts BEGIN
            UPDATE bottleneck_search SET posts = {posts("old.thread_id")}
            WHERE rowid IN (SELECT id FROM bottlenecks WHERE thread_id = old.thread_id);
            UPDATE bottleneck_search SET posts = {posts("new.thread_id")}
            WHERE rowid IN (SELECT id FROM bottlenecks WHERE thread_id = new.thread_id);
        END""",
        f"""CREATE TRIGGER bottleneck_search_post_delete AFTER DELETE ON posts BEGIN
            UPDATE bottleneck_search SET posts = {posts("old.thread_id")}
            WHERE rowid IN (SELECT id FROM bottlenecks WHERE thread_id = old.thread_id);
        END""",
    ]


def _postgresql_triggers(visible: str, watched: str) -> list[str]:
    return [
        f"""CREATE OR REPLACE FUNCTION bottleneck_search_refresh(target integer) RETURNS void
        LANGUAGE sql AS $$
            INSERT INTO bottleneck_search (bottleneck_id, posts, document)
            SELECT b.id, p.body, bottleneck_search_document(b.title, b.description, p.body)
            FROM bottlenecks b CROSS JOIN LATERAL (
                SELECT coalesce(string_agg(body, E'\\n' ORDER BY id), '') AS body
                FROM posts WHERE posts.thread_id = b.thread_id{visible}
            ) p
            WHERE b.id = target
            ON CONFLICT (bottleneck_id)
            DO UPDATE SET posts = excluded.posts, document = excluded.document
        $$""",
        "DROP TRIGGER IF EXISTS bottleneck_search_refresh ON posts",
        f"""CREATE TRIGGER bottleneck_search_refresh
        AFTER INSERT OR UPDATE OF {watched} OR DELETE ON posts
        FOR EACH ROW EXECUTE FUNCTION bottleneck_search_post_changed()""",
    ]


def _search_triggers(visible: str, watched: str) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in (_sqlite_triggers if sqlite else _postgresql_triggers)(visible, watched):
        op.execute(statement)


def _render_existing_posts() -> None:
    from mdma.core.markdown import to_html

    posts = sa.table("posts", sa.column("id"), sa.column("body"), sa.column("body_html"))
    bind = op.get_bind()
    last = 0
    while True:
        rows = bind.execute(
            sa.select(posts.c.id, posts.c.body)
            .where(posts.c.id > last)
            .order_by(posts.c.id)
            .limit(1000)
        ).all()
        if not rows:
            return
        bind.execute(
            posts.update().where(posts.c.id == sa.bindparam("post_id")),
            [{"post_id": row.id, "body_html": to_html(row.body)} for row in rows],
        )
        last = rows[-1].id


def upgrade():
    op.create_table('thread_mutes',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['thread_id'], ['threads.id'], name=op.f('fk_thread_mutes_thread_id_threads'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_thread_mutes_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'thread_id', name=op.f('pk_thread_mutes'))
    )
    op.create_table('thread_reads',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('thread_id', sa.Integer(), nullable=False),
    sa.Column('last_read_post_id', sa.Integer(), nullable=False),
    sa.Column('visited_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['thread_id'], ['threads.id'], name=op.f('fk_thread_reads_thread_id_threads'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_thread_reads_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'thread_id', name=op.f('pk_thread_reads'))
    )

    # The thread's object. `threads` is referenced by posts and bottlenecks, so it is not
    # rebuilt on SQLite: the columns come with a default, then the bottlenecks fill them.
    op.add_column('threads', sa.Column('subject_type', sa.String(length=40), nullable=False, server_default=''))
    op.add_column('threads', sa.Column('subject_id', sa.Integer(), nullable=False, server_default='0'))
    op.execute(
        """UPDATE threads SET subject_type = 'bottlenecks',
            subject_id = (SELECT min(b.id) FROM bottlenecks b WHERE b.thread_id = threads.id)
        WHERE EXISTS (SELECT 1 FROM bottlenecks b WHERE b.thread_id = threads.id)"""
    )
    # A thread no bottleneck points at (none is known) keeps its posts, read by no one.
    op.execute(
        "UPDATE threads SET subject_type = 'orphaned', subject_id = id WHERE subject_type = ''"
    )
    op.create_index('ix_threads_subject', 'threads', ['subject_type', 'subject_id'], unique=True)

    _drop_sqlite_triggers()
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('body_html', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('reply_to_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('edited_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('editor_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('deleted_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('hidden_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('hidden_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('hidden_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('answer_sector_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_posts_editor_id_users'), 'users', ['editor_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_posts_answer_sector_id_sectors'), 'sectors', ['answer_sector_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_posts_hidden_by_id_users'), 'users', ['hidden_by_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_posts_reply_to_id_posts'), 'posts', ['reply_to_id'], ['id'])
    _render_existing_posts()
    _search_triggers(VISIBLE, "body, thread_id, deleted_at, hidden_at")

    op.create_table('post_mentions',
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_post_mentions_post_id_posts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_post_mentions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('post_id', 'user_id', name=op.f('pk_post_mentions'))
    )
    op.create_table('post_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('written_at', sa.DateTime(), nullable=False),
    sa.Column('withheld_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_post_revisions_author_id_users')),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_post_revisions_post_id_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_post_revisions')),
    sa.UniqueConstraint('post_id', 'number', name=op.f('uq_post_revisions_post_id'))
    )

    with op.batch_alter_table('bottleneck_sectors', schema=None) as batch_op:
        batch_op.add_column(sa.Column('answered_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('answer_post_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('reminded_on', sa.Date(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_bottleneck_sectors_answer_post_id_posts'), 'posts', ['answer_post_id'], ['id'], ondelete='SET NULL')
    # Until now one sector's first post answered for all: each sector's own first answer is
    # the first post of one of its policy owners after routing.
    first_post = """(SELECT {what} FROM posts p
        JOIN bottlenecks b ON b.thread_id = p.thread_id
        JOIN users u ON u.id = p.author_id AND u.role = 'policy_owner'
        JOIN user_sectors us ON us.user_id = u.id
        WHERE b.id = bottleneck_sectors.bottleneck_id
          AND us.sector_id = bottleneck_sectors.sector_id
          AND b.triaged_at IS NOT NULL AND p.created_at >= b.triaged_at)"""
    op.execute(
        f"""UPDATE bottleneck_sectors SET answered_at = {first_post.format(what="min(p.created_at)")},
            answer_post_id = {first_post.format(what="min(p.id)")}"""
    )


def downgrade():
    with op.batch_alter_table('bottleneck_sectors', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_bottleneck_sectors_answer_post_id_posts'), type_='foreignkey')
        batch_op.drop_column('reminded_on')
        batch_op.drop_column('answer_post_id')
        batch_op.drop_column('answered_at')
    op.drop_table('post_revisions')
    op.drop_table('post_mentions')

    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        _drop_sqlite_triggers()
    else:  # PostgreSQL's trigger names columns dropped below: back to its earlier form first
        _search_triggers("", "body, thread_id")
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_posts_reply_to_id_posts'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_posts_hidden_by_id_users'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_posts_answer_sector_id_sectors'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_posts_editor_id_users'), type_='foreignkey')
        batch_op.drop_column('answer_sector_id')
        batch_op.drop_column('hidden_reason')
        batch_op.drop_column('hidden_by_id')
        batch_op.drop_column('hidden_at')
        batch_op.drop_column('deleted_at')
        batch_op.drop_column('editor_id')
        batch_op.drop_column('edited_at')
        batch_op.drop_column('reply_to_id')
        batch_op.drop_column('body_html')
    if sqlite:
        _search_triggers("", "body, thread_id")

    op.drop_index('ix_threads_subject', table_name='threads')
    # Not rebuilt on SQLite either (referenced by posts and bottlenecks).
    op.execute("ALTER TABLE threads DROP COLUMN subject_id")
    op.execute("ALTER TABLE threads DROP COLUMN subject_type")
    op.drop_table('thread_reads')
    op.drop_table('thread_mutes')
