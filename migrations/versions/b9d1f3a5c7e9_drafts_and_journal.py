"""drafts kept on the server, and the private journal on My recovery

Revision ID: b9d1f3a5c7e9
Revises: 6b773fbc7c26
"""

import sqlalchemy as sa
from alembic import op

revision = "b9d1f3a5c7e9"
down_revision = "6b773fbc7c26"
branch_labels = None
depends_on = None

# Written out rather than imported: a migration says what the schema was on its day.
ONE_PLACE = (
    "(kind = 'thread' AND board_id IS NOT NULL AND thread_id IS NULL AND conversation_id IS NULL)"
    " OR (kind = 'reply' AND board_id IS NULL AND thread_id IS NOT NULL"
    " AND conversation_id IS NULL)"
    " OR (kind = 'message' AND board_id IS NULL AND thread_id IS NULL"
    " AND conversation_id IS NOT NULL)"
)
LISTED_MOOD = (
    "mood IS NULL OR mood IN "
    "('calm', 'hopeful', 'grateful', 'tired', 'anxious', 'low', 'struggling')"
)


def upgrade():
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("board_id", sa.Integer(), nullable=True),
        sa.Column("thread_id", sa.Integer(), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("conversation_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=150), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("content_note", sa.String(length=24), nullable=True),
        sa.Column("content_note_text", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(ONE_PLACE, name="one_place"),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["board_id"], ["boards.id"]),
        sa.ForeignKeyConstraint(["thread_id"], ["threads.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["parent_id"], ["posts.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["conversation_id"], ["conversations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_drafts_author_saved", "drafts", ["author_id", "saved_at"])
    op.create_index("ix_drafts_thread_id", "drafts", ["thread_id"])
    op.create_index("ix_drafts_conversation_id", "drafts", ["conversation_id"])
    op.create_table(
        "journal_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.Column("edited_at", sa.DateTime(), nullable=True),
        sa.Column("mood", sa.String(length=16), nullable=True),
        sa.Column("body_source", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.CheckConstraint(LISTED_MOOD, name="listed_mood"),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_journal_entries_author_written", "journal_entries", ["author_id", "written_at"]
    )


def downgrade():
    op.drop_index("ix_journal_entries_author_written", table_name="journal_entries")
    op.drop_table("journal_entries")
    op.drop_index("ix_drafts_conversation_id", table_name="drafts")
    op.drop_index("ix_drafts_thread_id", table_name="drafts")
    op.drop_index("ix_drafts_author_saved", table_name="drafts")
    op.drop_table("drafts")
