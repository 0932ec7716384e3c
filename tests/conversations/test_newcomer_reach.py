"""Every way someone could reach a newcomer: a message, an invitation into a group, a mention,
a reply to their post. The shield turns away the private ones; a reply to a newcomer's post,
the way in we point people to, always reaches them. A block closes all of them."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.blocks import services as blocks
from forum.blocks.models import ShutKind
from forum.conversations import queries
from forum.conversations.models import Conversation
from forum.conversations.services import TurnedAway, start_conversation
from forum.extensions import db
from forum.notices.models import NoticeKind
from forum.permissions import Role
from forum.timeutil import utcnow
from forum.trust.levels import TrustLevel
from forum.writing.checks import Draft
from tests.factories import make_established, make_post, make_thread, make_user, opening_post
from tests.following.helpers import personal_notices


def _kinds(member) -> list[NoticeKind]:
    return [shown.notice.kind for shown in personal_notices(member)]


def _seasoned_greeter(name: str):
    return make_established(name, is_greeter=True, trust_level=TrustLevel.REGULAR)


def test_a_stranger_cannot_message_a_newcomer_nor_invite_them_into_a_group(app):
    """A message and an invitation are both turned away with the same kind words, and
    nothing is stored."""
    stranger, friend, new = make_established(), make_established(), make_user("new-here")
    for recipients in ([new], [friend, new]):
        with pytest.raises(TurnedAway) as away:
            start_conversation(stranger, recipients, Draft("Hey, want to chat?"))
        assert "new-here is new here; reply to their posts instead." in away.value.reasons
        db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Conversation)) == 0


def test_a_strangers_mention_does_not_reach_a_newcomer(app):
    """Naming a newcomer in a thread they never wrote in is a private tap on the shoulder:
    it stays silent, as a message would."""
    new = make_user("new-here")
    thread = make_thread(author=make_established(), title="Anyone around tonight?")
    make_post(thread, make_established("stranger"), "@new-here I saw your profile, say hi")
    assert _kinds(new) == []


def test_a_mention_reaches_a_newcomer_in_a_thread_they_wrote_in(app):
    new = make_user("new-here")
    thread = make_thread(author=make_established(), title="First week")
    make_post(thread, new, "This is my first week.")
    make_post(thread, make_established("someone"), "@new-here the first week is the hardest.")
    assert _kinds(new) == [NoticeKind.MENTION]


def test_a_reply_to_a_newcomers_post_always_reaches_them(app):
    """The shield's own advice is "reply to their posts instead": that reply is heard."""
    new = make_user("new-here")
    thread = make_thread(author=new, title="Day two")
    make_post(
        thread, make_established(), "Day two is a real thing. Keep going.", opening_post(thread)
    )
    assert _kinds(new) == [NoticeKind.REPLY]


def test_the_moderators_and_a_greeter_the_newcomer_replied_to_reach_them_by_mention(app):
    new = make_user("new-here")
    greeter = _seasoned_greeter("greeter")
    welcome = make_thread(author=greeter, title="Welcome, newcomers")
    make_post(welcome, new, "Thank you for this.")
    elsewhere = make_thread(author=make_established(), title="Resources for the first month")
    make_post(elsewhere, greeter, "@new-here this thread may help you.")
    make_post(elsewhere, make_user(role=Role.MODERATOR), "@new-here welcome to Hearth.")
    assert _kinds(new) == [NoticeKind.MENTION, NoticeKind.MENTION]


def test_past_the_first_weeks_a_mention_reaches_anyone(app):
    member = make_user("settled", created_at=utcnow() - timedelta(days=60))
    make_thread(author=member, title="Six months")
    thread = make_thread(author=make_established(), title="Who remembers their first month?")
    make_post(thread, make_established(), "@settled you wrote about this once.")
    assert _kinds(member) == [NoticeKind.MENTION]


@pytest.mark.parametrize("kind", [ShutKind.MUTE, ShutKind.BLOCK])
def test_no_mention_or_reply_of_someone_shut_out_reaches_the_member(app, kind):
    member, other = make_established("keeper"), make_established("pest")
    blocks.shut_out(member, other, kind, "month")
    db.session.commit()
    own = make_thread(author=member, title="My week")
    make_post(own, other, "Answering you.", opening_post(own))
    make_post(make_thread(author=make_established()), other, "@keeper come here.")
    assert _kinds(member) == []


def _group(starter, others, words: str) -> Conversation:
    sent = start_conversation(starter, others, Draft(words))
    return db.session.get(Conversation, sent.message.conversation_id)


def test_a_block_stops_the_blocked_member_from_adding_them_to_a_group(app):
    """A group begun by someone the member blocked never shows to them; the starter sees the
    group as they made it, so nothing tells them of the block. A group begun before the
    block stays, without the blocked member's messages."""
    keeper, pest, friend = make_established("keeper"), make_established("pest"), make_established()
    before = _group(pest, [keeper, friend], "Group from before.")
    db.session.commit()
    blocks.shut_out(keeper, pest, ShutKind.BLOCK, "always")
    db.session.commit()
    after = _group(pest, [keeper, friend], "A new group.")
    db.session.commit()
    assert [listed.conversation.id for listed in queries.conversations_of(keeper)] == [before.id]
    assert queries.conversation_for(keeper, after.id) is None
    assert queries.messages_in(before, keeper) == []
    assert {c.conversation.id for c in queries.conversations_of(friend)} == {before.id, after.id}
    assert "keeper" in queries.conversations_of(pest)[0].others
    # Changing how long the block lasts does not bring the new group back.
    blocks.shut_out(keeper, pest, ShutKind.BLOCK, "year")
    db.session.commit()
    assert queries.conversation_for(keeper, after.id) is None
    # Undone, the group is there again: it was stored all along.
    blocks.undo_shut_out(keeper, pest.id)
    db.session.commit()
    assert queries.conversation_for(keeper, after.id) is not None
