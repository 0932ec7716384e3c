"""Writing, changing and deleting journal entries. An entry is private, so nothing of the
write rule applies (that is for what others read): its Markdown goes through forum.text,
once, when it is written."""

from flask_babel import gettext as _

from forum.accounts.models import User
from forum.errors import NotFound
from forum.extensions import db
from forum.recovery.journal.models import MOODS, JournalEntry
from forum.text import render_post_body
from forum.timeutil import utcnow


def _mood(mood: str | None) -> str | None:
    if mood and mood not in MOODS:
        raise ValueError(f"not a mood from the list: {mood!r}")
    return mood or None


def _own(author: User, entry: JournalEntry) -> None:
    if entry.author_id != author.id:
        raise NotFound(_("No such entry."))


def write_entry(author: User, body: str, mood: str | None = None) -> JournalEntry:
    """A new entry, dated now, rendered once. Caller commits."""
    entry = JournalEntry(
        author_id=author.id,
        body_source=body,
        body_html=render_post_body(body),
        mood=_mood(mood),
        written_at=utcnow(),
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def edit_entry(author: User, entry: JournalEntry, body: str, mood: str | None) -> None:
    """New words and mood for the author's own entry; it keeps its date. Caller commits."""
    _own(author, entry)
    entry.body_source = body
    entry.body_html = render_post_body(body)
    entry.mood = _mood(mood)
    entry.edited_at = utcnow()


def delete_entry(author: User, entry: JournalEntry) -> None:
    """The entry goes for good. Caller commits."""
    _own(author, entry)
    db.session.delete(entry)
