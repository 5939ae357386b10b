"""bottleneck merges: both timelines record who merged which into which, the states and why

Revision ID: 3f7b3f05423a
Revises: 6214ae959300
Create Date: 2026-12-07 12:47:32.927909

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3f7b3f05423a'
down_revision = '6214ae959300'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('bottleneck_merges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('keep_id', sa.Integer(), nullable=False),
    sa.Column('duplicate_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('keep_status', sa.String(length=20), nullable=False),
    sa.Column('duplicate_status', sa.String(length=20), nullable=False),
    sa.Column('kept_status', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_bottleneck_merges_actor_id_users')),
    sa.ForeignKeyConstraint(['duplicate_id'], ['bottlenecks.id'], name=op.f('fk_bottleneck_merges_duplicate_id_bottlenecks')),
    sa.ForeignKeyConstraint(['keep_id'], ['bottlenecks.id'], name=op.f('fk_bottleneck_merges_keep_id_bottlenecks')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bottleneck_merges')),
    sa.UniqueConstraint('duplicate_id', name=op.f('uq_bottleneck_merges_duplicate_id'))
    )
    with op.batch_alter_table('bottleneck_merges', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bottleneck_merges_keep_id'), ['keep_id'], unique=False)



def downgrade():
    with op.batch_alter_table('bottleneck_merges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bottleneck_merges_keep_id'))

    op.drop_table('bottleneck_merges')
