"""The moderator team's side of the conversations members open with it: answering as "the
moderators" (the text through the one write rule), and what the team has read."""

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.accounts.models import User
from forum.conversations.models import Conversation, Message
from forum.conversations.team import queries as team_queries
from forum.errors import NotAllowed
from forum.extensions import db
from forum.i18n import lazy_gettext as _l
from forum.notices.models import NoticeKind
from forum.notices.services import notify, path_for
from forum.notices.words import N_
from forum.permissions import can_answer_for_team
from forum.writing.checks import Draft
from forum.writing.messages import Sent, write_team_answer

# The notice's fixed words: it points at the conversation and never holds the answer. Kept
# in English as stored; the notices page says it in the reader's language.
ANSWERED = N_("The moderators answered your message")
GONE = _l("They have left this conversation: an answer would not reach them.")


def answer_member(moderator: User, conversation: Conversation, draft: Draft) -> Sent:
    """Answer in a conversation with the team, signed "the moderators" for the member (who
    wrote it is kept for the team), and tell the member with a notice that points at the
    conversation. Raises NotAllowed when the member is no longer in it. Caller commits."""
    if not can_answer_for_team(moderator) or not conversation.with_team:
        raise NotAllowed(_("Only the moderators answer for the team."))
    place = team_queries.team_member_of(conversation)
    if place is None or not place.is_active:
        raise NotAllowed(GONE)
    sent = write_team_answer(moderator, conversation, draft)
    notify(
        place.user_id,
        NoticeKind.TEAM_ANSWER,
        ANSWERED,
        link=path_for("conversations.show", conversation_id=conversation.id),
    )
    return sent


def mark_team_read(moderator: User, conversation: Conversation) -> None:
    """A moderator had every message so far on screen: none is new for the team. Caller
    commits."""
    if not can_answer_for_team(moderator) or not conversation.with_team:
        return
    newest = db.session.scalar(
        sa.select(sa.func.max(Message.id)).where(Message.conversation_id == conversation.id)
    )
    if newest and newest > conversation.team_read_up_to:
        conversation.team_read_up_to = newest
