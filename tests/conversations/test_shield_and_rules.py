"""Private conversations: who may start one with whom (the newcomer shield), and what a
member in one can do. Each test calls the services and looks at what was stored."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import g

from forum.accounts.models import Role
from forum.accounts.services import delete_account
from forum.conversations import queries
from forum.conversations.models import Conversation, Membership, Message
from forum.conversations.services import (
    TurnedAway,
    leave_conversation,
    mark_read,
    send_message,
    set_muted,
    start_conversation,
)
from forum.errors import ForumError, NotAllowed
from forum.extensions import db
from forum.posts.models import PostStatus
from forum.timeutil import utcnow
from forum.trust.levels import TrustLevel
from forum.writing.checks import Draft, SecondLookNeeded
from forum.writing.tokens import AlreadyWritten, new_token
from tests.factories import PASSWORD, make_post, make_thread, make_user


def _established(name: str | None = None, **fields):
    """A member past their first weeks, with an approved post."""
    member = make_user(name, created_at=utcnow() - timedelta(days=90), **fields)
    make_thread(author=member, title=f"A story by {member.pseudonym}")
    return member


def _newcomer(name: str | None = None):
    return make_user(name)


def _unread(member) -> int:
    """The header's count, as a new page would read it (the count is kept for a request)."""
    g.pop("unread_conversations", None)
    return queries.unread_count(member)


def _stored() -> tuple[int, int]:
    count = sa.select(sa.func.count())
    return (
        db.session.scalar(count.select_from(Conversation)),
        db.session.scalar(count.select_from(Message)),
    )


def test_two_members_can_talk_and_the_unread_count_follows_what_was_read(app):
    sender, friend = _established(), _established()
    sent = start_conversation(sender, [friend], Draft("How was the meeting tonight?"))
    db.session.commit()
    conversation = db.session.get(Conversation, sent.message.conversation_id)
    assert _unread(friend) == 1
    assert _unread(sender) == 0  # their own message is read
    listed = queries.conversations_of(friend)
    assert [item.others for item in listed] == [[sender.pseudonym]] and listed[0].unread
    mark_read(friend, conversation)
    send_message(friend, conversation, Draft("Good. I spoke for the first time."))
    db.session.commit()
    assert _unread(friend) == 0
    assert _unread(sender) == 1
    assert [m.body_source for m in queries.messages_in(conversation)] == [
        "How was the meeting tonight?",
        "Good. I spoke for the first time.",
    ]


@pytest.mark.parametrize(
    "newcomer",
    [
        pytest.param(lambda: make_user(), id="in their first days"),
        pytest.param(
            lambda: make_user(created_at=utcnow() - timedelta(days=90)),
            id="long signed up, no approved post yet",
        ),
        pytest.param(
            lambda: _with_pending_post(make_user(created_at=utcnow() - timedelta(days=90))),
            id="their first post still waiting",
        ),
    ],
)
def test_a_member_is_turned_away_kindly_from_a_newcomer_and_nothing_is_sent(app, newcomer):
    stranger, new = _established(), newcomer()
    db.session.commit()
    with pytest.raises(TurnedAway) as away:
        start_conversation(stranger, [new], Draft("Hey, want to chat somewhere else?"))
    assert away.value.reasons == [f"{new.pseudonym} is new here; reply to their posts instead."]
    db.session.rollback()
    assert _stored() == (0, 0)
    assert _unread(new) == 0


def _with_pending_post(member):
    make_post(make_thread(), author=member, status=PostStatus.PENDING)
    return member


def test_the_moderators_can_always_reach_a_newcomer(app):
    moderator, new = make_user(role=Role.MODERATOR), _newcomer()
    start_conversation(moderator, [new], Draft("Welcome. We're here if you need us."))
    db.session.commit()
    assert _unread(new) == 1


def _seasoned_greeter():
    return _established(is_greeter=True, trust_level=TrustLevel.REGULAR)


def test_a_greeter_the_newcomer_replied_to_may_write_and_another_may_not(app):
    greeter, other_greeter = _seasoned_greeter(), _seasoned_greeter()
    new = _newcomer()
    thread = make_thread(author=greeter, title="Welcome, newcomers")
    make_post(thread, author=new, body="Thank you, this helps.")
    start_conversation(greeter, [new], Draft("Glad you found us."))
    db.session.commit()
    with pytest.raises(TurnedAway):
        start_conversation(other_greeter, [new], Draft("Hello there."))


