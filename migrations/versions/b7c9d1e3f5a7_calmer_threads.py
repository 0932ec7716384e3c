"""calmer threads: a timed close, and slow mode with who set it and why

Revision ID: b7c9d1e3f5a7
Revises: a6b8c0d2e4f6
"""

import sqlalchemy as sa
from alembic import op

revision = "b7c9d1e3f5a7"
down_revision = "a6b8c0d2e4f6"
branch_labels = None
depends_on = None

COLUMNS = ("locked_until", "slow_mode_minutes", "slow_mode_by_id", "slow_mode_reason")


def upgrade():
    # Plain ADD COLUMNs (no foreign key), so that SQLite never rebuilds threads.
    op.add_column("threads", sa.Column("locked_until", sa.DateTime(), nullable=True))
    op.add_column("threads", sa.Column("slow_mode_minutes", sa.Integer(), nullable=True))
    op.add_column("threads", sa.Column("slow_mode_by_id", sa.Integer(), nullable=True))
    op.add_column("threads", sa.Column("slow_mode_reason", sa.String(length=200), nullable=True))


def downgrade():
    with op.batch_alter_table("threads") as batch:
        for column in reversed(COLUMNS):
            batch.drop_column(column)
