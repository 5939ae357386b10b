"""index the bottleneck lists' filters: status, awaiting an answer, level and domains

The newest-first index carries level, domains, triaged_at and the reporter, so those filters
are read from the index; a status has its own index in date order; the overdue list and the reminders read
the index of bottlenecks awaiting a first answer. Each ends with the id, so that PostgreSQL
answers "is it among these ids" (sectors, search matches) from the index as well. Plain index statements, no batch: on SQLite a batch
operation would rebuild `bottlenecks` and drop the full-text triggers.

Revision ID: 7d2e4c1a9b63
Revises: 5c3e8a1f7b2d
Create Date: 2026-12-05 07:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '7d2e4c1a9b63'
down_revision = '5c3e8a1f7b2d'
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index('ix_bottlenecks_status', table_name='bottlenecks')
    op.drop_index('ix_bottlenecks_answer_due_on', table_name='bottlenecks')
    op.drop_index('ix_bottlenecks_listed_newest', table_name='bottlenecks')
    op.create_index(
        'ix_bottlenecks_listed_newest',
        'bottlenecks',
        [
            'submitted_at',
            'status',
            'merged_into_id',
            'level',
            'domains',
            'triaged_at',
            'reporter_id',
            'id',
        ],
    )
    op.create_index(
        'ix_bottlenecks_by_status',
        'bottlenecks',
        ['status', 'submitted_at', 'merged_into_id', 'id'],
    )
    op.create_index(
        'ix_bottlenecks_awaiting_answer',
        'bottlenecks',
        ['first_answer_at', 'status', 'answer_due_on', 'merged_into_id', 'submitted_at', 'id'],
    )
    # Without statistics on the new indexes SQLite guesses, and guesses a full sort.
    op.execute("ANALYZE bottlenecks")


def downgrade():
    op.drop_index('ix_bottlenecks_awaiting_answer', table_name='bottlenecks')
    op.drop_index('ix_bottlenecks_by_status', table_name='bottlenecks')
    op.drop_index('ix_bottlenecks_listed_newest', table_name='bottlenecks')
    op.create_index(
        'ix_bottlenecks_listed_newest', 'bottlenecks', ['submitted_at', 'status', 'merged_into_id']
    )
    op.create_index('ix_bottlenecks_answer_due_on', 'bottlenecks', ['answer_due_on'])
    op.create_index('ix_bottlenecks_status', 'bottlenecks', ['status'])
