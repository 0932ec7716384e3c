"""The one write rule. Every path that stores text a person wrote (a new thread, a reply, an
edit, a milestone share, and whatever comes later) calls a write_* function here, which
applies the whole rule in one order: the watched words (a block refuses, a replacement
changes the text), the identity check, pre-moderation (a new member's posts, or a held
word), storing, the content note (the author's, else a watched word's), the watched words'
flags and help cards, and the care check; a new post also counts against the member's
writing limit. A draft's one-time token is kept with what it made (forum.writing.tokens),
so that the same form sent again is answered with that post instead of storing a second.
A draft the member saved and resumed (forum.drafts) goes in the transaction that stores it.
Views call these and apply nothing of the rule themselves.
"""

import math
from dataclasses import dataclass, replace
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from forum.accounts.models import User
from forum.conversations.models import Conversation, Message
from forum.conversations.store import create_conversation, create_message
from forum.drafts.models import SavedDraft
from forum.errors import ForumError
from forum.extensions import db
from forum.moderation.reports import hold_for_approval, raise_watched_report
from forum.moderation.watched.rules import Found, watch
from forum.permissions import can_moderate, unlocks
from forum.posts.content_notes import NOTE_KINDS, set_content_note
from forum.posts.languages import known
from forum.posts.models import Board, Post, PostStatus, Thread, ThreadKind
from forum.posts.permissions import slow_mode_applies
from forum.posts.store import create_reply, create_thread, revise_post
from forum.text import outside_links, render_post_body
from forum.timeutil import utcnow
from forum.web.limits import (
    count_conversation,
    count_message,
    count_team_conversation,
    count_writing,
)
from forum.web.paging import id_from
from forum.writing.care import identity_hints, look_after, risk_phrases_in
from forum.writing.languages import language_for
from forum.writing.models import WriteToken
from forum.writing.tokens import claim, fingerprint, keep, usable


@dataclass
class Draft:
    """What the person typed, as every writing form carries it."""

    body: str
    title: str | None = None
    content_note: str | None = None
    content_note_text: str | None = None
    # The author saw the identity warning and chose to post.
    post_anyway: bool = False
    # The form's one-time token: the same form sent again lands on what it made.
    token: str | None = None
    # The member's saved draft this form was resumed from (forum.drafts), if any: it goes
    # once what it held is stored.
    saved_draft_id: int | None = None
    # The language chosen on the form (forum.posts.languages); None: the author's default,
    # or for an edit, the post's own.
    language: str | None = None

    @classmethod
    def from_form(cls, form) -> "Draft":
        title = getattr(form, "title", None)
        saved = getattr(form, "draft_id", None)
        language = getattr(form, "language", None)
        return cls(
            body=form.body.data,
            title=title.data if title is not None else None,
            content_note=form.content_note.data,
            content_note_text=form.content_note_text.data,
            post_anyway=bool(form.post_anyway.data),
            token=usable(form.write_token.data),
            saved_draft_id=id_from(saved.data) if saved is not None else None,
            language=(language.data or None) if language is not None else None,
        )


@dataclass
class Written:
    """What the rule did with a draft."""

    post: Post
    # Words of risk raised a care report: the author is shown the help page next.
    at_risk: bool

    @property
    def is_waiting(self) -> bool:
        return self.post.status == PostStatus.PENDING


class SecondLookNeeded(ForumError):
    """The text may identify someone: nothing is stored until the author posts it anyway."""

    status_code = 200

    def __init__(self, hints: list[str]):
        super().__init__("This may identify you or someone else.")
        self.hints = hints


class TextRefused(ForumError):
    """What was written can't go as it is: nothing is stored, the form comes back with the
    text kept and this message beside it."""

    status_code = 400


class WordsRefused(TextRefused):
    """A watched word the moderators block."""

    def __init__(self, words: list[str]):
        quoted = ", ".join(f"“{w}”" for w in words)
        super().__init__(
            f"Hearth's moderators have asked that {quoted} not be posted here. Please change "
            "it and send again: what you wrote is kept below."
        )
        self.words = words


