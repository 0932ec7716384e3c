"""mentors: offers to mentor, what members asked for, and pairings

Revision ID: a7c3e9f1b5d2
Revises: c3e5a7b9d1f4
"""

import sqlalchemy as sa
from alembic import op

revision = "a7c3e9f1b5d2"
down_revision = "c3e5a7b9d1f4"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "mentor_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("note_source", sa.Text(), nullable=False),
        sa.Column("note_html", sa.Text(), nullable=False),
        sa.Column("how_often", sa.String(length=16), nullable=False),
        sa.Column("substances", sa.JSON(), nullable=False),
        sa.Column("paths", sa.JSON(), nullable=False),
        sa.Column("band", sa.String(length=16), nullable=True),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id"),
    )
    op.create_table(
        "mentor_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("substance", sa.String(length=24), nullable=True),
        sa.Column("path", sa.String(length=24), nullable=True),
        sa.Column("band", sa.String(length=16), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_mentor_requests_user_id", "mentor_requests", ["user_id"])
    op.create_table(
        "mentor_pairings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mentor_id", sa.Integer(), nullable=False),
        sa.Column("mentee_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.SmallInteger(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("mentor_renews", sa.Boolean(), nullable=False),
        sa.Column("mentee_renews", sa.Boolean(), nullable=False),
        # Written out rather than imported: a migration says what the schema was on its day.
        sa.CheckConstraint("slot IS NULL OR slot BETWEEN 1 AND 3", name="slot"),
        sa.CheckConstraint("mentor_id <> mentee_id", name="two_people"),
        sa.ForeignKeyConstraint(["mentor_id"], ["users.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["mentee_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("mentor_id", "slot", name="uq_mentor_pairings_slot"),
    )
    op.create_index("ix_mentor_pairings_mentor_id", "mentor_pairings", ["mentor_id"])
    op.create_index("ix_mentor_pairings_mentee_id", "mentor_pairings", ["mentee_id"])


def downgrade():
    op.drop_index("ix_mentor_pairings_mentee_id", table_name="mentor_pairings")
    op.drop_index("ix_mentor_pairings_mentor_id", table_name="mentor_pairings")
    op.drop_table("mentor_pairings")
    op.drop_index("ix_mentor_requests_user_id", table_name="mentor_requests")
    op.drop_table("mentor_requests")
    op.drop_table("mentor_offers")
