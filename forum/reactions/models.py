"""One member's reaction of one kind to one post."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from forum.extensions import db
from forum.timeutil import utcnow


class Reaction(db.Model):
    __tablename__ = "reactions"
    __table_args__ = (
        sa.UniqueConstraint("post_id", "user_id", "kind", name="uq_reactions_once"),
        sa.Index("ix_reactions_post", "post_id", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(sa.ForeignKey("posts.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # One of forum.reactions.queries.KINDS.
    kind: Mapped[str] = mapped_column(sa.String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
