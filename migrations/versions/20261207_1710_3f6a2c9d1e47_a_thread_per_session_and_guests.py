"""a thread per session, guests invited by e-mail, approved minutes, proposed agenda items

Sessions register their thread with threads (`subject_type` "sessions", `subject_id` the
session's id); every session planned so far gets its thread here, one planned from now on
opens it at once. No column: the thread is found by its subject.

`session_guests`: the invitations of guests from outside the network who have no account yet,
per session; on acceptance they become the session's invitees by name.

`sessions.minutes_approved_at`, `minutes_approved_by_id`: the minutes approved at the next
session of the series, when and by whom (none approved so far).

`session_proposed_items`: bottlenecks proposed for the next session of a type.

Revision ID: 3f6a2c9d1e47
Revises: ecf496ce718d
Create Date: 2026-12-07 17:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3f6a2c9d1e47'
down_revision = 'ecf496ce718d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'session_proposed_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('bottleneck_id', sa.Integer(), nullable=False),
        sa.Column('type_id', sa.Integer(), nullable=False),
        sa.Column('proposed_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['bottleneck_id'], ['bottlenecks.id'], name=op.f('fk_session_proposed_items_bottleneck_id_bottlenecks'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'], name=op.f('fk_session_proposed_items_proposed_by_id_users')),
        sa.ForeignKeyConstraint(['type_id'], ['session_types.id'], name=op.f('fk_session_proposed_items_type_id_session_types'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_session_proposed_items')),
        sa.UniqueConstraint('bottleneck_id', 'type_id', name=op.f('uq_session_proposed_items_bottleneck_id')),
    )
    with op.batch_alter_table('session_proposed_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_proposed_items_type_id'), ['type_id'], unique=False)
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('minutes_approved_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('minutes_approved_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_sessions_minutes_approved_by_id_users'), 'users', ['minutes_approved_by_id'], ['id'])
    op.create_table(
        'session_guests',
        sa.Column('session_id', sa.Integer(), nullable=False),
        sa.Column('invitation_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['invitation_id'], ['invitations.id'], name=op.f('fk_session_guests_invitation_id_invitations'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_session_guests_session_id_sessions'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('session_id', 'invitation_id', name=op.f('pk_session_guests')),
    )
    op.execute(
        "INSERT INTO threads (subject_type, subject_id, created_at) "
        "SELECT 'sessions', s.id, s.created_at FROM sessions s WHERE NOT EXISTS ("
        "SELECT 1 FROM threads t WHERE t.subject_type = 'sessions' AND t.subject_id = s.id)"
    )


def downgrade():
    # The posts of session threads go with them (their revisions, mentions, reads and mutes
    # cascade), then the threads.
    session_threads = "SELECT id FROM threads WHERE subject_type = 'sessions'"
    op.execute(
        "UPDATE posts SET reply_to_id = NULL "
        f"WHERE reply_to_id IN (SELECT id FROM posts WHERE thread_id IN ({session_threads}))"
    )
    op.execute(
        "DELETE FROM post_revisions "
        f"WHERE post_id IN (SELECT id FROM posts WHERE thread_id IN ({session_threads}))"
    )
    op.execute(
        "DELETE FROM post_mentions "
        f"WHERE post_id IN (SELECT id FROM posts WHERE thread_id IN ({session_threads}))"
    )
    op.execute(f"DELETE FROM posts WHERE thread_id IN ({session_threads})")
    op.execute(f"DELETE FROM thread_reads WHERE thread_id IN ({session_threads})")
    op.execute(f"DELETE FROM thread_mutes WHERE thread_id IN ({session_threads})")
    op.execute("DELETE FROM threads WHERE subject_type = 'sessions'")
    op.drop_table('session_guests')
    op.drop_table('session_proposed_items')
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_sessions_minutes_approved_by_id_users'), type_='foreignkey')
        batch_op.drop_column('minutes_approved_by_id')
        batch_op.drop_column('minutes_approved_at')
