"""bottleneck revisions: corrections after submit kept as versions

Revision ID: 6214ae959300
Revises: e669584c169a
Create Date: 2026-12-07 12:25:55.188222

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6214ae959300'
down_revision = 'e669584c169a'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('bottleneck_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bottleneck_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('editor_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('domains', sa.String(length=120), nullable=False),
    sa.Column('household_type', sa.String(length=20), nullable=True),
    sa.Column('children_band', sa.String(length=4), nullable=True),
    sa.Column('youngest_age_band', sa.String(length=6), nullable=True),
    sa.ForeignKeyConstraint(['bottleneck_id'], ['bottlenecks.id'], name=op.f('fk_bottleneck_revisions_bottleneck_id_bottlenecks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['editor_id'], ['users.id'], name=op.f('fk_bottleneck_revisions_editor_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bottleneck_revisions')),
    sa.UniqueConstraint('bottleneck_id', 'number', name=op.f('uq_bottleneck_revisions_bottleneck_id'))
    )


def downgrade():
    op.drop_table('bottleneck_revisions')
