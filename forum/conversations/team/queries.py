"""The moderator team's inbox: every conversation a member opened with the team, what is
unread or unanswered there, and nothing else (the inbox opens no conversation between
members)."""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import g
from sqlalchemy.orm import joinedload

from forum.accounts.models import User
from forum.conversations.models import Conversation, Membership, Message
from forum.extensions import db
from forum.permissions import can_answer_for_team
from forum.web.jinja import author_name

TEAM_PAGE = 30


@dataclass
class TeamListed:
    """A conversation with the team as the moderators' inbox lists it."""

    conversation: Conversation
    member: str  # the member's pseudonym as it is now, or "a former member"
    unread: bool  # the member wrote since a moderator last opened it
    unanswered: bool  # the member's message is the newest: nobody has answered it yet
    left: bool  # the member left the conversation: an answer would not reach them


def _team_unread():
    return sa.exists().where(
        Message.conversation_id == Conversation.id,
        Message.as_team.is_(False),
        Message.id > Conversation.team_read_up_to,
    )


def _team_unanswered():
    """The member's newest message is newer than the team's newest answer."""
    theirs = sa.select(sa.func.max(Message.id)).where(
        Message.conversation_id == Conversation.id, Message.as_team.is_(False)
    )
    ours = sa.select(sa.func.coalesce(sa.func.max(Message.id), 0)).where(
        Message.conversation_id == Conversation.id, Message.as_team.is_(True)
    )
    return theirs.scalar_subquery() > ours.scalar_subquery()


def team_inbox(viewer: User, page: int):
    """A page of every conversation with the team, newest first, as TeamListed items, for
    the moderators; nothing for anyone else."""
    stmt = (
        sa.select(Conversation)
        .where(
            Conversation.with_team.is_(True),
            sa.true() if can_answer_for_team(viewer) else sa.false(),
        )
        .order_by(Conversation.last_message_at.desc(), Conversation.id.desc())
    )
    rows = db.paginate(stmt, page=page, per_page=TEAM_PAGE, error_out=False)
    ids = [c.id for c in rows.items]
    states = {
        cid: (unread, unanswered)
        for cid, unread, unanswered in db.session.execute(
            sa.select(Conversation.id, _team_unread(), _team_unanswered()).where(
                Conversation.id.in_(ids)
            )
        )
    }
    places = _team_places(ids)
    rows.items = [
        TeamListed(
            c,
            author_name(places[c.id].user if c.id in places else None),
            bool(states[c.id][0]),
            bool(states[c.id][1]),
            c.id not in places or not places[c.id].is_active,
        )
        for c in rows.items
    ]
    return rows


def _team_places(conversation_ids: list[int]) -> dict[int, Membership]:
    """The member's place in each conversation with the team (none once they left Hearth)."""
    if not conversation_ids:
        return {}
    return {
        place.conversation_id: place
        for place in db.session.scalars(
            sa.select(Membership)
            .options(joinedload(Membership.user))
            .where(Membership.conversation_id.in_(conversation_ids))
        )
    }


def team_counts(viewer: User) -> tuple[int, int]:
    """(conversations with something unread by the team, conversations nobody answered yet),
    for the moderation menu; (0, 0) for anyone but a moderator. Once per request."""
    if not can_answer_for_team(viewer):
        return 0, 0
    if "team_inbox_counts" not in g:
        with_team = Conversation.with_team.is_(True)
        g.team_inbox_counts = tuple(
            db.session.execute(
                sa.select(
                    sa.select(sa.func.count()).where(with_team, _team_unread()).scalar_subquery(),
                    sa.select(sa.func.count())
                    .where(with_team, _team_unanswered())
                    .scalar_subquery(),
                )
            ).one()
        )
    return g.team_inbox_counts


def team_conversation_for(viewer: User, conversation_id: int) -> Conversation | None:
    """A conversation with the team, for a moderator; None for anyone else, and for every
    conversation between members (the page is a 404): the inbox opens nothing else."""
    if not can_answer_for_team(viewer):
        return None
    return db.session.scalar(
        sa.select(Conversation).where(
            Conversation.id == conversation_id, Conversation.with_team.is_(True)
        )
    )


def team_member_of(conversation: Conversation) -> Membership | None:
    """The member's place in their conversation with the team (None once they left Hearth)."""
    return _team_places([conversation.id]).get(conversation.id)
