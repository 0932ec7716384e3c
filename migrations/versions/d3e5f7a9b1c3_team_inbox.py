"""team inbox: a conversation with the moderator team, and messages written for the team

Revision ID: d3e5f7a9b1c3
Revises: c2d4e6f8a0b2
"""

import sqlalchemy as sa
from alembic import op

revision = "d3e5f7a9b1c3"
down_revision = "c2d4e6f8a0b2"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("with_team", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("about_notice_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("about_post_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("team_read_up_to", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_conversations_about_notice_id_notices"),
            "notices",
            ["about_notice_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_conversations_about_post_id_posts"),
            "posts",
            ["about_post_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(
            "ix_conversations_team_inbox", ["with_team", "last_message_at"], unique=False
        )
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("as_team", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_column("as_team")
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_index("ix_conversations_team_inbox")
        batch_op.drop_constraint(
            batch_op.f("fk_conversations_about_post_id_posts"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_conversations_about_notice_id_notices"), type_="foreignkey"
        )
        batch_op.drop_column("team_read_up_to")
        batch_op.drop_column("about_post_id")
        batch_op.drop_column("about_notice_id")
        batch_op.drop_column("with_team")
