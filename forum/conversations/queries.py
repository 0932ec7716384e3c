"""Reading conversations: only a member still in one ever gets it, its messages or its count."""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import g
from sqlalchemy.orm import aliased, joinedload

from forum.accounts.models import User
from forum.blocks.queries import blocked_select
from forum.conversations.models import Conversation, Membership, Message
from forum.conversations.shield import is_new, turned_away_by
from forum.extensions import db
from forum.permissions import is_member
from forum.timeutil import iso_time


@dataclass
class Listed:
    conversation: Conversation
    others: list[str]  # the other members' pseudonyms, as they are now
    unread: bool
    muted: bool
    last_message_at: datetime


def _unread_clause():
    """Messages by someone else, newer than what the member has read."""
    return sa.exists().where(
        Message.conversation_id == Membership.conversation_id,
        Message.id > Membership.read_up_to,
        sa.or_(Message.author_id.is_(None), Message.author_id != Membership.user_id),
        # Silence: what someone the member blocked sends never counts for them.
        sa.or_(
            Message.author_id.is_(None),
            Message.author_id.not_in(blocked_select(Membership.user_id)),
        ),
    )


def _not_from_blocked(member: User):
    """A conversation started by someone the member blocked, with nobody else, is not theirs
    to see: it was stored so that the starter is never told."""
    place = aliased(Membership)
    others = (
        sa.select(sa.func.count())
        .where(place.conversation_id == Conversation.id)
        .correlate(Conversation)
        .scalar_subquery()
    )
    return sa.or_(
        Conversation.started_by_id.is_(None),
        Conversation.started_by_id.not_in(blocked_select(member.id)),
        others > 2,
    )


def unread_select(member: User) -> sa.Select:
    """The count of conversations with something new for the member (muted ones never
    count), as a statement: the header reads it with the notices' in one query."""
    return (
        sa.select(sa.func.count())
        .select_from(Membership)
        .where(
            Membership.user_id == member.id,
            Membership.left_at.is_(None),
            Membership.muted.is_(False),
            _unread_clause(),
        )
    )


def unread_count(member: User) -> int:
    """How many conversations hold something new for the member (once per request)."""
    if not is_member(member):
        return 0
    if "unread_conversations" not in g:
        g.unread_conversations = db.session.scalar(unread_select(member))
    return g.unread_conversations


def conversations_of(member: User) -> list[Listed]:
    """The member's conversations, the newest message first."""
    rows = db.session.execute(
        sa.select(Conversation, Membership.muted, _unread_clause().label("unread"))
        .join(Membership, Membership.conversation_id == Conversation.id)
        .where(
            Membership.user_id == member.id, Membership.left_at.is_(None), _not_from_blocked(member)
        )
        .order_by(Conversation.last_message_at.desc(), Conversation.id.desc())
    ).all()
    names = _others(member, [c.id for c, *_ in rows])
    return [
        Listed(c, names.get(c.id, []), bool(unread) and not muted, muted, c.last_message_at)
        for c, muted, unread in rows
    ]


def _others(member: User, conversation_ids: list[int]) -> dict[int, list[str]]:
    if not conversation_ids:
        return {}
    rows = db.session.execute(
        sa.select(Membership.conversation_id, User.pseudonym, Membership.left_at)
        .join(User, User.id == Membership.user_id)
        .where(Membership.conversation_id.in_(conversation_ids), User.id != member.id)
        .order_by(User.pseudonym)
    ).all()
    found: dict[int, list[str]] = {}
    for conversation_id, name, left_at in rows:
        found.setdefault(conversation_id, []).append(f"{name} (left)" if left_at else name)
    return found


def conversation_for(member: User, conversation_id: int) -> Conversation | None:
    """The conversation, if the member is still in it; None otherwise (the page is a 404)."""
    return db.session.scalar(
        sa.select(Conversation)
        .join(Membership, Membership.conversation_id == Conversation.id)
        .where(
            Conversation.id == conversation_id,
            Membership.user_id == member.id,
            Membership.left_at.is_(None),
            _not_from_blocked(member),
        )
    )


def messages_in(conversation: Conversation, viewer: User | None = None) -> list[Message]:
    """The messages, without those by someone the viewer blocked (stored, never shown)."""
    stmt = sa.select(Message).where(Message.conversation_id == conversation.id)
    if viewer is not None:
        stmt = stmt.where(
            sa.or_(Message.author_id.is_(None), Message.author_id.not_in(blocked_select(viewer.id)))
        )
    return list(db.session.scalars(stmt.options(joinedload(Message.author)).order_by(Message.id)))


def may_reach(author: User, member: User) -> bool:
    """Whether a mention by `author` may notify `member`: always, unless the member is new
    and the author could not reach them privately (the newcomer shield)."""
    return not is_new(member) or turned_away_by(author, member) is None


def others_in(member: User, conversation: Conversation) -> list[str]:
    return _others(member, [conversation.id]).get(conversation.id, [])


def conversations_for_export(member: User) -> list[dict]:
    """The member's conversations, with their own messages only: the others' words are theirs
    to take with their own export (and to erase), and a copy in this file would outlive that.
    The others are named by their pseudonyms as they are now; those who left the forum are
    not named at all."""
    places = db.session.scalars(
        sa.select(Membership).where(Membership.user_id == member.id).order_by(Membership.joined_at)
    ).all()
    ids = [place.conversation_id for place in places]
    names = _others(member, ids)
    own: dict[int, list[dict]] = {}
    for message in db.session.scalars(
        sa.select(Message)
        .where(Message.conversation_id.in_(ids), Message.author_id == member.id)
        .order_by(Message.id)
    ):
        own.setdefault(message.conversation_id, []).append(
            {"sent": iso_time(message.created_at), "text": message.body_source}
        )
    return [
        {
            "with": names.get(place.conversation_id, []),
            "joined": iso_time(place.joined_at),
            "left": iso_time(place.left_at),
            "muted": place.muted,
            "my_messages": own.get(place.conversation_id, []),
        }
        for place in places
    ]
