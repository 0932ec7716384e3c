"""earned trust: each member's level, and until when a moderator's action holds it lower

Revision ID: f5a7b9c1d3e5
Revises: e4f6a8b0c2d4
"""

import sqlalchemy as sa
from alembic import op

revision = "f5a7b9c1d3e5"
down_revision = "e4f6a8b0c2d4"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("trust_level", sa.SmallInteger(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("trust_lowered_until", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("users") as batch:
        batch.drop_column("trust_lowered_until")
        batch.drop_column("trust_level")
