"""Reading conversations: only a member still in one ever gets it, its messages or its count.
The moderators read the conversations with the team through forum.conversations.team.queries."""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask import g
from flask_babel import gettext
from sqlalchemy.orm import aliased, joinedload

from forum.accounts.models import User
from forum.blocks.models import MemberBlock
from forum.blocks.queries import block_of, blocked_select
from forum.conversations.models import Conversation, Membership, Message
from forum.conversations.shield import is_new
from forum.extensions import db
from forum.i18n import lazy_gettext as _l
from forum.notices.models import Notice
from forum.permissions import is_member
from forum.timeutil import iso_time
from forum.writing.care import identity_hints

# How the moderator team is named to a member, wherever its answers are shown.
TEAM = _l("the moderators")


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
    """A conversation started by someone the member blocked is not theirs to see when it is
    the two of them alone (whenever it began), or a group begun after the block: it was
    stored, members and all, so that the starter is never told."""
    place = aliased(Membership)
    size = (
        sa.select(sa.func.count())
        .where(place.conversation_id == Conversation.id)
        .correlate(Conversation)
        .scalar_subquery()
    )
    block = block_of(member.id, Conversation.started_by_id).where(
        sa.or_(size <= 2, MemberBlock.created_at <= Conversation.created_at)
    )
    return ~sa.exists(block.correlate(Conversation))


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
        Listed(c, _names(c, names), bool(unread) and not muted, muted, c.last_message_at)
        for c, muted, unread in rows
    ]


def _names(conversation: Conversation, names: dict[int, list[str]]) -> list[str]:
    return [str(TEAM)] if conversation.with_team else names.get(conversation.id, [])


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
        shown = gettext("%(name)s (left)", name=name) if left_at else name
        found.setdefault(conversation_id, []).append(shown)
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


def conversation_between(member: User, other: User) -> Conversation | None:
    """The latest conversation of just these two members, both still in it."""
    mine, theirs = aliased(Membership), aliased(Membership)
    people = (
        sa.select(sa.func.count())
        .where(Membership.conversation_id == Conversation.id)
        .scalar_subquery()
    )
    return db.session.scalar(
        sa.select(Conversation)
        .join(mine, mine.conversation_id == Conversation.id)
        .join(theirs, theirs.conversation_id == Conversation.id)
        .where(
            mine.user_id == member.id,
            mine.left_at.is_(None),
            theirs.user_id == other.id,
            theirs.left_at.is_(None),
            Conversation.with_team.is_(False),
            people == 2,
        )
        .order_by(Conversation.last_message_at.desc())
        .limit(1)
    )


def messages_in(conversation: Conversation, viewer: User | None = None) -> list[Message]:
    """The messages, without those by someone the viewer blocked (stored, never shown)."""
    stmt = sa.select(Message).where(Message.conversation_id == conversation.id)
    if viewer is not None:
        stmt = stmt.where(
            sa.or_(Message.author_id.is_(None), Message.author_id.not_in(blocked_select(viewer.id)))
        )
    return list(db.session.scalars(stmt.options(joinedload(Message.author)).order_by(Message.id)))


def asked_off_hearth(member: User, messages: list[Message]) -> set[int]:
    """The ids of the messages by others that hold contact details, when the member reading
    them is new: beside each, the newcomer is reminded that the guidelines keep conversations
    on Hearth. Read from the messages as they are now; nothing about it is stored."""
    if not is_member(member) or not is_new(member):
        return set()
    return {
        message.id
        for message in messages
        if message.author_id != member.id and identity_hints(message.body_source)
    }


def others_in(member: User, conversation: Conversation) -> list[str]:
    return _names(conversation, _others(member, [conversation.id]))


def about_notice(conversation: Conversation) -> Notice | None:
    """The notice a conversation with the team is about, as it reads now (the moderators'
    own words to the member)."""
    if conversation.about_notice_id is None:
        return None
    return db.session.get(Notice, conversation.about_notice_id)


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
    answers: dict[int, list[dict]] = {}
    for message in db.session.scalars(
        sa.select(Message)
        .where(
            Message.conversation_id.in_(ids),
            sa.or_(Message.author_id == member.id, Message.as_team.is_(True)),
        )
        .order_by(Message.id)
    ):
        # The team's answers were written to the member: theirs to keep, from "the
        # moderators" (which moderator wrote one is the team's to know).
        kept = answers if message.as_team else own
        kept.setdefault(message.conversation_id, []).append(
            {"sent": iso_time(message.created_at), "text": message.body_source}
        )
    conversations = {
        c.id: c for c in db.session.scalars(sa.select(Conversation).where(Conversation.id.in_(ids)))
    }
    exported = []
    for place in places:
        conversation = conversations[place.conversation_id]
        entry = {
            "with": _names(conversation, names),
            "joined": iso_time(place.joined_at),
            "left": iso_time(place.left_at),
            "muted": place.muted,
            "my_messages": own.get(place.conversation_id, []),
        }
        if conversation.with_team:
            entry["answers_from_the_moderators"] = answers.get(place.conversation_id, [])
        exported.append(entry)
    return exported
