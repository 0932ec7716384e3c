"""write tokens: a writing form sent again lands on the post its first sending made

Revision ID: f2a4b6c8d0e2
Revises: e1f3a5b7c9d1
"""

import sqlalchemy as sa
from alembic import op

revision = "f2a4b6c8d0e2"
down_revision = "e1f3a5b7c9d1"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "write_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=True),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["users.id"],
            name=op.f("fk_write_tokens_member_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
            name=op.f("fk_write_tokens_post_id_posts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_write_tokens")),
        sa.UniqueConstraint("member_id", "token", name="uq_write_tokens_once"),
    )
    with op.batch_alter_table("write_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_write_tokens_post_id"), ["post_id"], unique=False)


def downgrade():
    with op.batch_alter_table("write_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_write_tokens_post_id"))
    op.drop_table("write_tokens")
