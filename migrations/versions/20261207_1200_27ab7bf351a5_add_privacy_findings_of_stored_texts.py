"""add privacy findings of stored texts: what `mdma privacy rescan` found, to redact or dismiss

Revision ID: 27ab7bf351a5
Revises: 069489246020
Create Date: 2026-12-07 06:25:48.319218

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '27ab7bf351a5'
down_revision = '069489246020'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('privacy_findings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('value_hash', sa.String(length=64), nullable=False),
    sa.Column('text_hash', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('found_at', sa.DateTime(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['users.id'], name=op.f('fk_privacy_findings_resolved_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_privacy_findings')),
    sa.UniqueConstraint('field', 'object_id', 'kind', 'value_hash', name='uq_privacy_finding')
    )
    with op.batch_alter_table('privacy_findings', schema=None) as batch_op:
        batch_op.create_index('ix_privacy_findings_status', ['status', 'id'], unique=False)



def downgrade():
    with op.batch_alter_table('privacy_findings', schema=None) as batch_op:
        batch_op.drop_index('ix_privacy_findings_status')

    op.drop_table('privacy_findings')
