"""What is stored of the watched words: one row per word or pattern and its action."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from forum.extensions import db
from forum.timeutil import utcnow


class WatchAction(enum.StrEnum):
    BLOCK = "block"  # the form comes back, the text kept, with a kind message
    HOLD = "hold"  # the post waits for a moderator's approval
    FLAG = "flag"  # the post goes to the queue, and stays visible
    REPLACE = "replace"  # the words are replaced (detail: by what)
    RESOURCE = "resource"  # a help card under the post (detail: the card, in Markdown)
    NOTE = "note"  # a content note before the post, if its author set none (detail: the kind)
    CARE = "care"  # words of risk: the care check (the author sees where help is)


class WatchedWord(db.Model):
    """A word, a phrase, or a pattern where `*` stands for the rest of a word ("oxy*")."""

    __tablename__ = "watched_words"
    # A resource card shows under posts: a change to a rule moves the page cache's number.
    shown_to_readers = True
    __table_args__ = (sa.UniqueConstraint("words", "action", name="uq_watched_words_words_action"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Lower case, spacing made single: how a member's text is compared.
    words: Mapped[str] = mapped_column(sa.String(100))
    action: Mapped[WatchAction] = mapped_column(
        sa.Enum(
            WatchAction,
            native_enum=False,
            length=16,
            values_callable=lambda e: [m.value for m in e],
        )
    )
    # What the action needs: the replacement, the card's Markdown, or the content note's kind.
    detail: Mapped[str] = mapped_column(sa.String(1000), default="")
    # The resource card as the text pipeline rendered it (empty for other actions).
    detail_html: Mapped[str] = mapped_column(sa.Text, default="")
    # A phrase of the care list Hearth ships, switched off by a moderator (it stays off).
    retired: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