def _watched(author: User, draft: Draft) -> tuple[Draft, Found]:
    """The watched words on a draft: a block refuses it; replacements give the draft that is
    stored. The moderators' own writing is never blocked, held or flagged."""
    found = watch(draft.body, draft.title)
    if can_moderate(author):
        found.blocked, found.held, found.flagged = [], [], []
    if found.blocked:
        raise WordsRefused(found.blocked)
    if found.replaced:
        draft = replace(draft, body=found.text, title=found.title)
    return draft, found


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
        raise_watched_report(post, "Held for approval: it has " + _listed(held) + ".")
    if flagged:
        raise_watched_report(post, "Flagged by watched words: " + _listed(flagged) + ".")


def _listed(words: list[str]) -> str:
    return ", ".join(f"“{w}”" for w in sorted(set(words)))


def _second_look(draft: Draft) -> None:
    if draft.post_anyway:
        return
    hints = identity_hints(draft.body)
    if hints:
        raise SecondLookNeeded(hints)


def needs_approval(author: User) -> bool:
    """The posts of a *new* member wait for a moderator, until they earn the member level
    (forum/trust/levels.py; TRUST_NEW_POSTS_WAIT turns it off)."""
    return current_app.config["TRUST_NEW_POSTS_WAIT"] and unlocks(author).posts_wait


class LinksNotYet(TextRefused):
    """A new member linked beyond Hearth's own pages."""

    def __init__(self):
        super().__init__(
            "Links to other sites open up after your first days here. Please take the link "
            "out (you can name the site in words): what you wrote is kept below."
        )


def _links_allowed(author: User, draft: Draft) -> None:
    if not unlocks(author).links and outside_links(draft.body):
        raise LinksNotYet()


def _claim(member: User, draft: Draft, target: str, post: Post | None = None) -> WriteToken | None:
    mark = fingerprint(target, draft.title, draft.body, draft.content_note, draft.content_note_text)
    return claim(member, draft.token, mark, post)


def _let_go_of_saved_draft(author_id: int, draft: Draft) -> None:
    """What a resumed draft held is stored (waiting for a moderator or not): the member's
    saved copy goes in the same transaction. Only the author's own draft is ever touched."""
    if draft.saved_draft_id is not None:
        db.session.execute(
            sa.delete(SavedDraft).where(
                SavedDraft.id == draft.saved_draft_id, SavedDraft.author_id == author_id
            )
        )


def _after_storing(post: Post, draft: Draft, found: Found) -> Written:
    _let_go_of_saved_draft(post.author_id, draft)
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
    stored, found = _watched(author, draft)
    _links_allowed(author, stored)
    _second_look(stored)
    claimed = _claim(author, draft, f"thread:{board.id}:{kind}")
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
        super().__init__(
            f"This thread is in slow mode: one reply every {minutes} minutes, to give everyone "
            f"room. You can reply again in {wait} minute{'s' if wait != 1 else ''}; what you "
            "wrote is kept below."
        )


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
    stored, found = _watched(author, draft)
    _links_allowed(author, stored)
    _second_look(stored)
    claimed = _claim(author, draft, f"reply:{thread.id}:{parent.id if parent else ''}")
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
    stored, found = _watched(editor, draft)
    _links_allowed(editor, stored)
    _second_look(stored)
    _claim(editor, draft, f"edit:{post.id}", post)
    revise_post(editor, post, stored.body, stored.title)
    # The post keeps its language unless the form says another.
    post.language = known(draft.language) or post.language
    set_content_note(post, stored.content_note, stored.content_note_text)
    _after_watching(post, found, edited=True)
    return Written(post, at_risk=look_after(post))


# --- short notes ----------------------------------------------------------------------------


