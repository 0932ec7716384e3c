"""A notice is a short message to one member, read in the app; nothing is emailed."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from forum.extensions import db
from forum.timeutil import utcnow


class NoticeKind(enum.StrEnum):
    MODERATION = "moderation"  # from the moderators, about the member's own post or account
    REPORT_OUTCOME = "report_outcome"  # what became of a report the member made
    CARE = "care"  # a moderator reaching out, with the help page
    REPLY = "reply"  # a reply to the member's post, or in a thread they follow
    MENTION = "mention"  # someone wrote @their-pseudonym in a post
    REACTION = "reaction"  # someone reacted to the member's milestone


class Notice(db.Model):
    __tablename__ = "notices"
    shown_to_readers = False
    __table_args__ = (sa.Index("ix_notices_member_unread", "user_id", "read_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[NoticeKind] = mapped_column(
        sa.Enum(
            NoticeKind, native_enum=False, length=24, values_callable=lambda e: [m.value for m in e]
        )
    )
    # Plain text shown as written (escaped); never a moderator's pseudonym.
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    # A link inside Hearth (a path), e.g. the post concerned or the help page.
    link: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column()
