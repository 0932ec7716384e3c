"""daily check-ins and pledges: a board's setting and text, each day's thread, the pledges

Revision ID: d9e1f3a5b7c9
Revises: c8d0e2f4a6b8
"""

import sqlalchemy as sa
from alembic import op

revision = "d9e1f3a5b7c9"
down_revision = "c8d0e2f4a6b8"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "pledges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_pledges_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pledges")),
        sa.UniqueConstraint("user_id", "day", name="uq_pledges_one_a_day"),
    )
    op.create_table(
        "checkin_threads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("board_id", sa.Integer(), nullable=False),
        sa.Column("band", sa.String(length=24), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["board_id"],
            ["boards.id"],
            name=op.f("fk_checkin_threads_board_id_boards"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["threads.id"],
            name=op.f("fk_checkin_threads_thread_id_threads"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_threads")),
        sa.UniqueConstraint("board_id", "band", "day", name="uq_checkin_threads_once_a_day"),
        sa.UniqueConstraint("thread_id", name=op.f("uq_checkin_threads_thread_id")),
    )
    with op.batch_alter_table("boards") as batch_op:
        batch_op.add_column(
            sa.Column("has_checkins", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("checkin_text", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("boards") as batch_op:
        batch_op.drop_column("checkin_text")
        batch_op.drop_column("has_checkins")
    op.drop_table("checkin_threads")
    op.drop_table("pledges")
