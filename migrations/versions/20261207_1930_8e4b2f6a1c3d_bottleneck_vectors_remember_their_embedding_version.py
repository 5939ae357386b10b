"""bottleneck vectors remember their embedding version (what text was embedded, which prefix),
so that the outdated ones can be embedded again

Revision ID: 8e4b2f6a1c3d
Revises: 8b1f4e2a6c30
Create Date: 2026-12-07 19:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8e4b2f6a1c3d'
down_revision = '8b1f4e2a6c30'
branch_labels = None
depends_on = None


def upgrade():
    # The vectors stored so far are of version 1: the title and 600 characters.
    with op.batch_alter_table('bottleneck_vectors', schema=None) as batch_op:
        batch_op.add_column(sa.Column('embedding_version', sa.SmallInteger(), server_default='1', nullable=False))


def downgrade():
    with op.batch_alter_table('bottleneck_vectors', schema=None) as batch_op:
        batch_op.drop_column('embedding_version')
