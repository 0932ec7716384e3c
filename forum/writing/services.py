"""The one write rule. Every path that stores text a person wrote (a new thread, a reply, an
edit, a milestone share, and whatever comes later) calls a write_* function here (or, for
a private message or a short note, in forum.writing.messages), which applies the whole rule
in one order, its checks from forum.writing.checks: the watched words (a block refuses, a
replacement changes the text), the identity check, pre-moderation (a new member's posts, or a held
word), storing, the content note (the author's, else a watched word's), the watched words'
flags and help cards, and the care check; a new post also counts against the member's
writing limit. A draft's one-time token is kept with what it made (forum.writing.tokens),
so that the same form sent again is answered with that post instead of storing a second.
A draft the member saved and resumed (forum.drafts) goes in the transaction that stores it.
Views call these and apply nothing of the rule themselves.
"""

import math
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import ngettext

from forum.accounts.models import User
from forum.extensions import db
from forum.moderation.reports import hold_for_approval, raise_watched_report
from forum.moderation.watched.rules import Found
from forum.posts.content_notes import NOTE_KINDS, set_content_note
from forum.posts.languages import known
from forum.posts.models import Board, Post, PostStatus, Thread, ThreadKind
from forum.posts.permissions import slow_mode_applies
from forum.posts.store import create_reply, create_thread, revise_post
from forum.timeutil import utcnow
from forum.web.limits import (
    count_writing,
)
from forum.writing.care import look_after
from forum.writing.checks import (
    Draft,
    TextRefused,
    claim_for,
    let_go_of_saved_draft,
    links_allowed,
    listed,
    needs_approval,
    second_look,
    watched,
)
from forum.writing.languages import language_for
from forum.writing.tokens import keep


@dataclass
class Written:
    """What the rule did with a draft."""

    post: Post
    # Words of risk raised a care report: the author is shown the help page next.
    at_risk: bool

    @property
    def is_waiting(self) -> bool:
        return self.post.status == PostStatus.PENDING


def _after_watching(post: Post, found: Found, edited: bool = False) -> None:
    """What the watched words ask once the post is stored: a help card, a content note when
    its author set none, and the moderators' eyes on it (an edit is flagged, never held)."""
    post.card_id = found.cards[0].id if found.cards else None
    if found.notes and not post.content_note:
        detail = found.notes[0].detail
        kind = detail if detail in NOTE_KINDS and detail != "other" else "other"
        set_content_note(post, kind, None if kind != "other" else detail or "Watched words")
    held = [] if edited else found.held
    flagged = found.flagged + (found.held if edited else [])
    if held:
        raise_watched_report(post, "Held for approval: it has " + listed(held) + ".")
    if flagged:
        raise_watched_report(post, "Flagged by watched words: " + listed(flagged) + ".")


def _after_storing(post: Post, draft: Draft, found: Found) -> Written:
    let_go_of_saved_draft(post.author_id, draft)
    if post.status == PostStatus.PENDING:
        hold_for_approval(post)
    set_content_note(post, draft.content_note, draft.content_note_text)
    _after_watching(post, found)
    return Written(post, at_risk=look_after(post))


def write_thread(
    author: User,
    board: Board,
    draft: Draft,
    kind: ThreadKind = ThreadKind.STORY,
    badge: str | None = None,
) -> Written:
    """Start a thread from a draft (a milestone share passes its kind and badge).

    Raises SecondLookNeeded before storing anything, AlreadyWritten or SentBefore for a
    token that wrote before. Caller commits.
    """
    stored, found = watched(author, draft)
    links_allowed(author, stored)
    second_look(stored)
    claimed = claim_for(author, draft, f"thread:{board.id}:{kind}")
    count_writing(author)
    held = needs_approval(author) or bool(found.held)
    language = language_for(author, draft.language)
    post = create_thread(
        author, board, stored.title or "", stored.body, held, kind, badge, language=language
    )
    keep(claimed, post)
    return _after_storing(post, stored, found)


class SlowMode(TextRefused):
    """The thread is in slow mode and the member replied in it a moment ago."""

    def __init__(self, minutes: int, wait: int):
        every = ngettext(
            "This thread is in slow mode: one reply every minute, to give everyone room.",
            "This thread is in slow mode: one reply every %(num)s minutes, to give everyone room.",
            minutes,
        )
        again = ngettext(
            "You can reply again in %(num)s minute; what you wrote is kept below.",
            "You can reply again in %(num)s minutes; what you wrote is kept below.",
            wait,
        )
        super().__init__(f"{every} {again}")


def _at_the_threads_pace(author: User, thread: Thread) -> None:
    if not slow_mode_applies(author, thread):
        return
    since = utcnow() - timedelta(minutes=thread.slow_mode_minutes)
    last = db.session.scalar(
        sa.select(sa.func.max(Post.created_at)).where(
            Post.thread_id == thread.id,
            Post.author_id == author.id,
            Post.created_at > since,
            Post.status != PostStatus.WITHDRAWN,
        )
    )
    if last is not None:
        left = last + timedelta(minutes=thread.slow_mode_minutes) - utcnow()
        raise SlowMode(thread.slow_mode_minutes, max(1, math.ceil(left.total_seconds() / 60)))


def write_reply(author: User, thread: Thread, draft: Draft, parent: Post | None = None) -> Written:
    """Reply to a thread, perhaps to one post of it, at the thread's pace when it is in slow
    mode. Raises TextRefused, SecondLookNeeded, AlreadyWritten or SentBefore. Caller commits."""
    stored, found = watched(author, draft)
    links_allowed(author, stored)
    second_look(stored)
    claimed = claim_for(author, draft, f"reply:{thread.id}:{parent.id if parent else ''}")
    # After the claim, so that the same form sent twice is answered with its reply.
    _at_the_threads_pace(author, thread)
    count_writing(author)
    held = needs_approval(author) or bool(found.held)
    language = language_for(author, draft.language)
    post = create_reply(author, thread, stored.body, parent, held=held, language=language)
    keep(claimed, post)
    return _after_storing(post, stored, found)


def write_edit(editor: User, post: Post, draft: Draft) -> Written:
    """Save a new version of a post (and of its thread's title, for an opening post).

    Raises SecondLookNeeded, AlreadyWritten or SentBefore. Caller commits.
    """
    stored, found = watched(editor, draft)
    links_allowed(editor, stored)
    second_look(stored)
    claim_for(editor, draft, f"edit:{post.id}", post)
    revise_post(editor, post, stored.body, stored.title)
    # The post keeps its language unless the form says another.
    post.language = known(draft.language) or post.language
    set_content_note(post, stored.content_note, stored.content_note_text)
    _after_watching(post, found, edited=True)
    return Written(post, at_risk=look_after(post))


# --- short notes ----------------------------------------------------------------------------


# --- private messages ---------------------------------------------------------------------
