"""bottleneck vectors: the embedding of each submitted bottleneck's text, for similar suggestions

Revision ID: 5b1e0c7d9a21
Revises: c79d2d8453b2
Create Date: 2026-12-07 16:15:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5b1e0c7d9a21'
down_revision = 'c79d2d8453b2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'bottleneck_vectors',
        sa.Column('bottleneck_id', sa.Integer(), nullable=False),
        sa.Column('vector', sa.LargeBinary(), nullable=True),
        sa.Column('scale', sa.Float(), nullable=False),
        sa.Column('changed_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['bottleneck_id'], ['bottlenecks.id'], name=op.f('fk_bottleneck_vectors_bottleneck_id_bottlenecks'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('bottleneck_id', name=op.f('pk_bottleneck_vectors')),
    )
    with op.batch_alter_table('bottleneck_vectors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bottleneck_vectors_changed_at'), ['changed_at'], unique=False)


def downgrade():
    with op.batch_alter_table('bottleneck_vectors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bottleneck_vectors_changed_at'))
    op.drop_table('bottleneck_vectors')
