"""write generation: one number every committed writing transaction raises, so a page kept
per reader is rendered anew after any write

Revision ID: 8b1f4e2a6c30
Revises: 3c9d51a7e2b4
Create Date: 2026-12-07 19:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8b1f4e2a6c30'
down_revision = '3c9d51a7e2b4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('write_generation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_write_generation'))
    )
    op.execute("INSERT INTO write_generation (id, value) VALUES (1, 0)")


def downgrade():
    op.drop_table('write_generation')
