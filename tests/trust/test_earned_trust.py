"""Members earn trust from what they did here, keep it, and lose a step for a while after a
moderator acts against them; each level opens what the table says, and only they see it."""

import html
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.accounts.export import export_data
from forum.accounts.models import User
from forum.conversations.services import TurnedAway, start_conversation
from forum.extensions import db
from forum.following.models import ThreadState
from forum.moderation import services as moderation
from forum.moderation.appeals import services as appeals
from forum.moderation.models import AppealOutcome, ModAction
from forum.permissions import Role, unlocks
from forum.posts.models import Post
from forum.timeutil import utcnow
from forum.trust import services
from forum.trust.levels import UNLOCKS, TrustLevel
from forum.writing.checks import Draft
from forum.writing.messages import write_to_team
from tests.factories import PASSWORD, make_post, make_thread, make_user, opening_post


def _joined(days: int, **fields) -> User:
    return make_user(created_at=utcnow() - timedelta(days=days), **fields)


def _has_read(member: User, threads: int) -> None:
    for _ in range(threads):
        thread = make_thread(title="Someone else's story")
        db.session.add(
            ThreadState(
                user_id=member.id, thread_id=thread.id, last_seen_post_id=opening_post(thread).id
            )
        )
    db.session.commit()


def _replies(member: User, count: int) -> None:
    thread = make_thread(title="A thread to answer in")
    for n in range(count):
        make_post(thread, member, f"An answer, number {n}.")


def _level(member: User) -> TrustLevel:
    level = services.recompute(member)
    db.session.commit()
    return level


def test_a_new_member_starts_new_and_becomes_a_member_after_a_few_days_of_reading(app):
    member = _joined(days=1)
    assert _level(member) == TrustLevel.NEW
    make_thread(author=member, title="Hello, first week here")
    _has_read(member, app.config["TRUST_MEMBER_THREADS_READ"])
    assert _level(member) == TrustLevel.NEW  # not enough days yet
    member.created_at = utcnow() - timedelta(days=app.config["TRUST_MEMBER_DAYS"])
    assert _level(member) == TrustLevel.MEMBER


def test_replies_and_months_make_a_regular_then_trusted(app):
    # Smaller steps than the defaults keep the test short; the rule is the same.
    app.config.update(
        TRUST_REGULAR_THREADS_READ=6,
        TRUST_REGULAR_APPROVED_REPLIES=4,
        TRUST_TRUSTED_THREADS_READ=9,
        TRUST_TRUSTED_APPROVED_REPLIES=7,
    )
    member = _joined(days=app.config["TRUST_REGULAR_DAYS"])
    make_thread(author=member, title="My story")
    _has_read(member, app.config["TRUST_REGULAR_THREADS_READ"])
    _replies(member, app.config["TRUST_REGULAR_APPROVED_REPLIES"] - 1)
    assert _level(member) == TrustLevel.MEMBER
    _replies(member, 1)
    assert _level(member) == TrustLevel.REGULAR
    member.created_at = utcnow() - timedelta(days=app.config["TRUST_TRUSTED_DAYS"])
    _has_read(
        member, app.config["TRUST_TRUSTED_THREADS_READ"] - app.config["TRUST_REGULAR_THREADS_READ"]
    )
    _replies(
        member,
        app.config["TRUST_TRUSTED_APPROVED_REPLIES"] - app.config["TRUST_REGULAR_APPROVED_REPLIES"],
    )
    assert _level(member) == TrustLevel.TRUSTED


def test_a_level_once_earned_is_kept_by_recomputing(app):
    """Reading less this month takes nothing away: a level is never karma."""
    member = make_user(trust_level=TrustLevel.REGULAR)
    assert _level(member) == TrustLevel.REGULAR


def test_a_moderators_action_lowers_the_level_for_a_while(app):
    member = make_user(trust_level=TrustLevel.REGULAR)
    post = make_post(author=member, body="Something unkind.")
    moderator = make_user(role=Role.MODERATOR)
    moderation.act_directly(moderator, post, "hide", "Unkind to another member.")
    moderation.act_on_member(moderator, member, "warn", "Please be kind.")
    db.session.commit()
    # Two actions on one incident lower it once, and the hold runs for TRUST_LOWERED_DAYS.
    assert member.trust_level == TrustLevel.MEMBER
    assert member.trust_lowered_until > utcnow() + timedelta(
        days=app.config["TRUST_LOWERED_DAYS"] - 1
    )
    assert _level(member) == TrustLevel.MEMBER  # recomputing does not lift the hold
    member.trust_lowered_until = utcnow() - timedelta(minutes=1)
    member.created_at = utcnow() - timedelta(days=365)
    db.session.commit()
    # The hold ran out, but the action is still recent: only the level kept counts.
    assert _level(member) == TrustLevel.MEMBER and member.trust_lowered_until is None


