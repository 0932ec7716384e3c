"""page versions (is a stored page for signed-out readers current?); posts' status in the
thread-order index, so that a thread page's ids and count are read from the index alone;
indexes for each board's latest thread and the featured threads

Revision ID: a7b9c1d3e5f7
Revises: f6a8b0c2d4e6
Create Date: 2026-11-21 08:40:00

"""

import sqlalchemy as sa
from alembic import op

revision = "a7b9c1d3e5f7"
down_revision = "f6a8b0c2d4e6"
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        "page_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_page_versions")),
    )
    op.bulk_insert(table, [{"id": 1, "version": 0}])
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.drop_index("ix_posts_thread_order")
        batch_op.create_index("ix_posts_thread_order", ["thread_id", "id", "status"], unique=False)
    with op.batch_alter_table("threads", schema=None) as batch_op:
        batch_op.create_index(
            "ix_threads_board_activity", ["board_id", "status", "last_activity_at"], unique=False
        )
        batch_op.create_index("ix_threads_featured", ["is_featured", "created_at"], unique=False)


def downgrade():
    with op.batch_alter_table("threads", schema=None) as batch_op:
        batch_op.drop_index("ix_threads_featured")
        batch_op.drop_index("ix_threads_board_activity")
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.drop_index("ix_posts_thread_order")
        batch_op.create_index("ix_posts_thread_order", ["thread_id", "id"], unique=False)
    op.drop_table("page_versions")
