"""digests and quiet hours: a member's digest choice, when it last went, quiet hours, time zone

Revision ID: 6b773fbc7c26
Revises: c76e611d97f9
"""

import sqlalchemy as sa
from alembic import op

revision = "6b773fbc7c26"
down_revision = "c76e611d97f9"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(
            sa.Column("digest", sa.String(length=8), server_default="none", nullable=False)
        )
        batch_op.add_column(sa.Column("digest_sent_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("quiet_from", sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column("quiet_until", sa.SmallInteger(), nullable=True))
        batch_op.add_column(sa.Column("time_zone", sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table("users") as batch_op:
        for column in ("time_zone", "quiet_until", "quiet_from", "digest_sent_at", "digest"):
            batch_op.drop_column(column)