def test_a_redaction_does_not_lower_trust(app):
    """Taking a name out of someone's post can protect them: it is not held against them."""
    member = make_user(trust_level=TrustLevel.MEMBER)
    post = make_post(author=member, body="My sponsor Jane Doe said so.")
    moderation.act_directly(
        make_user(role=Role.MODERATOR), post, "redact", "A name.", new_text="My sponsor said so."
    )
    db.session.commit()
    assert member.trust_level == TrustLevel.MEMBER and member.trust_lowered_until is None


def test_signing_in_brings_the_level_up_to_date(app, client, auth):
    member = _joined(days=app.config["TRUST_MEMBER_DAYS"])
    make_thread(author=member, title="A year of Sundays")
    _has_read(member, app.config["TRUST_MEMBER_THREADS_READ"])
    assert member.trust_level == TrustLevel.NEW
    auth.login(member)
    db.session.expire_all()
    assert db.session.get(User, member.id).trust_level == TrustLevel.MEMBER


def test_the_command_recomputes_everyone_and_counts_levels_without_names(app, runner):
    ready = _joined(days=app.config["TRUST_MEMBER_DAYS"], pseudonym="ready-one")
    make_thread(author=ready, title="Ready")
    _has_read(ready, app.config["TRUST_MEMBER_THREADS_READ"])
    make_user("still-new")
    result = runner.invoke(args=["trust", "recompute"])
    assert result.exit_code == 0, result.output
    assert "reached a new level" in result.output and "ready-one" not in result.output
    assert db.session.scalar(sa.select(User.trust_level).where(User.pseudonym == "ready-one")) == 1
    counts = runner.invoke(args=["trust", "counts"]).output
    assert "member: 1" in counts


@pytest.mark.parametrize("level", list(TrustLevel))
def test_each_level_opens_what_the_table_says(app, level):
    member = make_user(trust_level=level)
    assert unlocks(member) == UNLOCKS[level]


def test_the_moderators_have_everything_whatever_their_level(app):
    assert unlocks(make_user(role=Role.MODERATOR)) == UNLOCKS[TrustLevel.TRUSTED]


def test_only_a_regular_greeter_reaches_a_newcomer_who_replied_to_them(app):
    """Ticking "greet newcomers" is not enough: the greeter's earned trust must be a
    regular's; below it, the newcomer stays shielded."""
    newcomer = make_user("first-days")
    greeters = {}
    for level in (TrustLevel.MEMBER, TrustLevel.REGULAR):
        greeter = _joined(days=120, is_greeter=True, trust_level=level)
        thread = make_thread(author=greeter, title="Welcome, newcomers")
        make_post(thread, newcomer, "Thank you, this helps.")
        greeters[level] = greeter
    with pytest.raises(TurnedAway):
        start_conversation(greeters[TrustLevel.MEMBER], [newcomer], Draft("Hi there."))
    db.session.rollback()
    start_conversation(greeters[TrustLevel.REGULAR], [newcomer], Draft("Glad you're here."))


def test_settings_tell_the_member_their_place_in_words_and_nobody_else(app, client, auth):
    member = make_user("settling-in", trust_level=TrustLevel.MEMBER)
    auth.login(member)
    page = html.unescape(client.get("/settings").get_data(as_text=True))
    assert "Your place here" in page and "You're settling in" in page
    assert "Next: You'll be able to greet newcomers" in page and "Replies approved: 0 of" in page
    assert "Only you see this" in page
    auth.logout()
    auth.login(make_user("someone-else"))
    profile = client.get("/u/settling-in").get_data(as_text=True)
    assert "settling in" not in profile.lower() and "trust" not in profile.lower()


