"""What a journal entry stores: its date, the words as written and as rendered, and a mood.

An entry is its author's alone: no page but theirs reads it, no search indexes it, and it
goes with the account (ON DELETE CASCADE).
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from forum.extensions import db
from forum.i18n import lazy_gettext as _l
from forum.timeutil import utcnow

# How the member felt, if they want to say: a short list, in plain and gentle words. (The
# database checks an entry's mood against it: a change to the list takes a migration.)
MOODS = {
    "calm": _l("Calm"),
    "hopeful": _l("Hopeful"),
    "grateful": _l("Grateful"),
    "tired": _l("Tired"),
    "anxious": _l("Anxious"),
    "low": _l("Low"),
    "struggling": _l("Having a hard time"),
}
# Moods after which the journal page shows, quietly, where help is.
HEAVY_MOODS = frozenset({"low", "struggling"})


def _a_listed_mood() -> str:
    listed = ", ".join(f"'{mood}'" for mood in MOODS)
    return f"mood IS NULL OR mood IN ({listed})"


class JournalEntry(db.Model):
    __tablename__ = "journal_entries"
    shown_to_readers = False
    __table_args__ = (
        sa.CheckConstraint(_a_listed_mood(), name="listed_mood"),
        # The journal, newest first, a page at a time.
        sa.Index("ix_journal_entries_author_written", "author_id", "written_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    written_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column()
    mood: Mapped[str | None] = mapped_column(sa.String(16))
    body_source: Mapped[str] = mapped_column(sa.Text)
    # Rendered and sanitised once, on write, by forum.text (as a post is).
    body_html: Mapped[str] = mapped_column(sa.Text)

    @property
    def mood_label(self) -> str | None:
        return str(MOODS[self.mood]) if self.mood in MOODS else None
