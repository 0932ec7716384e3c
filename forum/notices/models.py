"""A notice is a short message to one member, read in the app; nothing is emailed.

A notice points at what it is about (a post, the member who acted) and never copies their
text: what it says of a post, its thread's title or a member's pseudonym is read when the
notice is shown, through the same visibility rule as everything else, so an edit, a
redaction, a hidden thread or an erasure reaches every notice at once.
"""

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
    TEAM_ANSWER = "team_answer"  # the moderators answered the member's message to them
    MENTORING = "mentoring"  # a mentoring pairing of the member's ended or was renewed


class ReplyTo(enum.StrEnum):
    """Why a reply notice was sent (stored in `detail`)."""

    YOUR_POST = "your_post"  # it answers the member's post
    FOLLOWED = "followed"  # it is in a thread the member follows


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
    # The moderators' own words to the member: a fixed title ("Your post was removed by the
    # moderators") and their reason. Empty for notices about other members' posts, whose
    # words are read from the post when shown. Never a moderator's pseudonym.
    title: Mapped[str] = mapped_column(sa.String(200), default="")
    body: Mapped[str] = mapped_column(sa.Text, default="")
    # The post the notice is about, if any: its thread, author and words are read from it.
    post_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("posts.id", ondelete="CASCADE"), index=True
    )
    # The member who acted (who reacted); forgotten with their account.
    actor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # A fixed word that says more: ReplyTo for a reply, the reaction's label for a reaction.
    detail: Mapped[str | None] = mapped_column(sa.String(40))
    # The moderation action the notice tells about, so that the member can appeal it from
    # here; the log is append-only, so the row it points at stays.
    action_id: Mapped[int | None] = mapped_column(sa.ForeignKey("mod_actions.id"))
    # A link inside Hearth (a path) for notices not about a post, e.g. the help page.
    link: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column()
