"""posts keep the day their author showed when writing them (recovery_post_days); a slip
pauses the day on new posts (recovery_counters.is_paused)

Revision ID: c9d1e3f5a7b9
Revises: b8c0d2e4f6a8
Create Date: 2026-11-22 09:00:00

"""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa
from alembic import op

revision = "c9d1e3f5a7b9"
down_revision = "b8c0d2e4f6a8"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("recovery_counters", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_paused", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.create_table(
        "recovery_post_days",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("counter_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["counter_id"],
            ["recovery_counters.id"],
            name=op.f("fk_recovery_post_days_counter_id_recovery_counters"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
            name=op.f("fk_recovery_post_days_post_id_posts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("post_id", name=op.f("pk_recovery_post_days")),
    )
    with op.batch_alter_table("recovery_post_days", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recovery_post_days_counter_id"), ["counter_id"], unique=False
        )
    _date_the_posts_of_current_streaks()
    # A day is no longer a milestone: the Milestones board says so where it kept our words.
    op.get_bind().execute(
        sa.text("UPDATE boards SET description = :new WHERE description = :old"),
        {"old": OLD_MILESTONES_WORDS, "new": MILESTONES_WORDS},
    )


OLD_MILESTONES_WORDS = "1 day, 30 days, a year: share a milestone and let us celebrate it with you."
MILESTONES_WORDS = "A week, 30 days, a year: share a milestone and let us celebrate it with you."


def _date_the_posts_of_current_streaks():
    """Posts showed their author's current day until now. Those written in the streak a
    shown counter is on keep the day they were written on; earlier ones (before a slip)
    keep none, since only "Day 1" after a "Day 30" would have told anyone."""
    conn = op.get_bind()
    counters = sa.table(
        "recovery_counters",
        sa.column("id", sa.Integer),
        sa.column("user_id", sa.Integer),
        sa.column("started_on", sa.Date),
        sa.column("time_zone", sa.String),
        sa.column("is_shown", sa.Boolean),
    )
    posts = sa.table(
        "posts",
        sa.column("id", sa.Integer),
        sa.column("author_id", sa.Integer),
        sa.column("created_at", sa.DateTime),
    )
    post_days = sa.table(
        "recovery_post_days",
        sa.column("post_id", sa.Integer),
        sa.column("counter_id", sa.Integer),
        sa.column("day", sa.Integer),
    )
    shown = conn.execute(
        sa.select(
            counters.c.id, counters.c.user_id, counters.c.started_on, counters.c.time_zone
        ).where(counters.c.is_shown.is_(True))
    ).all()
    for counter_id, user_id, started_on, time_zone in shown:
        try:
            zone = ZoneInfo(time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo("UTC")
        # From a day before the streak's first, in UTC: room for any time zone.
        since = datetime.combine(started_on - timedelta(days=1), time())
        rows = conn.execute(
            sa.select(posts.c.id, posts.c.created_at).where(
                posts.c.author_id == user_id, posts.c.created_at >= since
            )
        ).all()
        dated = []
        for post_id, created_at in rows:
            local = created_at.replace(tzinfo=UTC).astimezone(zone).date()
            day = (local - started_on).days + 1
            if day > 0:
                dated.append({"post_id": post_id, "counter_id": counter_id, "day": day})
        if dated:
            op.bulk_insert(post_days, dated)


def downgrade():
    with op.batch_alter_table("recovery_post_days", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recovery_post_days_counter_id"))
    op.drop_table("recovery_post_days")
    with op.batch_alter_table("recovery_counters", schema=None) as batch_op:
        batch_op.drop_column("is_paused")
