"""Boards hold threads, threads hold posts; a post keeps its source, its HTML and its history."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.accounts.models import User
from forum.extensions import db
from forum.timeutil import utcnow

# What a title and a post's text may hold (the forms and the write rule check them).
TITLE_MIN, TITLE_MAX = 3, 150
BODY_MIN, BODY_MAX = 1, 20_000


def _enum(cls: type[enum.Enum]) -> sa.Enum:
    return sa.Enum(
        cls, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e]
    )


class PostStatus(enum.StrEnum):
    VISIBLE = "visible"
    PENDING = "pending"  # waiting for a moderator
    HIDDEN = "hidden"  # hidden by the moderators, may be restored
    REMOVED = "removed"  # removed by the moderators
    DELETED = "deleted"  # deleted by its author
    # Never public, so never listed: they leave no mark, count or trace behind.
    REJECTED = "rejected"  # held for approval and not approved (its author still reads it)
    WITHDRAWN = "withdrawn"  # taken back (or erased) by its author before it was approved


class ThreadStatus(enum.StrEnum):
    VISIBLE = "visible"
    PENDING = "pending"
    HIDDEN = "hidden"
    REMOVED = "removed"
    DELETED = "deleted"  # its author left and asked for their posts to go


class ThreadKind(enum.StrEnum):
    STORY = "story"
    MILESTONE = "milestone"
    CHECKIN = "checkin"  # a day's check-in thread (forum/checkins/), opened by Hearth


class Board(db.Model):
    __tablename__ = "boards"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(40), unique=True)
    name: Mapped[str] = mapped_column(sa.String(80))
    description: Mapped[str] = mapped_column(sa.String(300), default="")
    position: Mapped[int] = mapped_column(default=0)
    is_archived: Mapped[bool] = mapped_column(default=False)
    # Daily check-ins (forum/checkins/): a thread opens here each morning in each time-zone
    # band, with this opening text (None: the default, forum/checkins/services.py).
    has_checkins: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    checkin_text: Mapped[str | None] = mapped_column(sa.Text)
    # Counters of visible threads and posts, kept in the transaction that changes them.
    thread_count: Mapped[int] = mapped_column(default=0)
    post_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    def __repr__(self) -> str:
        return f"<Board {self.slug!r}>"


class Thread(db.Model):
    __tablename__ = "threads"
    __table_args__ = (
        sa.Index("ix_threads_board_listing", "board_id", "status", "is_pinned", "last_activity_at"),
        # The board index: each board's latest thread, and the "Start here" threads.
        sa.Index("ix_threads_board_activity", "board_id", "status", "last_activity_at"),
        sa.Index("ix_threads_featured", "is_featured", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    board_id: Mapped[int] = mapped_column(sa.ForeignKey("boards.id"))
    author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(150))
    kind: Mapped[ThreadKind] = mapped_column(_enum(ThreadKind), default=ThreadKind.STORY)
    # A milestone thread's badge, e.g. "90 days", shown beside its title in lists.
    badge: Mapped[str | None] = mapped_column(sa.String(40))
    status: Mapped[ThreadStatus] = mapped_column(_enum(ThreadStatus), default=ThreadStatus.VISIBLE)
    is_pinned: Mapped[bool] = mapped_column(default=False)
    is_locked: Mapped[bool] = mapped_column(default=False)
    # A timed close: locked until then, open again by itself after (None: until unlocked).
    locked_until: Mapped[datetime | None] = mapped_column()
    # Slow mode: one reply per member every this many minutes (the thread's author exempt),
    # who set it (shown to the moderators only) and why (shown to everyone).
    slow_mode_minutes: Mapped[int | None] = mapped_column()
    slow_mode_by_id: Mapped[int | None] = mapped_column()
    slow_mode_reason: Mapped[str | None] = mapped_column(sa.String(200))
    # Chosen by the moderators as a "Start here" thread for newcomers.
    is_featured: Mapped[bool] = mapped_column(default=False)
    # Its author tagged it a story of how they got through a crisis (opt-in; the moderators
    # may take the tag off): the help page and the care check show a few of these.
    got_through: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Visible posts, the opening post included.
    post_count: Mapped[int] = mapped_column(default=0)

    board: Mapped[Board] = relationship(lazy="joined", innerjoin=True)
    author: Mapped[User | None] = relationship(lazy="joined")

    @property
    def reply_count(self) -> int:
        return max(self.post_count - 1, 0)

    def __repr__(self) -> str:
        return f"<Thread {self.id} {self.title!r}>"


class Post(db.Model):
    __tablename__ = "posts"
    # status last: a thread page's ids and count are read from the index, without the rows.
    __table_args__ = (sa.Index("ix_posts_thread_order", "thread_id", "id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(sa.ForeignKey("threads.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # The post this one answers, if any.
    parent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("posts.id", ondelete="SET NULL"), index=True
    )
    body_source: Mapped[str] = mapped_column(sa.Text)
    # Rendered and sanitised once, on write, by forum.text.
    body_html: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[PostStatus] = mapped_column(_enum(PostStatus), default=PostStatus.VISIBLE)
    # The post that started the thread (its story); the others are replies.
    is_opening: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column()
    # When the moderators last replaced part of the text (the original kept for them only).
    redacted_at: Mapped[datetime | None] = mapped_column()
    # A content note the author put before the text (forum.posts.content_notes), and its words.
    content_note: Mapped[str | None] = mapped_column(sa.String(24))
    content_note_text: Mapped[str | None] = mapped_column(sa.String(100))
    # A help card a watched word attached (forum.moderation.watched): pointed at, never copied,
    # so the moderators' changes to the card reach every post that shows it. No foreign key,
    # so that adding the column never rebuilds this table; removing a rule clears it.
    card_id: Mapped[int | None] = mapped_column()
    # The language it was written in (forum.posts.languages): search reads it with that
    # language's stemming.
    language: Mapped[str] = mapped_column(sa.String(8), default="en", server_default="en")

    thread: Mapped[Thread] = relationship(lazy="joined", innerjoin=True)
    author: Mapped[User | None] = relationship(lazy="joined")
    parent: Mapped["Post | None"] = relationship(remote_side=[id], lazy="raise")

    def __repr__(self) -> str:
        return f"<Post {self.id} in thread {self.thread_id}>"


class PostRevision(db.Model):
    """An earlier version of a post, saved each time its author edits it."""

    __tablename__ = "post_revisions"
    shown_to_readers = False

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(sa.ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    body_source: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text)
    # When this version was written (the post's created_at, or the previous edit).
    written_at: Mapped[datetime] = mapped_column()
    replaced_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The original of a version the moderators redacted: only they may read it again.
    is_redaction: Mapped[bool] = mapped_column(default=False)
    # When the moderators took identifying words out of this version (its text is now theirs).
    redacted_at: Mapped[datetime | None] = mapped_column()
