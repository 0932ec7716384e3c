"""What moderators write down for each other: notes about a member that carry across items,
and hand-off notes on an item for whoever picks it up next."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.accounts.models import User
from forum.extensions import db
from forum.timeutil import utcnow


class MemberNote(db.Model):
    """A note moderators keep about a member: shown on every queue item about them, and to
    the member only in their own data export (without who wrote it)."""

    __tablename__ = "member_notes"
    shown_to_readers = False

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.String(2000))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id], lazy="joined")


class HandOffNote(db.Model):
    """A moderator's note on a queue item for whoever picks it up next ("reached out,
    waiting to hear back; check tomorrow"): for the moderators only."""

    __tablename__ = "handoff_notes"
    shown_to_readers = False

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        sa.ForeignKey("review_items.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.String(1000))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id], lazy="joined")