def test_ticking_the_greeter_box_is_not_a_way_past_the_shield(app):
    """A pursuer who calls themselves a greeter, welcomes a newcomer and is thanked still
    can't write to them privately."""
    pursuer = make_user(is_greeter=True)
    new = _newcomer()
    thread = make_thread(author=pursuer, title="Welcome! DM me anytime")
    make_post(thread, author=new, body="Thanks, that's kind.")
    db.session.commit()
    with pytest.raises(TurnedAway):
        start_conversation(pursuer, [new], Draft("Let's talk somewhere more private."))
    db.session.rollback()
    assert _stored() == (0, 0)


def test_a_group_can_not_carry_a_stranger_to_a_newcomer(app):
    """A moderator may write to a newcomer, but a group with a stranger in it would let the
    stranger write to them too: the whole conversation is turned away."""
    moderator, new, stranger = make_user(role=Role.MODERATOR), _newcomer(), _established()
    db.session.commit()
    with pytest.raises(TurnedAway) as away:
        start_conversation(moderator, [new, stranger], Draft("A little group"))
    assert any(stranger.pseudonym in reason for reason in away.value.reasons)
    db.session.rollback()
    assert _stored() == (0, 0)


def test_a_newcomer_can_always_answer_the_moderators(app):
    moderator, new = make_user(role=Role.MODERATOR), _newcomer()
    sent = start_conversation(moderator, [new], Draft("Welcome. How are you doing?"))
    db.session.commit()
    conversation = db.session.get(Conversation, sent.message.conversation_id)
    send_message(new, conversation, Draft("Okay, thank you."))
    db.session.commit()
    assert _stored() == (1, 2)


def test_choosing_replied_only_later_also_quiets_an_old_conversation(app):
    sender, guarded = _established(), _established()
    sent = start_conversation(sender, [guarded], Draft("Hi, saw your story."))
    db.session.commit()
    conversation = db.session.get(Conversation, sent.message.conversation_id)
    guarded.messages_from_replied_only = True
    db.session.commit()
    with pytest.raises(TurnedAway):
        send_message(sender, conversation, Draft("Why aren't you answering?"))
    db.session.rollback()
    assert _stored() == (1, 1)


def test_a_member_who_hears_only_from_people_they_replied_to_is_not_reached_by_others(app):
    guarded = _established(messages_from_replied_only=True)
    known, stranger = _established(), _established()
    thread = make_thread(author=known, title="Weekends")
    make_post(thread, author=guarded, body="Weekends are my hardest too.")
    start_conversation(known, [guarded], Draft("Same here. Saturday is the worst."))
    db.session.commit()
    with pytest.raises(TurnedAway) as away:
        start_conversation(stranger, [guarded], Draft("Hi"))
    assert "only from people they have replied to" in away.value.reasons[0]


def test_one_newcomer_among_several_stops_the_whole_conversation(app):
    sender, friend, new = _established(), _established(), _newcomer()
    db.session.commit()
    with pytest.raises(TurnedAway):
        start_conversation(sender, [friend, new], Draft("A small group for evenings?"))
    db.session.rollback()
    assert _stored() == (0, 0)


def test_a_conversation_holds_at_most_five_others_and_at_least_one(app):
    sender = _established()
    others = [_established() for _ in range(6)]
    with pytest.raises(ForumError, match="up to 5"):
        start_conversation(sender, others, Draft("Too many"))
    with pytest.raises(ForumError, match="at least one"):
        start_conversation(sender, [sender], Draft("Just me"))


def test_a_suspended_member_can_neither_start_nor_send(app):
    sender, friend = _established(), _established()
    sent = start_conversation(sender, [friend], Draft("Checking in."))
    db.session.commit()
    conversation = db.session.get(Conversation, sent.message.conversation_id)
    sender.suspended_until = utcnow() + timedelta(days=3)
    db.session.commit()
    with pytest.raises(NotAllowed):
        start_conversation(sender, [friend], Draft("Again"))
    with pytest.raises(NotAllowed):
        send_message(sender, conversation, Draft("Again"))


