"""What the daily rhythm stores: which thread is which day's check-in, and members' pledges."""

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.extensions import db
from forum.posts.models import Thread
from forum.timeutil import utcnow


class CheckinThread(db.Model):
    """One board's check-in thread for one band's day. The unique key is the once-a-day
    guarantee: a second scheduler, or a late run, finds the day taken and opens nothing."""

    __tablename__ = "checkin_threads"
    __table_args__ = (
        sa.UniqueConstraint("board_id", "band", "day", name="uq_checkin_threads_once_a_day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(sa.ForeignKey("boards.id", ondelete="CASCADE"))
    band: Mapped[str] = mapped_column(sa.String(24))
    day: Mapped[date] = mapped_column(sa.Date)
    # Set in the transaction that claims the day (the claim is written first).
    thread_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("threads.id", ondelete="CASCADE"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    thread: Mapped[Thread | None] = relationship(lazy="joined")


class Pledge(db.Model):
    """ "Today I won't drink or use": one a day, the member's own, shown to nobody else (their
    streak is kept apart from the clean-time counters: a missed pledge is not a slip)."""

    __tablename__ = "pledges"
    __table_args__ = (sa.UniqueConstraint("user_id", "day", name="uq_pledges_one_a_day"),)
    shown_to_readers = False

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    # The member's own date when they pledged (their counter's time zone, else UTC).
    day: Mapped[date] = mapped_column(sa.Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
