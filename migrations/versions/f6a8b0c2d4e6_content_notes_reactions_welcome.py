"""content notes, reader preferences, reactions, featured threads, greeters

Revision ID: f6a8b0c2d4e6
Revises: e5f7a9b1c3d5
Create Date: 2026-11-21 06:35:00

"""

import sqlalchemy as sa
from alembic import op

revision = "f6a8b0c2d4e6"
down_revision = "e5f7a9b1c3d5"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("content_note", sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column("content_note_text", sa.String(length=100), nullable=True))
    with op.batch_alter_table("threads", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_featured", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("note_prefs", sa.JSON(), nullable=True))
        batch_op.add_column(
            sa.Column("is_greeter", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "reactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"], ["posts.id"], name=op.f("fk_reactions_post_id_posts"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_reactions_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reactions")),
        sa.UniqueConstraint("post_id", "user_id", "kind", name="uq_reactions_once"),
    )
    with op.batch_alter_table("reactions", schema=None) as batch_op:
        batch_op.create_index("ix_reactions_post", ["post_id", "kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_reactions_user_id"), ["user_id"], unique=False)


def downgrade():
    with op.batch_alter_table("reactions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reactions_user_id"))
        batch_op.drop_index("ix_reactions_post")
    op.drop_table("reactions")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("is_greeter")
        batch_op.drop_column("note_prefs")
    with op.batch_alter_table("threads", schema=None) as batch_op:
        batch_op.drop_column("is_featured")
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.drop_column("content_note_text")
        batch_op.drop_column("content_note")