def test_leaving_takes_the_conversation_away_from_the_leaver_only(app):
    sender, friend = _established(), _established()
    sent = start_conversation(sender, [friend], Draft("Are you around this week?"))
    db.session.commit()
    conversation = db.session.get(Conversation, sent.message.conversation_id)
    leave_conversation(friend, conversation)
    db.session.commit()
    assert queries.conversation_for(friend, conversation.id) is None
    assert queries.conversations_of(friend) == [] and _unread(friend) == 0
    assert queries.conversation_for(sender, conversation.id) is not None
    with pytest.raises(NotAllowed):
        send_message(friend, conversation, Draft("Back again"))


def test_a_muted_conversation_never_counts_as_unread(app):
    sender, friend = _established(), _established()
    sent = start_conversation(sender, [friend], Draft("First"))
    db.session.commit()
    conversation = db.session.get(Conversation, sent.message.conversation_id)
    set_muted(friend, conversation, True)
    send_message(sender, conversation, Draft("Second"))
    db.session.commit()
    assert _unread(friend) == 0
    assert queries.conversations_of(friend)[0].muted


def test_a_message_goes_through_the_same_write_rule_as_a_post(app):
    sender, friend = _established(), _established()
    db.session.commit()
    with pytest.raises(SecondLookNeeded):
        start_conversation(sender, [friend], Draft("Text me on 07700 900123 instead"))
    db.session.rollback()
    assert _stored() == (0, 0)
    draft = Draft("Sent once, however often the form goes.", token=new_token())
    sent = start_conversation(sender, [friend], draft)
    db.session.commit()
    conversation = db.session.get(Conversation, sent.message.conversation_id)
    with pytest.raises(AlreadyWritten) as again:
        start_conversation(sender, [friend], draft)
    assert again.value.written.id == sent.message.id
    reply = Draft("And a reply, once.", token=new_token())
    first = send_message(sender, conversation, reply).message
    db.session.commit()
    with pytest.raises(AlreadyWritten):
        send_message(sender, conversation, reply)
    assert _stored() == (1, 2) and first.body_html.startswith("<p>")


def test_words_of_risk_in_a_message_show_the_author_where_help_is(app):
    sender, friend = _established(), _established()
    sent = start_conversation(sender, [friend], Draft("I don't want to be here anymore."))
    assert sent.at_risk


def _conversation_with_two_messages():
    leaver, friend = _established(), _established()
    sent = start_conversation(leaver, [friend], Draft("My words."))
    db.session.commit()
    conversation = db.session.get(Conversation, sent.message.conversation_id)
    send_message(friend, conversation, Draft("Their words."))
    db.session.commit()
    return leaver, friend, conversation


def test_a_member_who_leaves_and_keeps_nothing_takes_their_messages(app):
    leaver, friend, conversation = _conversation_with_two_messages()
    delete_account(leaver, PASSWORD, "remove")
    db.session.commit()
    assert [m.body_source for m in queries.messages_in(conversation)] == ["Their words."]
    assert queries.conversation_for(friend, conversation.id) is not None


def test_a_member_who_leaves_and_keeps_their_words_is_a_former_member_in_them(app):
    leaver, friend, conversation = _conversation_with_two_messages()
    leaver_id = leaver.id
    delete_account(leaver, PASSWORD, "detach")
    db.session.commit()
    kept = queries.messages_in(conversation)
    assert [(m.body_source, m.author_id) for m in kept] == [
        ("My words.", None),
        ("Their words.", friend.id),
    ]
    assert leaver_id not in {m.user_id for m in db.session.scalars(sa.select(Membership))}


def test_a_conversation_whose_members_have_all_left_the_forum_is_gone(app):
    leaver, friend, conversation = _conversation_with_two_messages()
    conversation_id = conversation.id
    delete_account(leaver, PASSWORD, "detach")
    db.session.commit()
    assert db.session.get(Conversation, conversation_id) is not None  # the friend keeps it
    delete_account(friend, PASSWORD, "detach")
    db.session.commit()
    assert db.session.get(Conversation, conversation_id) is None
    assert _stored() == (0, 0)
