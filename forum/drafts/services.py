"""Saving a draft (a new one, or the same row again while the member types) and discarding it.

A draft is not writing yet: none of the write rule applies to it (the rule applies when the
draft is sent through its form). It is bounded as a post is, a member keeps at most
DRAFTS_MAX of them, and saves are counted (forum.web.limits) since a page saves by itself.
"""

from dataclasses import dataclass

from forum.accounts.models import User
from forum.conversations.models import Conversation
from forum.drafts.models import DRAFTS_MAX, DraftKind, SavedDraft
from forum.drafts.queries import count_of, draft_of
from forum.errors import ForumError, NotFound
from forum.extensions import db
from forum.i18n import lazy_gettext as _l
from forum.posts.models import Board, Post, Thread
from forum.timeutil import utcnow
from forum.web.limits import count_draft_save


@dataclass(frozen=True)
class Place:
    """Where a draft belongs: a board (a new thread), a thread (a reply, perhaps to one of
    its posts) or a conversation (a message)."""

    kind: DraftKind
    board: Board | None = None
    thread: Thread | None = None
    parent: Post | None = None
    conversation: Conversation | None = None


@dataclass
class DraftText:
    """What the form held."""

    body: str = ""
    title: str | None = None
    content_note: str | None = None
    content_note_text: str | None = None


class DraftGone(NotFound):
    """The draft the page was saving was sent or discarded meanwhile (in another tab):
    the page's script must not bring it back."""

    def __init__(self):
        super().__init__(
            _l(
                "This draft was sent or discarded meanwhile, so it is no longer saved. What "
                "you typed is still in the form."
            )
        )


class TooManyDrafts(ForumError):
    def __init__(self):
        super().__init__(
            _l(
                "You keep %(count)s drafts already. Please send or discard one of them under "
                "My drafts first; what you typed is still here.",
                count=DRAFTS_MAX,
            )
        )


def _places_match(draft: SavedDraft, place: Place) -> bool:
    ids = (getattr(p, "id", None) for p in (place.board, place.thread, place.conversation))
    own = (draft.board_id, draft.thread_id, draft.conversation_id)
    return draft.kind == place.kind and own == tuple(ids)


def save_draft(
    author: User,
    place: Place,
    text: DraftText,
    draft_id: int | None = None,
    only_update: bool = False,
) -> SavedDraft:
    """Keep what a writing form holds as the author's draft: the draft `draft_id` again when
    it is theirs and for this place, else a new one (unless `only_update`: the page's script
    never brings back a draft that was sent or discarded meanwhile).

    Raises SlowDown, DraftGone or TooManyDrafts. Applies nothing of the write rule (that
    is for when the draft is sent). Caller commits.
    """
    count_draft_save(author)
    draft = draft_of(author, draft_id) if draft_id is not None else None
    if draft is not None and not _places_match(draft, place):
        draft = None
    if draft is None:
        if draft_id is not None and only_update:
            raise DraftGone()
        if count_of(author) >= DRAFTS_MAX:
            raise TooManyDrafts()
        draft = SavedDraft(
            author_id=author.id,
            kind=place.kind,
            board_id=place.board.id if place.board else None,
            thread_id=place.thread.id if place.thread else None,
            conversation_id=place.conversation.id if place.conversation else None,
        )
        db.session.add(draft)
    thread_kind = place.kind == DraftKind.THREAD
    draft.title = text.title if thread_kind else None
    draft.body = text.body or ""
    # A message has no content note; a reply remembers the post it answers.
    noted = place.kind != DraftKind.MESSAGE
    draft.content_note = text.content_note if noted else None
    draft.content_note_text = text.content_note_text if noted else None
    draft.parent_id = place.parent.id if place.parent is not None else None
    draft.saved_at = utcnow()
    db.session.flush()
    return draft


def discard_draft(author: User, draft: SavedDraft) -> None:
    """The author lets a draft go, for good. Caller commits."""
    if draft.author_id != author.id:
        raise NotFound(_l("No such draft."))
    db.session.delete(draft)
