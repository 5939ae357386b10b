"""a thread per session, and guests invited by e-mail

Sessions register their thread with threads (`subject_type` "sessions", `subject_id` the
session's id); every session planned so far gets its thread here, one planned from now on
opens it at once. No column: the thread is found by its subject.

`session_guests`: the invitations of guests from outside the network who have no account yet,
per session; on acceptance they become the session's invitees by name.

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
