"""the language a member reads Hearth in (None: follow the browser)

Revision ID: d4f6a8b0c2e5
Revises: e5a7c9b1d3f6
"""

import sqlalchemy as sa
from alembic import op

revision = "d4f6a8b0c2e5"
down_revision = "e5a7c9b1d3f6"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(sa.Column("locale", sa.String(length=16), nullable=True))


def downgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("locale")
