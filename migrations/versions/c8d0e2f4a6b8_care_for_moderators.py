"""care for the moderators: their care settings and practice answers, hand-off notes on items

Revision ID: c8d0e2f4a6b8
Revises: 41df16447d22
"""

import sqlalchemy as sa
from alembic import op

revision = "c8d0e2f4a6b8"
down_revision = "41df16447d22"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "moderator_care",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("fold_hard_posts", sa.Boolean(), nullable=False),
        sa.Column("care_off_until", sa.DateTime(), nullable=True),
        sa.Column("practice_done_at", sa.DateTime(), nullable=True),
        sa.Column("stretch_started_at", sa.DateTime(), nullable=True),
        sa.Column("last_seen_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id"),
    )
    op.create_table(
        "practice_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("moderator_id", sa.Integer(), nullable=False),
        sa.Column("example", sa.String(length=40), nullable=False),
        sa.Column("chosen", sa.String(length=24), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["moderator_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("moderator_id", "example", name="uq_practice_answer"),
    )
    op.create_index("ix_practice_answers_moderator_id", "practice_answers", ["moderator_id"])
    op.create_table(
        "handoff_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.String(length=1000), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["review_items.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_handoff_notes_item_id", "handoff_notes", ["item_id"])


def downgrade():
    op.drop_index("ix_handoff_notes_item_id", table_name="handoff_notes")
    op.drop_table("handoff_notes")
    op.drop_index("ix_practice_answers_moderator_id", table_name="practice_answers")
    op.drop_table("practice_answers")
    op.drop_table("moderator_care")
