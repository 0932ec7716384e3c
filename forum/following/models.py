"""What a member keeps about a thread (following or muted, how far they read) and saved posts."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from forum.extensions import db
from forum.timeutil import utcnow


class FollowState(enum.StrEnum):
    FOLLOWING = "following"  # a notice for every new reply
    NOT_FOLLOWING = "not_following"  # chosen by the member: never followed again automatically
    MUTED = "muted"  # no notices at all from the thread, not even replies to them or mentions


class ThreadState(db.Model):
    """One member and one thread: whether they follow it, and the newest post they have seen."""

    __tablename__ = "thread_states"
    shown_to_readers = False

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    thread_id: Mapped[int] = mapped_column(
        sa.ForeignKey("threads.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    # None until the member follows (or is made to follow by posting), unfollows or mutes.
    follow: Mapped[FollowState | None] = mapped_column(
        sa.Enum(
            FollowState,
            native_enum=False,
            length=16,
            values_callable=lambda e: [m.value for m in e],
        )
    )
    # The newest post id the member has had on screen, and the one before their latest visit:
    # the posts after the second are the ones marked "New" on the page they are reading.
    last_seen_post_id: Mapped[int | None] = mapped_column()
    seen_before_post_id: Mapped[int | None] = mapped_column()
    seen_at: Mapped[datetime | None] = mapped_column()


class Bookmark(db.Model):
    """A post a member saved to read again."""

    __tablename__ = "bookmarks"
    shown_to_readers = False
    __table_args__ = (sa.Index("ix_bookmarks_member_newest", "user_id", "created_at"),)

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    post_id: Mapped[int] = mapped_column(
        sa.ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
