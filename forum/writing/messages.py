"""The write rule for private messages and short notes: what a post meets before it is stored
(forum.writing.checks), without the moderators' queue, since no moderator reads a
conversation but through a report on it."""

from dataclasses import dataclass

from forum.accounts.models import User
from forum.conversations.models import Conversation, Message
from forum.conversations.store import create_conversation, create_message
from forum.text import render_post_body
from forum.web.limits import (
    count_conversation,
    count_message,
    count_team_conversation,
)
from forum.writing.care import risk_phrases_in
from forum.writing.checks import (
    Draft,
    claim_for,
    let_go_of_saved_draft,
    links_allowed,
    second_look,
    watched,
)
from forum.writing.models import WriteToken
from forum.writing.tokens import keep


def write_note(author: User, draft: Draft) -> tuple[str, str]:
    """A short note a member shows others beside their pseudonym (a mentor's offer), through
    the rule as a message goes: watched words block or replace, a new member's links wait,
    and the identity check asks for a second look. Nothing is held or flagged, since there
    is no post for the moderators' queue. Returns the words to keep and their HTML; raises
    WordsRefused, LinksNotYet or SecondLookNeeded. Stores nothing: the caller keeps the
    note and commits."""
    stored = _in_a_message(author, draft)
    second_look(stored)
    return stored.body, render_post_body(stored.body)


def _in_a_message(author: User, draft: Draft, to_team: bool = False) -> Draft:
    """In a private message the watched words block and replace; nothing is held or
    flagged, since no moderator reads a conversation but through a report on it. A new
    member's links wait as in posts, except to the moderator team (evidence may be a link)."""
    stored, _ = watched(author, draft)
    if not to_team:
        links_allowed(author, stored)
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
    second_look(draft)
    people = ",".join(str(m.id) for m in sorted(others, key=lambda m: m.id))
    claimed = claim_for(author, draft, f"conversation:{people}")
    count_conversation(author)
    count_message(author)
    conversation = create_conversation(author, others)
    return _sent(claimed, create_message(author, conversation, draft.body), draft)


def write_message(author: User, conversation: Conversation, draft: Draft) -> Sent:
    """Add a message to a conversation the author is in. Raises SecondLookNeeded,
    AlreadyWritten or SentBefore before storing anything. Caller commits."""
    draft = _in_a_message(author, draft)
    second_look(draft)
    claimed = claim_for(author, draft, f"message:{conversation.id}")
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
    second_look(draft)
    claimed = claim_for(author, draft, f"team:{about_notice_id or ''}")
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
    second_look(draft)
    claimed = claim_for(moderator, draft, f"team-answer:{conversation.id}")
    count_message(moderator)
    message = create_message(moderator, conversation, draft.body, as_team=True)
    return _sent(claimed, message, draft)


def _sent(claimed: WriteToken | None, message: Message, draft: Draft) -> Sent:
    keep(claimed, message)
    let_go_of_saved_draft(message.author_id, draft)
    return Sent(message, at_risk=bool(risk_phrases_in(message.body_source)))