def test_a_held_level_says_so_kindly_without_a_checklist(app, client, auth):
    member = make_user("held-back", trust_level=TrustLevel.NEW, password=PASSWORD)
    member.trust_lowered_until = utcnow() + timedelta(days=10)
    db.session.commit()
    auth.login(member)
    page = client.get("/settings").get_data(as_text=True)
    assert "stays as it is for a while" in page and "of 3" not in page


def test_the_export_holds_the_members_own_level(app):
    member = make_user(trust_level=TrustLevel.REGULAR)
    profile = export_data(member)["profile"]
    assert profile["earned_trust"] == "regular" and profile["trust_held_until"] is None


def test_a_new_member_links_only_to_hearths_own_pages_until_they_are_a_member(app, client, auth):
    """A new member's link to another site brings the form back, the text kept; a link to a
    page of Hearth goes through; a member links freely."""
    thread = make_thread()
    newcomer = make_user("first-days")
    auth.login(newcomer)
    typed = "This helped me: https://example.org/stories, and so did example.net."
    refused = client.post(f"/t/{thread.id}/reply", data={"body": typed})
    page = html.unescape(refused.get_data(as_text=True))
    assert refused.status_code == 400
    assert "Links to other sites open up after your first days here" in page and typed in page
    inside = client.post(f"/t/{thread.id}/reply", data={"body": "See [this story](/t/1)."})
    assert inside.status_code == 302
    auth.logout()
    auth.login(make_user("settled", trust_level=TrustLevel.MEMBER))
    assert client.post(f"/t/{thread.id}/reply", data={"body": typed}).status_code == 302
    stored = db.session.scalar(sa.select(sa.func.count()).where(Post.body_source == typed))
    assert stored == 1


def test_a_new_member_may_link_in_a_message_to_the_moderators(app):
    """Evidence may be a link: the team hears it from a new member too."""
    sent = write_to_team(make_user(), Draft("It's posted here: https://example.org/me"))
    db.session.commit()
    assert "example.org" in sent.message.body_source


def test_a_new_members_posts_wait_and_a_members_do_not(app):
    app.config["TRUST_NEW_POSTS_WAIT"] = True
    assert make_thread(author=make_user()).status.value == "pending"
    assert make_thread(author=make_user(trust_level=TrustLevel.MEMBER)).status.value == "visible"
    assert UNLOCKS[TrustLevel.NEW].posts_wait and not UNLOCKS[TrustLevel.MEMBER].posts_wait


def test_an_action_reversed_on_appeal_gives_the_level_back(app):
    """A post hidden by mistake: the appeal reverses it, and the member's level is as it was
    (another moderator decides, and the reversed action no longer counts against them)."""
    member = make_user(trust_level=TrustLevel.REGULAR)
    post = make_post(author=member, body="A fair point, put plainly.")
    moderation.act_directly(make_user(role=Role.MODERATOR), post, "hide", "Looked unkind.")
    db.session.commit()
    assert member.trust_level == TrustLevel.MEMBER
    action = db.session.scalar(
        sa.select(ModAction).where(ModAction.verb == "hide", ModAction.target_id == post.id)
    )
    appeal = appeals.make_appeal(member, action, "I was agreeing with them.")
    db.session.commit()
    appeals.decide_appeal(
        make_user(role=Role.MODERATOR), appeal, AppealOutcome.REVERSED, "We misread it. Sorry."
    )
    db.session.commit()
    assert member.trust_level == TrustLevel.REGULAR and member.trust_lowered_until is None


def test_a_reversal_keeps_the_hold_while_another_action_stands(app):
    member = make_user(trust_level=TrustLevel.REGULAR)
    moderator = make_user(role=Role.MODERATOR)
    post = make_post(author=member, body="Something sharp.")
    moderation.act_directly(moderator, post, "hide", "Sharp.")
    moderation.act_on_member(moderator, member, "warn", "Please be kind.")
    db.session.commit()
    action = db.session.scalar(
        sa.select(ModAction).where(ModAction.verb == "hide", ModAction.target_id == post.id)
    )
    appeal = appeals.make_appeal(member, action, "The post was fine.")
    db.session.commit()
    appeals.decide_appeal(
        make_user(role=Role.MODERATOR), appeal, AppealOutcome.REVERSED, "The post can stay."
    )
    db.session.commit()
    assert member.trust_level == TrustLevel.MEMBER and member.trust_lowered_until is not None
