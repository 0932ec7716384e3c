"""stories of getting through: a thread's author may tag it "how I got through a crisis"

Revision ID: c76e611d97f9
Revises: d9e1f3a5b7c9
"""

import sqlalchemy as sa
from alembic import op

revision = "c76e611d97f9"
down_revision = "d9e1f3a5b7c9"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("threads") as batch_op:
        batch_op.add_column(
            sa.Column("got_through", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table("threads") as batch_op:
        batch_op.drop_column("got_through")
