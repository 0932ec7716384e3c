"""Storing conversations and messages: only forum.writing calls these (tests/test_layers.py)."""

import sqlalchemy as sa

from forum.accounts.models import User
from forum.conversations.models import Conversation, Membership, Message
from forum.extensions import db
from forum.text import render_post_body
from forum.timeutil import utcnow


def create_conversation(
    starter: User,
    others: list[User],
    *,
    with_team: bool = False,
    about_notice_id: int | None = None,
    about_post_id: int | None = None,
) -> Conversation:
    """A conversation of the starter and these members (with the moderator team: no others,
    perhaps pointing at what it is about). Caller commits."""
    conversation = Conversation(
        started_by_id=starter.id,
        with_team=with_team,
        about_notice_id=about_notice_id,
        about_post_id=about_post_id,
    )
    db.session.add(conversation)
    db.session.flush()
    for member in [starter, *others]:
        db.session.add(Membership(conversation_id=conversation.id, user_id=member.id))
    db.session.flush()
    return conversation


def create_message(
    author: User, conversation: Conversation, body: str, *, as_team: bool = False
) -> Message:
    """A message, rendered once as posts are; the author has read up to it (a moderator
    writing for the team: the team has). Caller commits."""
    message = Message(
        conversation_id=conversation.id,
        author_id=author.id,
        body_source=body,
        body_html=render_post_body(body),
        created_at=utcnow(),
        as_team=as_team,
    )
    db.session.add(message)
    db.session.flush()
    conversation.last_message_at = message.created_at
    if as_team:
        conversation.team_read_up_to = message.id
    own = db.session.get(Membership, (conversation.id, author.id))
    if own is not None:
        own.read_up_to = message.id
    return message


def erase_messages_of(member: User) -> None:
    """A leaving member who asked for their words to go: their messages are deleted from
    every conversation. (Kept messages lose their author with the account: "a former
    member".) Conversations left with no one in them go too. Caller commits."""
    db.session.execute(sa.delete(Message).where(Message.author_id == member.id))


def forget_empty_conversations() -> None:
    """Conversations nobody is in any more, and their messages. Caller commits. A line to
    the moderator team stays for the team, as a conversation stays for the others in it."""
    anyone = sa.select(Membership.conversation_id).where(
        Membership.conversation_id == Conversation.id
    )
    db.session.execute(
        sa.delete(Conversation).where(~sa.exists(anyone), Conversation.with_team.is_(False))
    )
