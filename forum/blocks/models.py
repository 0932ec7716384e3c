"""What a mute or a block stores: who shut whom out, how, and until when.

Silence is the design: the member shut out is never told. A block does not refuse their
message or invitation (a refusal would tell them); what they send is stored as usual and
simply never shown to the member who blocked them: their messages are filtered out of a
shared conversation and its unread count, and a conversation they started with that member
alone never appears in the member's list (its page is a 404 for them). Moderators always
reach everyone, blocked or not: a block never hides what a moderator sends.
"""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from forum.extensions import db
from forum.timeutil import utcnow


class ShutKind(enum.StrEnum):
    MUTE = "mute"  # their posts collapse, their mentions and replies don't notify
    BLOCK = "block"  # all of mute, and nothing they send privately is shown


class MemberBlock(db.Model):
    __tablename__ = "member_blocks"
    shown_to_readers = False

    # The member who shut someone out, and the one shut out; one row per pair.
    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    target_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    kind: Mapped[ShutKind] = mapped_column(
        sa.Enum(
            ShutKind, native_enum=False, length=8, values_callable=lambda e: [m.value for m in e]
        )
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # None: always. A row past its time simply stops counting.
    until: Mapped[datetime | None] = mapped_column()
