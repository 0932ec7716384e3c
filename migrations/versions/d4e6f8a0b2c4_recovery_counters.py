"""recovery counters: counters, closed streaks, answered milestones; thread badges; day-count preference

Revision ID: d4e6f8a0b2c4
Revises: c3d5e7f9a1b2
Create Date: 2026-11-21 06:40:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d4e6f8a0b2c4"
down_revision = "c3d5e7f9a1b2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "recovery_counters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=40), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("streak", sa.Integer(), nullable=False),
        sa.Column("earlier_days", sa.Integer(), nullable=False),
        sa.Column("is_shown", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_recovery_counters_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_counters")),
    )
    with op.batch_alter_table("recovery_counters", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recovery_counters_user_id"), ["user_id"], unique=False)
        batch_op.create_index(
            "ix_recovery_counters_one_shown",
            ["user_id"],
            unique=True,
            sqlite_where=sa.text("is_shown"),
            postgresql_where=sa.text("is_shown"),
        )

    op.create_table(
        "recovery_streaks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"],
            ["recovery_counters.id"],
            name=op.f("fk_recovery_streaks_counter_id_recovery_counters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_streaks")),
    )
    with op.batch_alter_table("recovery_streaks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recovery_streaks_counter_id"), ["counter_id"], unique=False
        )

    op.create_table(
        "recovery_milestones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("streak", sa.Integer(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column(
            "answer",
            sa.Enum(
                "shared", "dismissed", name="milestoneanswer", native_enum=False, length=16
            ),
            nullable=False,
        ),
        sa.Column("thread_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"],
            ["recovery_counters.id"],
            name=op.f("fk_recovery_milestones_counter_id_recovery_counters"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["threads.id"],
            name=op.f("fk_recovery_milestones_thread_id_threads"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recovery_milestones")),
        sa.UniqueConstraint(
            "counter_id", "streak", "days", name=op.f("uq_recovery_milestones_once")
        ),
    )
    with op.batch_alter_table("recovery_milestones", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recovery_milestones_counter_id"), ["counter_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_recovery_milestones_thread_id"), ["thread_id"], unique=False
        )

    with op.batch_alter_table("threads", schema=None) as batch_op:
        batch_op.add_column(sa.Column("badge", sa.String(length=40), nullable=True))

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("show_day_counts", sa.Boolean(), nullable=False, server_default=sa.true())
        )


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("show_day_counts")

    with op.batch_alter_table("threads", schema=None) as batch_op:
        batch_op.drop_column("badge")

    with op.batch_alter_table("recovery_milestones", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recovery_milestones_thread_id"))
        batch_op.drop_index(batch_op.f("ix_recovery_milestones_counter_id"))
    op.drop_table("recovery_milestones")

    with op.batch_alter_table("recovery_streaks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recovery_streaks_counter_id"))
    op.drop_table("recovery_streaks")

    with op.batch_alter_table("recovery_counters", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_recovery_counters_one_shown",
            sqlite_where=sa.text("is_shown"),
            postgresql_where=sa.text("is_shown"),
        )
        batch_op.drop_index(batch_op.f("ix_recovery_counters_user_id"))
    op.drop_table("recovery_counters")
