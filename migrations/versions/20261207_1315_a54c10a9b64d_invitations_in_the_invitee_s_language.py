"""invitations in the invitee's language: the admin picks it, the mail and the new account follow

Revision ID: a54c10a9b64d
Revises: e669584c169a
Create Date: 2026-12-07 13:15:17.293147

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a54c10a9b64d'
down_revision = 'e669584c169a'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=5), server_default='nl', nullable=False))


def downgrade():
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_column('language')
