"""redacted versions: when the moderators took words out of an earlier version of a post,
and the search outbox's purge, so that the index lets go of the words a redaction removed

Revision ID: 41df16447d22
Revises: b7c9d1e3f5a7
"""

import sqlalchemy as sa
from alembic import op

revision = "41df16447d22"
down_revision = "b7c9d1e3f5a7"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMNs, so that SQLite rebuilds neither table.
    op.add_column("post_revisions", sa.Column("redacted_at", sa.DateTime(), nullable=True))
    op.add_column(
        "search_outbox",
        sa.Column("purge", sa.Boolean(), server_default=sa.false(), nullable=False),
    )


def downgrade():
    with op.batch_alter_table("search_outbox") as batch:
        batch.drop_column("purge")
    with op.batch_alter_table("post_revisions") as batch:
        batch.drop_column("redacted_at")
