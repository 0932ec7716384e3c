"""Calmer threads: slow mode holds each member to one reply every few minutes (the thread's
own author and the moderators free), says who set it and why; a timed close opens the
thread again by itself."""

import html
from datetime import timedelta

import sqlalchemy as sa

from forum.extensions import db
from forum.moderation.models import ModAction
from forum.permissions import Role
from forum.posts.models import Post
from forum.timeutil import utcnow
from tests.factories import make_thread, make_user


def _moderate(client, auth, thread, **form):
    moderator = make_user(role=Role.MODERATOR)
    auth.login(moderator)
    response = client.post(f"/mod/threads/{thread.id}", data=form)
    assert response.status_code == 302
    auth.logout()
    db.session.refresh(thread)
    return moderator


def _replies_by(member) -> int:
    return db.session.scalar(
        sa.select(sa.func.count()).select_from(Post).where(Post.author_id == member.id)
    )


def test_slow_mode_lets_a_member_reply_once_in_the_pace_and_keeps_the_second(client, auth):
    author = make_user("started-it")
    thread = make_thread(author=author, title="A heated evening")
    moderator = _moderate(
        client, auth, thread, verb="slow_mode", minutes="15", reason="Let's all take a breath."
    )
    assert thread.slow_mode_minutes == 15 and thread.slow_mode_by_id == moderator.id
    member = make_user("quick-to-answer")
    auth.login(member)
    page = html.unescape(client.get(f"/t/{thread.id}").get_data(as_text=True))
    assert "Slow mode: one reply every 15 minutes, set by the moderators" in page
    assert "Let's all take a breath." in page and moderator.pseudonym not in page
    assert client.post(f"/t/{thread.id}/reply", data={"body": "First thought."}).status_code == 302
    second = client.post(f"/t/{thread.id}/reply", data={"body": "And another thing!"})
    text = html.unescape(second.get_data(as_text=True))
    assert second.status_code == 400
    assert "one reply every 15 minutes" in text and "You can reply again in 15 minutes" in text
    assert "And another thing!" in text
    assert _replies_by(member) == 1
    # Once the pace has passed, the member replies again.
    db.session.execute(
        sa.update(Post)
        .where(Post.author_id == member.id)
        .values(created_at=utcnow() - timedelta(minutes=16))
    )
    db.session.commit()
    assert client.post(f"/t/{thread.id}/reply", data={"body": "Later."}).status_code == 302


def test_the_threads_author_and_the_moderators_are_not_slowed(client, auth):
    author = make_user("started-it")
    thread = make_thread(author=author)
    moderator = _moderate(client, auth, thread, verb="slow_mode", minutes="60", reason="Calm.")
    for who in (author, moderator):
        auth.login(who)
        for n in range(2):
            reply = client.post(f"/t/{thread.id}/reply", data={"body": f"Answer {n}."})
            assert reply.status_code == 302
        auth.logout()
    auth.login(moderator)
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert f"set by {moderator.pseudonym}" in page


def test_slow_mode_needs_a_reason_and_a_pace_and_is_logged_both_ways(client, auth):
    thread = make_thread()
    moderator = make_user(role=Role.MODERATOR)
    auth.login(moderator)
    client.post(f"/mod/threads/{thread.id}", data={"verb": "slow_mode", "minutes": "15"})
    client.post(
        f"/mod/threads/{thread.id}", data={"verb": "slow_mode", "minutes": "7", "reason": "x"}
    )
    db.session.refresh(thread)
    assert thread.slow_mode_minutes is None
    client.post(
        f"/mod/threads/{thread.id}", data={"verb": "slow_mode", "minutes": "5", "reason": "Calm."}
    )
    client.post(f"/mod/threads/{thread.id}", data={"verb": "slow_mode_off"})
    db.session.refresh(thread)
    assert thread.slow_mode_minutes is None and thread.slow_mode_reason is None
    verbs = db.session.scalars(
        sa.select(ModAction.verb).where(ModAction.target_id == thread.id).order_by(ModAction.id)
    ).all()
    assert verbs == ["slow_mode", "slow_mode_off"]


def test_a_timed_close_opens_the_thread_again_by_itself(client, auth):
    thread = make_thread(title="Too much tonight")
    _moderate(client, auth, thread, verb="lock", hours="6", reason="A pause till morning.")
    assert thread.is_locked and thread.locked_until > utcnow() + timedelta(hours=5)
    member = make_user()
    auth.login(member)
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "when it opens again by itself" in page
    assert client.post(f"/t/{thread.id}/reply", data={"body": "Hello?"}).status_code == 403
    thread.locked_until = utcnow() - timedelta(minutes=1)
    db.session.commit()
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "This thread is locked" not in page
    assert client.post(f"/t/{thread.id}/reply", data={"body": "Morning."}).status_code == 302


def test_a_lock_without_hours_lasts_until_unlocked(client, auth):
    thread = make_thread()
    _moderate(client, auth, thread, verb="lock", hours="", reason="Closed.")
    assert thread.is_locked and thread.locked_until is None
    _moderate(client, auth, thread, verb="unlock", reason="")
    assert not thread.is_locked
