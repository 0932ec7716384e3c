"""Reading a member's own journal: a page of entries, one entry, the export. Every read names
the author: nobody else, moderators included, reads an entry."""

import sqlalchemy as sa

from forum.accounts.models import User
from forum.extensions import db
from forum.recovery.journal.models import JournalEntry
from forum.timeutil import iso_time

ENTRIES_PER_PAGE = 10


def entry_of(member: User, entry_id: int | None) -> JournalEntry | None:
    """The member's own entry, else None (for anyone else the page is a 404)."""
    if entry_id is None or not getattr(member, "is_authenticated", False):
        return None
    return db.session.scalar(
        sa.select(JournalEntry).where(
            JournalEntry.id == entry_id, JournalEntry.author_id == member.id
        )
    )


def entries_of(member: User, page: int):
    """A page of the member's entries, the newest first."""
    stmt = (
        sa.select(JournalEntry)
        .where(JournalEntry.author_id == member.id)
        .order_by(JournalEntry.written_at.desc(), JournalEntry.id.desc())
    )
    return db.paginate(stmt, page=page, per_page=ENTRIES_PER_PAGE, error_out=False)


def entries_for_export(member: User) -> list[dict]:
    """The member's entries as they wrote them, the oldest first."""
    entries = db.session.scalars(
        sa.select(JournalEntry)
        .where(JournalEntry.author_id == member.id)
        .order_by(JournalEntry.written_at, JournalEntry.id)
    )
    return [
        {
            "written": iso_time(entry.written_at),
            "edited": iso_time(entry.edited_at),
            "mood": entry.mood,
            "text": entry.body_source,
        }
        for entry in entries
    ]
