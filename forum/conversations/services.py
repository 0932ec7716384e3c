"""The rules of private conversations: who may start one with whom (the newcomer shield),
writing to the moderator team, sending, leaving and muting. The text itself goes through
the one write rule."""

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import ngettext

from forum.accounts.models import User
from forum.conversations.models import MAX_MEMBERS, Conversation, Membership, Message
from forum.conversations.shield import turned_away_by
from forum.errors import ForumError, NotAllowed
from forum.extensions import db
from forum.notices.models import Notice
from forum.permissions import can_contact_team, can_write
from forum.timeutil import utcnow
from forum.writing.checks import Draft
from forum.writing.messages import Sent, write_conversation, write_message, write_to_team


class NotSendable(ForumError):
    """The conversation asked for can't be: nobody to write to, or too many."""


class TurnedAway(ForumError):
    """Nothing was sent: the words say why, kindly, for each member who can't be reached."""

    status_code = 200

    def __init__(self, reasons: list[str]):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


def _may_write(member: User, conversation: Conversation | None = None) -> None:
    # A question to the moderators about a decision must stay possible while it lasts.
    if conversation is not None and conversation.with_team and can_contact_team(member):
        return
    if not can_write(member):
        raise NotAllowed(_("While your account is suspended you can read, but not send messages."))


def start_conversation(sender: User, recipients: list[User], draft: Draft) -> Sent:
    """Start a conversation with up to MAX_MEMBERS - 1 others. Raises TurnedAway, with
    nothing stored, when any of them can't be reached by the sender. Caller commits."""
    _may_write(sender)
    others = list({m.id: m for m in recipients if m.id != sender.id}.values())
    if not others:
        raise NotSendable(_("Choose at least one member to write to."))
    if len(others) > MAX_MEMBERS - 1:
        raise NotSendable(
            ngettext(
                "A conversation can have up to %(num)s other member in it.",
                "A conversation can have up to %(num)s others in it.",
                MAX_MEMBERS - 1,
            )
        )
    _everyone_may_reach_everyone([sender, *others])
    return write_conversation(sender, others, draft)


def contact_moderators(member: User, draft: Draft, about: Notice | None = None) -> Sent:
    """Open a conversation with the moderator team, perhaps about one of the member's
    notices from them (pointed at with its post, never copied). Any moderator may answer; a
    suspended or banned member may write too. Caller commits."""
    if not can_contact_team(member):
        raise NotAllowed(_("Sign in to write to the moderators."))
    if about is not None and about.user_id != member.id:
        raise NotAllowed(_("That notice is not yours."))
    notice_id = about.id if about is not None else None
    return write_to_team(member, draft, notice_id, about.post_id if about is not None else None)


def _everyone_may_reach_everyone(members: list[User]) -> None:
    """Every member of a conversation can write to all the others, so the shield is asked
    for each pair: a moderator's group with a newcomer and a stranger would let the
    stranger in. Raises TurnedAway with the reasons, for the one asking."""
    reasons = []
    for writer in members:
        for reader in members:
            if writer.id != reader.id and (reason := turned_away_by(writer, reader)):
                if writer.id != members[0].id:
                    reason = _(
                        "%(writer)s can't write to %(reader)s: %(reason)s",
                        writer=writer.pseudonym,
                        reader=reader.pseudonym,
                        reason=reason,
                    )
                reasons.append(reason)
    if reasons:
        raise TurnedAway(list(dict.fromkeys(reasons)))


def membership(member: User, conversation: Conversation) -> Membership | None:
    """The member's place in the conversation, if they are still in it."""
    place = db.session.get(Membership, (conversation.id, member.id))
    return place if place is not None and place.is_active else None


def send_message(sender: User, conversation: Conversation, draft: Draft) -> Sent:
    """Reply in a conversation the sender is still in (with the moderator team too, while
    suspended). Caller commits."""
    _may_write(sender, conversation)
    if membership(sender, conversation) is None:
        raise NotAllowed(_("You are no longer in this conversation."))
    # Asked again at every message: a member who became new again, chose to hear only from
    # people they replied to, or whose greeter stepped down is shielded in old conversations
    # too.
    reasons = [
        r for reader in _readers(sender, conversation) if (r := turned_away_by(sender, reader))
    ]
    if reasons:
        raise TurnedAway(reasons)
    return write_message(sender, conversation, draft)


def _readers(sender: User, conversation: Conversation) -> list[User]:
    return list(
        db.session.scalars(
            sa.select(User)
            .join(Membership, Membership.user_id == User.id)
            .where(
                Membership.conversation_id == conversation.id,
                Membership.left_at.is_(None),
                User.id != sender.id,
            )
        )
    )


def leave_conversation(member: User, conversation: Conversation) -> None:
    """The member no longer sees it or hears from it; the others keep it. Caller commits."""
    place = membership(member, conversation)
    if place is not None:
        place.left_at = utcnow()


def set_muted(member: User, conversation: Conversation, muted: bool) -> None:
    """No unread count from this conversation while muted. Caller commits."""
    place = membership(member, conversation)
    if place is not None:
        place.muted = muted


def mark_read(member: User, conversation: Conversation) -> None:
    """The member has seen every message so far. Caller commits."""
    place = membership(member, conversation)
    if place is None:
        return
    newest = db.session.scalar(
        sa.select(sa.func.max(Message.id)).where(Message.conversation_id == conversation.id)
    )
    if newest and newest > place.read_up_to:
        place.read_up_to = newest


def set_replied_only(member: User, replied_only: bool) -> None:
    """Hear privately only from people the member replied to (moderators always). Caller
    commits."""
    member.messages_from_replied_only = replied_only
