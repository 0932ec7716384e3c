"""What a draft stores: the words of a writing form not sent yet, and where they belong.

A draft is its author's alone: it is never a post, so no visibility rule, search index or
page cache ever meets it. It goes when it is published (the write rule lets go of it), when
its author discards it, or with the account (ON DELETE CASCADE).
"""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.conversations.models import Conversation
from forum.extensions import db
from forum.posts.models import TITLE_MAX, Board, Thread
from forum.timeutil import utcnow

# A member keeps at most this many drafts: enough for every form they leave half written.
DRAFTS_MAX = 50


class DraftKind(enum.StrEnum):
    THREAD = "thread"  # a new thread in a board
    REPLY = "reply"  # a reply in a thread (perhaps to one post of it)
    MESSAGE = "message"  # a message in a conversation


def _one_place() -> str:
    """Each kind of draft points at exactly its own kind of place."""
    places = {
        DraftKind.THREAD: "board_id",
        DraftKind.REPLY: "thread_id",
        DraftKind.MESSAGE: "conversation_id",
    }
    return " OR ".join(
        f"(kind = '{kind}' AND "
        + " AND ".join(
            f"{column} IS {'NOT ' if column == own else ''}NULL" for column in places.values()
        )
        + ")"
        for kind, own in places.items()
    )


class SavedDraft(db.Model):
    """A writing form saved before it was sent: by its button, or by the page's script while
    the member types (the same row each time)."""

    __tablename__ = "drafts"
    shown_to_readers = False
    __table_args__ = (
        sa.CheckConstraint(_one_place(), name="one_place"),
        # "My drafts", newest first.
        sa.Index("ix_drafts_author_saved", "author_id", "saved_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(16))
    # Boards are archived, never deleted; a thread or conversation that goes takes its drafts.
    board_id: Mapped[int | None] = mapped_column(sa.ForeignKey("boards.id"))
    thread_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("threads.id", ondelete="CASCADE"), index=True
    )
    # The post a reply answers, if any.
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("posts.id", ondelete="SET NULL"))
    conversation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("conversations.id", ondelete="CASCADE"), index=True
    )
    # What the form held, as typed: never rendered (a draft is shown as the text it is), and
    # bounded as a post is (forum.drafts.forms).
    title: Mapped[str | None] = mapped_column(sa.String(TITLE_MAX))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    content_note: Mapped[str | None] = mapped_column(sa.String(24))
    content_note_text: Mapped[str | None] = mapped_column(sa.String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    saved_at: Mapped[datetime] = mapped_column(default=utcnow)

    board: Mapped[Board | None] = relationship(lazy="raise")
    thread: Mapped[Thread | None] = relationship(lazy="raise")
    conversation: Mapped[Conversation | None] = relationship(lazy="raise")

    def form_data(self) -> dict:
        """The writing form's fields, filled in with this draft (resuming it)."""
        return {
            "title": self.title,
            "body": self.body,
            "content_note": self.content_note or "",
            "content_note_text": self.content_note_text,
            "parent_id": str(self.parent_id) if self.parent_id else None,
            "draft_id": str(self.id),
        }
