"""following and bookmarks: thread_states (follow, mute, how far read) and bookmarks

Revision ID: e5f7a9b1c3d5
Revises: d4e6f8a0b2c4
Create Date: 2026-11-22 10:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e5f7a9b1c3d5"
down_revision = "d4e6f8a0b2c4"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "thread_states",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column(
            "follow",
            sa.Enum(
                "following",
                "not_following",
                "muted",
                name="followstate",
                native_enum=False,
                length=16,
            ),
            nullable=True,
        ),
        sa.Column("last_seen_post_id", sa.Integer(), nullable=True),
        sa.Column("seen_before_post_id", sa.Integer(), nullable=True),
        sa.Column("seen_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["threads.id"],
            name=op.f("fk_thread_states_thread_id_threads"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_thread_states_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", "thread_id", name=op.f("pk_thread_states")),
    )
    with op.batch_alter_table("thread_states", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_thread_states_thread_id"), ["thread_id"], unique=False)

    op.create_table(
        "bookmarks",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"], ["posts.id"], name=op.f("fk_bookmarks_post_id_posts"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_bookmarks_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "post_id", name=op.f("pk_bookmarks")),
    )
    with op.batch_alter_table("bookmarks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bookmarks_post_id"), ["post_id"], unique=False)
        batch_op.create_index("ix_bookmarks_member_newest", ["user_id", "created_at"], unique=False)


def downgrade():
    with op.batch_alter_table("bookmarks", schema=None) as batch_op:
        batch_op.drop_index("ix_bookmarks_member_newest")
        batch_op.drop_index(batch_op.f("ix_bookmarks_post_id"))
    op.drop_table("bookmarks")
    with op.batch_alter_table("thread_states", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_thread_states_thread_id"))
    op.drop_table("thread_states")
