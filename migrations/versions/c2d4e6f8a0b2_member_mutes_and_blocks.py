"""member mutes and blocks

Revision ID: c2d4e6f8a0b2
Revises: b1c3d5e7f9a1
"""

import sqlalchemy as sa
from alembic import op

revision = "c2d4e6f8a0b2"
down_revision = "b1c3d5e7f9a1"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "member_blocks",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.Enum("mute", "block", name="shutkind", native_enum=False, length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("until", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["target_id"], ["users.id"], name=op.f("fk_member_blocks_target_id_users"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_member_blocks_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id", "target_id", name=op.f("pk_member_blocks")),
    )
    op.create_index(op.f("ix_member_blocks_target_id"), "member_blocks", ["target_id"])


def downgrade():
    op.drop_index(op.f("ix_member_blocks_target_id"), table_name="member_blocks")
    op.drop_table("member_blocks")
