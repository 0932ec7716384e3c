"""What mentoring stores: a member's offer to mentor, what a member asked for, and pairings.

A pairing is active until its `ends_at`, unless ended before: nothing needs to run for one
to end by itself. While active it holds one of its mentor's slots (1 to MAX_MENTEES); the
unique key on (mentor, slot) is what keeps a fourth mentee out when two ask at once.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from forum.accounts.models import User
from forum.extensions import db
from forum.mentors.choices import MAX_MENTEES
from forum.timeutil import utcnow


class MentorOffer(db.Model):
    """One member's offer to mentor: a short note, how often they can answer, and what they
    can speak to. Shown only to members choosing a mentor, never with their account's details."""

    __tablename__ = "mentor_offers"
    shown_to_readers = False

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    note_source: Mapped[str] = mapped_column(sa.Text)
    note_html: Mapped[str] = mapped_column(sa.Text)
    how_often: Mapped[str] = mapped_column(sa.String(16))
    substances: Mapped[list] = mapped_column(sa.JSON, default=list)
    paths: Mapped[list] = mapped_column(sa.JSON, default=list)
    band: Mapped[str | None] = mapped_column(sa.String(16))
    # Paused: kept, but offered to nobody new.
    is_open: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(lazy="joined")


class MentorRequest(db.Model):
    """What a member asked for when they looked for a mentor; each part may be left open."""

    __tablename__ = "mentor_requests"
    shown_to_readers = False

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    substance: Mapped[str | None] = mapped_column(sa.String(24))
    path: Mapped[str | None] = mapped_column(sa.String(24))
    band: Mapped[str | None] = mapped_column(sa.String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Pairing(db.Model):
    """A mentor and a mentee, from when the mentee chose them until `ends_at` (or until either
    of them, or a moderator, ended it). Renewing needs both: each side's wish is kept until
    the other's joins it."""

    __tablename__ = "mentor_pairings"
    shown_to_readers = False
    __table_args__ = (
        sa.UniqueConstraint("mentor_id", "slot", name="uq_mentor_pairings_slot"),
        sa.CheckConstraint(f"slot IS NULL OR slot BETWEEN 1 AND {MAX_MENTEES}", name="slot"),
        sa.CheckConstraint("mentor_id <> mentee_id", name="two_people"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentor_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    mentee_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    slot: Mapped[int | None] = mapped_column(sa.SmallInteger)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    ends_at: Mapped[datetime] = mapped_column()
    ended_at: Mapped[datetime | None] = mapped_column()
    mentor_renews: Mapped[bool] = mapped_column(default=False)
    mentee_renews: Mapped[bool] = mapped_column(default=False)

    mentor: Mapped[User] = relationship(foreign_keys=[mentor_id], lazy="joined")
    mentee: Mapped[User] = relationship(foreign_keys=[mentee_id], lazy="joined")

    @classmethod
    def active(cls, now: datetime | None = None):
        """The SQL condition of a pairing that still runs."""
        return sa.and_(cls.ended_at.is_(None), cls.ends_at > (now or utcnow()))

    @classmethod
    def between(cls, one_id: int, other_id: int):
        return sa.or_(
            sa.and_(cls.mentor_id == one_id, cls.mentee_id == other_id),
            sa.and_(cls.mentor_id == other_id, cls.mentee_id == one_id),
        )

    def is_active(self, now: datetime | None = None) -> bool:
        return self.ended_at is None and self.ends_at > (now or utcnow())

    def is_in(self, member_id: int | None) -> bool:
        return member_id is not None and member_id in (self.mentor_id, self.mentee_id)

    def other_than(self, member_id: int) -> User:
        return self.mentee if member_id == self.mentor_id else self.mentor

    def end(self, now: datetime | None = None) -> None:
        """Stop the pairing and give its mentor's slot back. Never commits."""
        self.ended_at = now or utcnow()
        self.slot = None
