"""A member's recovery counters, the streaks a slip closed, the milestones they answered, and
the day each of their posts showed."""

import enum
from datetime import UTC, date, datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.extensions import db
from forum.posts.models import Thread
from forum.timeutil import utcnow

LABEL_MAX = 40


@cache
def time_zones() -> frozenset[str]:
    """The IANA zones this machine knows (read once: the lookup walks the zone files)."""
    return frozenset(available_timezones())


def local_today(time_zone: str, now: datetime | None = None) -> date:
    """Today's date where the member lives; an aware `now` freezes the moment in tests."""
    return (now or datetime.now(UTC)).astimezone(ZoneInfo(time_zone)).date()


def local_date(time_zone: str, moment: datetime) -> date:
    """The member's calendar date of a stored (naive UTC) moment."""
    return local_today(time_zone, moment.replace(tzinfo=UTC))


def days_since(started_on: date, today: date) -> int:
    """Days of a streak, its first day being day 1 (0 before it begins)."""
    return max((today - started_on).days + 1, 0)


class Counter(db.Model):
    """One thing a member counts days away from, e.g. "alcohol"; private unless they show it."""

    __tablename__ = "recovery_counters"
    __table_args__ = (
        # At most one counter per member is shown beside their pseudonym.
        sa.Index(
            "ix_recovery_counters_one_shown",
            "user_id",
            unique=True,
            sqlite_where=sa.text("is_shown"),
            postgresql_where=sa.text("is_shown"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(sa.String(LABEL_MAX))
    # The member's IANA zone: "today", and so the day count, is theirs, not the server's.
    time_zone: Mapped[str] = mapped_column(sa.String(64), default="UTC")
    # The first day of the current streak, which counts as day 1.
    started_on: Mapped[date] = mapped_column(sa.Date)
    # Which streak this is (1, then 2 after a slip...): milestone answers belong to one streak.
    streak: Mapped[int] = mapped_column(default=1)
    # Days of the streaks before this one: a slip adds to it and never takes away.
    earlier_days: Mapped[int] = mapped_column(default=0)
    is_shown: Mapped[bool] = mapped_column(default=False)
    # A slip pauses the days on new posts (a "Day 1" after a "Day 30" would tell everyone);
    # they come back only when the member shows the counter again.
    is_paused: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def streak_days(self, today: date) -> int:
        """Days of the current streak, the start date being day 1."""
        return days_since(self.started_on, today)

    def day_at(self, moment: datetime) -> int:
        """The streak's day at a stored (naive UTC) moment, in the member's own calendar."""
        return days_since(self.started_on, local_date(self.time_zone, moment))

    def total_days(self, today: date) -> int:
        """Every day counted on this counter, across all its streaks."""
        return self.earlier_days + self.streak_days(today)

    def __repr__(self) -> str:
        return f"<Counter {self.id} of member {self.user_id}>"


class Streak(db.Model):
    """A streak that a slip closed, kept so that the history is never erased."""

    __tablename__ = "recovery_streaks"

    id: Mapped[int] = mapped_column(primary_key=True)
    counter_id: Mapped[int] = mapped_column(
        sa.ForeignKey("recovery_counters.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column()
    started_on: Mapped[date] = mapped_column(sa.Date)
    # The day the next streak started; this streak counted the days before it.
    ended_on: Mapped[date] = mapped_column(sa.Date)
    days: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class MilestoneAnswer(enum.StrEnum):
    SHARED = "shared"
    DISMISSED = "dismissed"


class Milestone(db.Model):
    """A milestone the member shared or set aside; either way it is not offered again."""

    __tablename__ = "recovery_milestones"
    __table_args__ = (
        sa.UniqueConstraint("counter_id", "streak", "days", name="uq_recovery_milestones_once"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    counter_id: Mapped[int] = mapped_column(
        sa.ForeignKey("recovery_counters.id", ondelete="CASCADE"), index=True
    )
    streak: Mapped[int] = mapped_column()
    days: Mapped[int] = mapped_column()
    answer: Mapped[MilestoneAnswer] = mapped_column(
        sa.Enum(
            MilestoneAnswer,
            native_enum=False,
            length=16,
            values_callable=lambda e: [m.value for m in e],
        )
    )
    # The thread it started, if shared (and still there).
    thread_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("threads.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    thread: Mapped[Thread | None] = relationship(lazy="raise")


class PostDay(db.Model):
    """The day a post's author showed when they wrote it: it never moves after, so a later
    slip can't turn an old post into "Day 1". Shown only while its counter is shown."""

    __tablename__ = "recovery_post_days"

    post_id: Mapped[int] = mapped_column(
        sa.ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True
    )
    counter_id: Mapped[int] = mapped_column(
        sa.ForeignKey("recovery_counters.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[int] = mapped_column()
