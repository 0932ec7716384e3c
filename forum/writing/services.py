"""The one write rule. Every path that stores text a person wrote (a new thread, a reply, an
edit, a milestone share, and whatever comes later) calls a write_* function here, which
applies the whole rule in one order: the identity check, pre-moderation, storing, the
content note, and the care check; a new post also counts against the member's writing
limit. A draft's one-time token is kept with what it made (forum.writing.tokens), so that the
same form sent again is answered with that post instead of storing a second. Views call these
and apply nothing of the rule themselves.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app

from forum.accounts.models import User
from forum.conversations.models import Conversation, Message
from forum.conversations.store import create_conversation, create_message
from forum.errors import ForumError
from forum.extensions import db
from forum.moderation.reports import hold_for_approval
from forum.permissions import can_moderate
from forum.posts.content_notes import set_content_note
from forum.posts.models import Board, Post, PostStatus, Thread, ThreadKind
from forum.posts.store import create_reply, create_thread, revise_post
from forum.web.limits import (
    count_conversation,
    count_message,
    count_team_conversation,
    count_writing,
)
from forum.writing.care import identity_hints, look_after, risk_phrases_in
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

    @classmethod
    def from_form(cls, form) -> "Draft":
        title = getattr(form, "title", None)
        return cls(
            body=form.body.data,
            title=title.data if title is not None else None,
            content_note=form.content_note.data,
            content_note_text=form.content_note_text.data,
            post_anyway=bool(form.post_anyway.data),
            token=usable(form.write_token.data),
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


def _second_look(draft: Draft) -> None:
    if draft.post_anyway:
        return
    hints = identity_hints(draft.body)
    if hints:
        raise SecondLookNeeded(hints)


def needs_approval(author: User) -> bool:
    """A newcomer's first posts wait for a moderator (how many: PREMODERATE_FIRST_POSTS)."""
    first = current_app.config["PREMODERATE_FIRST_POSTS"]
    if not first or can_moderate(author):
        return False
    approved = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Post)
        .where(Post.author_id == author.id, Post.status == PostStatus.VISIBLE)
    )
    return approved < first


def _claim(member: User, draft: Draft, target: str, post: Post | None = None) -> WriteToken | None:
    mark = fingerprint(target, draft.title, draft.body, draft.content_note, draft.content_note_text)
    return claim(member, draft.token, mark, post)


def _after_storing(post: Post, draft: Draft) -> Written:
    if post.status == PostStatus.PENDING:
        hold_for_approval(post)
    set_content_note(post, draft.content_note, draft.content_note_text)
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
    _second_look(draft)
    claimed = _claim(author, draft, f"thread:{board.id}:{kind}")
    count_writing(author)
    post = create_thread(
        author, board, draft.title or "", draft.body, needs_approval(author), kind, badge
    )
    keep(claimed, post)
    return _after_storing(post, draft)


def write_reply(author: User, thread: Thread, draft: Draft, parent: Post | None = None) -> Written:
    """Reply to a thread, perhaps to one post of it. Raises SecondLookNeeded, AlreadyWritten
    or SentBefore. Caller commits."""
    _second_look(draft)
    claimed = _claim(author, draft, f"reply:{thread.id}:{parent.id if parent else ''}")
    count_writing(author)
    post = create_reply(author, thread, draft.body, parent, held=needs_approval(author))
    keep(claimed, post)
    return _after_storing(post, draft)


def write_edit(editor: User, post: Post, draft: Draft) -> Written:
    """Save a new version of a post (and of its thread's title, for an opening post).

    Raises SecondLookNeeded, AlreadyWritten or SentBefore. Caller commits.
    """
    _second_look(draft)
    _claim(editor, draft, f"edit:{post.id}", post)
    revise_post(editor, post, draft.body, draft.title)
    set_content_note(post, draft.content_note, draft.content_note_text)
    return Written(post, at_risk=look_after(post))


# --- private messages ---------------------------------------------------------------------


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
    _second_look(draft)
    people = ",".join(str(m.id) for m in sorted(others, key=lambda m: m.id))
    claimed = _claim(author, draft, f"conversation:{people}")
    count_conversation(author)
    count_message(author)
    conversation = create_conversation(author, others)
    return _sent(claimed, create_message(author, conversation, draft.body))


def write_message(author: User, conversation: Conversation, draft: Draft) -> Sent:
    """Add a message to a conversation the author is in. Raises SecondLookNeeded,
    AlreadyWritten or SentBefore before storing anything. Caller commits."""
    _second_look(draft)
    claimed = _claim(author, draft, f"message:{conversation.id}")
    count_message(author)
    return _sent(claimed, create_message(author, conversation, draft.body))


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
    _second_look(draft)
    claimed = _claim(author, draft, f"team:{about_notice_id or ''}")
    count_team_conversation(author)
    count_message(author)
    conversation = create_conversation(
        author, [], with_team=True, about_notice_id=about_notice_id, about_post_id=about_post_id
    )
    return _sent(claimed, create_message(author, conversation, draft.body))


def write_team_answer(moderator: User, conversation: Conversation, draft: Draft) -> Sent:
    """A moderator's answer in a conversation with the team, shown to the member as from
    "the moderators". Who may answer is the moderation feature's to decide. Raises
    SecondLookNeeded, AlreadyWritten or SentBefore before storing anything. Caller commits."""
    _second_look(draft)
    claimed = _claim(moderator, draft, f"team-answer:{conversation.id}")
    count_message(moderator)
    return _sent(claimed, create_message(moderator, conversation, draft.body, as_team=True))


def _sent(claimed: WriteToken | None, message: Message) -> Sent:
    keep(claimed, message)
    return Sent(message, at_risk=bool(risk_phrases_in(message.body_source)))
