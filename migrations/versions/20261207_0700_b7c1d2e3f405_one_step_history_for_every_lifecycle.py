"""one step history for every lifecycle: bottleneck_steps become lifecycle_steps

Every step a bottleneck took is kept, in its order, with its actor, time, source, target and
reason; the new table names its object by table and id, so sessions, proposals and their
follow-ups keep their history in it too.

Revision ID: b7c1d2e3f405
Revises: a41f0c9d2e57
Create Date: 2026-12-07 07:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b7c1d2e3f405'
down_revision = 'a41f0c9d2e57'
branch_labels = None
depends_on = None

COLUMNS = "actor_id, at, source, target, reason"


def upgrade():
    op.create_table(
        'lifecycle_steps',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('subject_type', sa.String(length=40), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('source', sa.String(length=20), nullable=True),
        sa.Column('target', sa.String(length=20), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ['actor_id'], ['users.id'], name=op.f('fk_lifecycle_steps_actor_id_users')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lifecycle_steps')),
    )
    op.create_index(
        'ix_lifecycle_steps_subject', 'lifecycle_steps', ['subject_type', 'subject_id', 'at']
    )
    op.execute(
        f"INSERT INTO lifecycle_steps (subject_type, subject_id, {COLUMNS}) "
        f"SELECT 'bottlenecks', bottleneck_id, {COLUMNS} FROM bottleneck_steps ORDER BY id"
    )
    op.drop_index('ix_bottleneck_steps_bottleneck_id', table_name='bottleneck_steps')
    op.drop_table('bottleneck_steps')


def downgrade():
    op.create_table(
        'bottleneck_steps',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('bottleneck_id', sa.Integer(), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('source', sa.String(length=20), nullable=True),
        sa.Column('target', sa.String(length=20), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ['actor_id'], ['users.id'], name=op.f('fk_bottleneck_steps_actor_id_users')
        ),
        sa.ForeignKeyConstraint(
            ['bottleneck_id'], ['bottlenecks.id'],
            name=op.f('fk_bottleneck_steps_bottleneck_id_bottlenecks'),
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_bottleneck_steps')),
    )
    op.create_index(
        'ix_bottleneck_steps_bottleneck_id', 'bottleneck_steps', ['bottleneck_id'], unique=False
    )
    op.execute(
        f"INSERT INTO bottleneck_steps (bottleneck_id, {COLUMNS}) SELECT subject_id, {COLUMNS} "
        "FROM lifecycle_steps WHERE subject_type = 'bottlenecks' ORDER BY id"
    )
    op.execute("DELETE FROM lifecycle_steps WHERE subject_type = 'bottlenecks'")
    op.drop_index('ix_lifecycle_steps_subject', table_name='lifecycle_steps')
    op.drop_table('lifecycle_steps')
