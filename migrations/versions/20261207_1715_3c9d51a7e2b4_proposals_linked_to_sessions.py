"""proposals linked to sessions (where discussed, the decision started from, agenda items);
signal bundles

Revision ID: 3c9d51a7e2b4
Revises: 3f6a2c9d1e47
Create Date: 2026-12-07 17:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c9d51a7e2b4'
down_revision = '3f6a2c9d1e47'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('proposal_sessions',
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_sessions_proposal_id_proposals'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_proposal_sessions_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('proposal_id', 'session_id', name=op.f('pk_proposal_sessions'))
    )
    op.create_index('ix_proposal_sessions_session_id', 'proposal_sessions', ['session_id', 'proposal_id'], unique=False)
    op.create_table('proposal_agenda_items',
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['session_agenda_items.id'], name=op.f('fk_proposal_agenda_items_item_id_session_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposals.id'], name=op.f('fk_proposal_agenda_items_proposal_id_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('item_id', name=op.f('pk_proposal_agenda_items'))
    )
    op.create_index(op.f('ix_proposal_agenda_items_proposal_id'), 'proposal_agenda_items', ['proposal_id'], unique=False)
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('decision_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_proposals_decision_id_session_decisions'), 'session_decisions', ['decision_id'], ['id'], ondelete='SET NULL')
    with op.batch_alter_table('advices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), server_default='advice', nullable=False))


def downgrade():
    with op.batch_alter_table('advices', schema=None) as batch_op:
        batch_op.drop_column('kind')
    with op.batch_alter_table('proposals', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_proposals_decision_id_session_decisions'), type_='foreignkey')
        batch_op.drop_column('decision_id')
    op.drop_index(op.f('ix_proposal_agenda_items_proposal_id'), table_name='proposal_agenda_items')
    op.drop_table('proposal_agenda_items')
    op.drop_index('ix_proposal_sessions_session_id', table_name='proposal_sessions')
    op.drop_table('proposal_sessions')
