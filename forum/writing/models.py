"""A writing form's one-time token, kept with what its first sending made."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.conversations.models import Message
from forum.extensions import db
from forum.posts.models import Post
from forum.timeutil import utcnow


class WriteToken(db.Model):
    """The token a writing form carried and the post it made (or edited), or the message it
    sent, so that the same form sent again (a retry after a timeout or an error page) lands
    on that post or message."""

    __tablename__ = "write_tokens"
    # Unique per member: another member's token is a different key, never a way to their post.
    __table_args__ = (sa.UniqueConstraint("member_id", "token", name="uq_write_tokens_once"),)
    shown_to_readers = False

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    token: Mapped[str] = mapped_column(sa.String(64))
    # Empty only inside the transaction that writes the post.
    post_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("posts.id", ondelete="CASCADE"), index=True
    )
    # Or the private message it made (forum.conversations).
    message_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("messages.id", ondelete="CASCADE"), index=True
    )
    # What the form held (forum.writing.tokens.fingerprint): the same token with other words
    # is a new piece of writing, not a retry.
    fingerprint: Mapped[str] = mapped_column(sa.String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    post: Mapped[Post | None] = relationship(lazy="raise")
    message: Mapped[Message | None] = relationship(lazy="raise")
