"""crisis lines by country: the country a member chose, whose lines the help page shows

Revision ID: c3e5a7b9d1f4
Revises: b9d1f3a5c7e9
"""

import sqlalchemy as sa
from alembic import op

revision = "c3e5a7b9d1f4"
down_revision = "b9d1f3a5c7e9"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("country", sa.String(length=2), nullable=True))


def downgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("country")
