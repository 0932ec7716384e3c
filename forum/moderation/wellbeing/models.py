"""What Hearth keeps to look after a moderator: their choices, time in the queue, practice."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from forum.extensions import db
from forum.timeutil import utcnow


class ModeratorCare(db.Model):
    """One moderator's care settings and their current stretch in the queue (no history of
    visits is kept: only when this stretch began and when they were last there)."""

    __tablename__ = "moderator_care"
    shown_to_readers = False

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    # Posts with a content note or a care report sit behind a "show" control.
    fold_hard_posts: Mapped[bool] = mapped_column(default=True)
    # "Not today": no care items reach this moderator until then.
    care_off_until: Mapped[datetime | None] = mapped_column()
    # When they finished the practice queue; care items reach them only after it.
    practice_done_at: Mapped[datetime | None] = mapped_column()
    stretch_started_at: Mapped[datetime | None] = mapped_column()
    last_seen_at: Mapped[datetime | None] = mapped_column()


class PracticeAnswer(db.Model):
    """A moderator's latest answer to one of the shipped practice examples."""

    __tablename__ = "practice_answers"
    shown_to_readers = False
    __table_args__ = (sa.UniqueConstraint("moderator_id", "example", name="uq_practice_answer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    moderator_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    example: Mapped[str] = mapped_column(sa.String(40))
    chosen: Mapped[str] = mapped_column(sa.String(24))
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)