def write_note(author: User, draft: Draft) -> tuple[str, str]:
    """A short note a member shows others beside their pseudonym (a mentor's offer), through
    the rule as a message goes: watched words block or replace, a new member's links wait,
    and the identity check asks for a second look. Nothing is held or flagged, since there
    is no post for the moderators' queue. Returns the words to keep and their HTML; raises
    WordsRefused, LinksNotYet or SecondLookNeeded. Stores nothing: the caller keeps the
    note and commits."""
    stored = _in_a_message(author, draft)
    _second_look(stored)
    return stored.body, render_post_body(stored.body)


# --- private messages ---------------------------------------------------------------------


def _in_a_message(author: User, draft: Draft, to_team: bool = False) -> Draft:
    """In a private message the watched words block and replace; nothing is held or
    flagged, since no moderator reads a conversation but through a report on it. A new
    member's links wait as in posts, except to the moderator team (evidence may be a link)."""
    stored, _ = _watched(author, draft)
    if not to_team:
        _links_allowed(author, stored)
    return stored


@dataclass
class Sent:
    """A private message the rule stored."""

    message: Message
    # Words of risk: the author is shown where help is (no one else reads a message for it).
    at_risk: bool


def write_conversation(author: User, others: list[User], draft: Draft) -> Sent:
    """Start a conversation with these members, its first message from the draft. Who may
    reach whom is the conversations feature's to decide before this is called.

    Raises SecondLookNeeded, AlreadyWritten or SentBefore before storing anything. Caller
    commits."""
    draft = _in_a_message(author, draft)
    _second_look(draft)
    people = ",".join(str(m.id) for m in sorted(others, key=lambda m: m.id))
    claimed = _claim(author, draft, f"conversation:{people}")
    count_conversation(author)
    count_message(author)
    conversation = create_conversation(author, others)
    return _sent(claimed, create_message(author, conversation, draft.body), draft)


def write_message(author: User, conversation: Conversation, draft: Draft) -> Sent:
    """Add a message to a conversation the author is in. Raises SecondLookNeeded,
    AlreadyWritten or SentBefore before storing anything. Caller commits."""
    draft = _in_a_message(author, draft)
    _second_look(draft)
    claimed = _claim(author, draft, f"message:{conversation.id}")
    count_message(author)
    return _sent(claimed, create_message(author, conversation, draft.body), draft)


def write_to_team(
    author: User,
    draft: Draft,
    about_notice_id: int | None = None,
    about_post_id: int | None = None,
) -> Sent:
    """Start a conversation with the moderator team, its first message from the draft,
    pointing at what it is about. Who may is the conversations feature's to decide.

    Raises SecondLookNeeded, AlreadyWritten or SentBefore before storing anything. Caller
    commits."""
    draft = _in_a_message(author, draft, to_team=True)
    _second_look(draft)
    claimed = _claim(author, draft, f"team:{about_notice_id or ''}")
    count_team_conversation(author)
    count_message(author)
    conversation = create_conversation(
        author, [], with_team=True, about_notice_id=about_notice_id, about_post_id=about_post_id
    )
    return _sent(claimed, create_message(author, conversation, draft.body), draft)


def write_team_answer(moderator: User, conversation: Conversation, draft: Draft) -> Sent:
    """A moderator's answer in a conversation with the team, shown to the member as from
    "the moderators". Who may answer is the moderation feature's to decide. Raises
    SecondLookNeeded, AlreadyWritten or SentBefore before storing anything. Caller commits."""
    draft = _in_a_message(moderator, draft)
    _second_look(draft)
    claimed = _claim(moderator, draft, f"team-answer:{conversation.id}")
    count_message(moderator)
    message = create_message(moderator, conversation, draft.body, as_team=True)
    return _sent(claimed, message, draft)


def _sent(claimed: WriteToken | None, message: Message, draft: Draft) -> Sent:
    keep(claimed, message)
    _let_go_of_saved_draft(message.author_id, draft)
    return Sent(message, at_risk=bool(risk_phrases_in(message.body_source)))
