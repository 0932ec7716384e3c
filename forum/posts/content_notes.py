"""Content notes: what an author can warn readers about, and how each reader wants such posts."""

from forum.errors import ForumError
from forum.i18n import lazy_gettext as _l
from forum.permissions import is_member

# The fixed list authors choose from; "other" takes the author's own words.
NOTE_KINDS = {
    "relapse": _l("Relapse detail"),
    "use": _l("Drug or alcohol use detail"),
    "self_harm": _l("Self-harm or suicide"),
    "overdose": _l("Overdose"),
    "grief": _l("Grief"),
    "abuse": _l("Abuse"),
    "other": _l("Something else"),
}
# What a reader can ask for, per kind of note.
COLLAPSED, OPEN, HIDE = "collapsed", "open", "hide"
READER_MODES = {
    COLLAPSED: _l("Collapsed: I open it"),
    OPEN: _l("Open"),
    HIDE: _l("Hidden from me"),
}


def note_label(post) -> str | None:
    """The words shown on a post's note, e.g. "Relapse detail" or the author's own text."""
    if not post.content_note:
        return None
    label = str(NOTE_KINDS.get(post.content_note, NOTE_KINDS["other"]))
    if post.content_note_text:
        return (
            post.content_note_text
            if post.content_note == "other"
            else f"{label}: {post.content_note_text}"
        )
    return label


def reader_mode(viewer, post) -> str | None:
    """How this reader sees this post's note: collapsed, open or hidden (None: no note)."""
    if not post.content_note:
        return None
    if not is_member(viewer):
        return COLLAPSED
    return (viewer.note_prefs or {}).get(post.content_note, COLLAPSED)


def hidden_kinds(viewer) -> list[str]:
    """The kinds of note whose posts this reader asked not to see (for queries such as search)."""
    if not is_member(viewer):
        return []
    return [kind for kind, mode in (viewer.note_prefs or {}).items() if mode == HIDE]


def set_content_note(post, kind: str | None, text: str | None) -> None:
    """Put a note before a post's text, change it, or take it away. Caller commits."""
    # Blank or whitespace counts as no choice, as the form's Optional() validator sees it.
    kind = (kind or "").strip() or None
    text = (text or "").strip()[:100] or None
    if kind is not None and kind not in NOTE_KINDS:
        raise ForumError(_l("Please choose a content note from the list."))
    if kind == "other" and not text:
        raise ForumError(_l("Please say in a few words what the note is about."))
    post.content_note = kind
    post.content_note_text = text if kind else None
