"""A member's own drafts: "My drafts", one draft, where each belongs, and the export.

Every read names the author: nobody else, moderators included, ever reads a draft, and no
list of posts, search or page cache meets one (a draft is not a post).
"""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from forum.accounts.models import User
from forum.conversations import queries as conversations
from forum.conversations.models import Conversation
from forum.drafts.models import DraftKind, SavedDraft
from forum.extensions import db
from forum.posts.models import Board, Thread
from forum.posts.permissions import can_post, can_reply
from forum.posts.visibility import can_view_board, can_view_thread
from forum.timeutil import iso_time


@dataclass
class Where:
    """Where a draft belongs, as its author can see it now."""

    draft: SavedDraft
    # The board, thread or conversation, when the author can still open it (else None).
    board: Board | None = None
    thread: Thread | None = None
    conversation: Conversation | None = None
    # The others in the conversation (none: a line to the moderators).
    others: tuple[str, ...] = ()
    # The place still takes it from the author: resuming opens its form.
    is_open: bool = False


def draft_of(member: User, draft_id: int | None) -> SavedDraft | None:
    """The member's own draft, else None (for anyone else the page is a 404)."""
    if draft_id is None or not getattr(member, "is_authenticated", False):
        return None
    return db.session.scalar(
        sa.select(SavedDraft)
        .where(SavedDraft.id == draft_id, SavedDraft.author_id == member.id)
        .options(*_places())
    )


def draft_to_resume(member: User, draft_id: int | None, kind: str, place_id: int):
    """The member's draft of this kind for this board, thread or conversation, to fill its
    form with; None when it is not theirs or belongs elsewhere."""
    draft = draft_of(member, draft_id)
    if draft is None or draft.kind != kind:
        return None
    own = {
        DraftKind.THREAD: draft.board_id,
        DraftKind.REPLY: draft.thread_id,
        DraftKind.MESSAGE: draft.conversation_id,
    }
    return draft if own[DraftKind(draft.kind)] == place_id else None


def count_of(member: User) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(SavedDraft).where(SavedDraft.author_id == member.id)
    )


def _places():
    return (
        selectinload(SavedDraft.board),
        selectinload(SavedDraft.thread),
        selectinload(SavedDraft.conversation),
    )


def where_of(member: User, draft: SavedDraft) -> Where:
    """Where the draft goes, through the same rules as the pages it goes to."""
    if draft.kind == DraftKind.THREAD:
        board = draft.board if can_view_board(member, draft.board) else None
        return Where(draft, board=board, is_open=board is not None and can_post(member, board))
    if draft.kind == DraftKind.REPLY:
        thread = draft.thread if can_view_thread(member, draft.thread) else None
        return Where(draft, thread=thread, is_open=thread is not None and can_reply(member, thread))
    conversation = conversations.conversation_for(member, draft.conversation_id)
    if conversation is None:
        return Where(draft)
    others = tuple(conversations.others_in(member, conversation))
    return Where(draft, conversation=conversation, others=others, is_open=True)


def drafts_of(member: User) -> list[Where]:
    """The member's drafts, the latest saved first, each with where it belongs."""
    drafts = db.session.scalars(
        sa.select(SavedDraft)
        .where(SavedDraft.author_id == member.id)
        .order_by(SavedDraft.saved_at.desc(), SavedDraft.id.desc())
        .options(*_places())
    ).all()
    return [where_of(member, draft) for draft in drafts]


def drafts_for_export(member: User) -> list[dict]:
    """The member's drafts as they typed them, with where each belongs (by id)."""
    drafts = db.session.scalars(
        sa.select(SavedDraft).where(SavedDraft.author_id == member.id).order_by(SavedDraft.id)
    )
    return [
        {
            "kind": draft.kind,
            "board_id": draft.board_id,
            "thread_id": draft.thread_id,
            "in_reply_to": draft.parent_id,
            "conversation_id": draft.conversation_id,
            "title": draft.title,
            "text": draft.body,
            "content_note": draft.content_note,
            "content_note_text": draft.content_note_text,
            "started": iso_time(draft.created_at),
            "saved": iso_time(draft.saved_at),
        }
        for draft in drafts
    ]
