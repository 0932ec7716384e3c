"""What a private conversation stores: who is in it, and each message as its author wrote it.

These tables belong with the content core (forum.writing stores a message, as it stores a
post), and they are never shown to readers: every read goes through forum.conversations.queries,
which asks whether the viewer is a member of the conversation.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.accounts.models import User
from forum.extensions import db
from forum.timeutil import utcnow

# Members of one conversation, the one who started it included.
MAX_MEMBERS = 6


class Conversation(db.Model):
    __tablename__ = "conversations"
    shown_to_readers = False
    __table_args__ = (sa.Index("ix_conversations_team_inbox", "with_team", "last_message_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # SET NULL: the conversation stays for the others when its starter leaves the forum.
    started_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The newest message's time: the list of conversations is newest first.
    last_message_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # A line to the moderator team: one member, and any moderator answers as "the
    # moderators". The moderators reach it through their inbox, never as members of it.
    with_team: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # What the member asked about, pointed at (a notice of theirs, the post it is about),
    # never copied: the team reads it as it is now.
    about_notice_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("notices.id", ondelete="SET NULL")
    )
    about_post_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("posts.id", ondelete="SET NULL")
    )
    # The newest message id any moderator has had on screen (0: none), for the inbox.
    team_read_up_to: Mapped[int] = mapped_column(default=0, server_default="0")

    members: Mapped[list["Membership"]] = relationship(
        back_populates="conversation", lazy="raise", cascade="all, delete-orphan"
    )


class Membership(db.Model):
    """One member's place in one conversation."""

    __tablename__ = "conversation_members"
    shown_to_readers = False

    conversation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the member leaves: they no longer see it or hear from it, the others do.
    left_at: Mapped[datetime | None] = mapped_column()
    # The newest message id the member has had on screen (0: none).
    read_up_to: Mapped[int] = mapped_column(default=0)
    # Muted: no unread count from it; the messages are still there to read.
    muted: Mapped[bool] = mapped_column(default=False)

    conversation: Mapped[Conversation] = relationship(back_populates="members", lazy="raise")
    user: Mapped[User] = relationship(lazy="raise")

    @property
    def is_active(self) -> bool:
        return self.left_at is None


class Message(db.Model):
    __tablename__ = "messages"
    shown_to_readers = False

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    # SET NULL: a member who leaves the forum and keeps nothing is "a former member" here.
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    body_source: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Written by a moderator for the team: the member reads "the moderators"; who wrote it
    # is kept here for the team alone.
    as_team: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    author: Mapped[User | None] = relationship(lazy="raise")
