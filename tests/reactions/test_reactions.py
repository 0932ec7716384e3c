"""Reactions: support, not points. Counts for all, names only for the author."""

import sqlalchemy as sa

from forum.extensions import db
from forum.notices.models import Notice, NoticeKind
from forum.notices.queries import shown_notices
from forum.posts.models import PostStatus, ThreadKind
from forum.reactions.models import Reaction
from tests.factories import make_post, make_thread, make_user, opening_post


def _react(client, post, kind):
    return client.post(f"/p/{post.id}/react/{kind}")


def test_a_member_reacts_and_everyone_sees_the_count(client, auth):
    post = make_post(body="A hard day.")
    auth.login(make_user("kind-one"))
    assert _react(client, post, "hear_you").status_code == 302
    auth.logout()
    page = client.get(f"/t/{post.thread_id}").get_data(as_text=True)
    assert "I hear you · 1" in page
    assert "kind-one" not in page


def test_a_second_click_takes_the_reaction_back(client, auth):
    post = make_post()
    auth.login(make_user())
    _react(client, post, "strength")
    _react(client, post, "strength")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Reaction)) == 0


def test_one_of_each_kind_per_member_and_the_pressed_state_shows(client, auth):
    post = make_post()
    auth.login(make_user())
    _react(client, post, "hear_you")
    _react(client, post, "strength")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Reaction)) == 2
    page = client.get(f"/t/{post.thread_id}").get_data(as_text=True)
    assert page.count('aria-pressed="true"') == 2


def test_only_the_author_sees_who_reacted(client, auth):
    author = make_user("the-author")
    post = make_post(author=author)
    auth.login(make_user("warm-heart"))
    _react(client, post, "hear_you")
    auth.logout()
    auth.login(make_user("someone-else"))
    assert "warm-heart" not in client.get(f"/t/{post.thread_id}").get_data(as_text=True)
    auth.logout()
    auth.login(author)
    assert "I hear you: warm-heart" in client.get(f"/t/{post.thread_id}").get_data(as_text=True)


def test_members_cannot_react_to_their_own_posts(client, auth):
    author = make_user()
    post = make_post(author=author)
    auth.login(author)
    assert _react(client, post, "hear_you").status_code == 403


def test_congratulations_only_on_milestones_and_the_author_is_told(client, auth):
    author = make_user()
    story = make_post()
    milestone = make_thread(author=author, title="90 days")
    milestone.kind = ThreadKind.MILESTONE
    db.session.commit()
    auth.login(make_user("cheering"))
    assert _react(client, story, "congrats").status_code == 400
    assert _react(client, opening_post(milestone), "congrats").status_code == 302
    notice = db.session.scalar(sa.select(Notice).where(Notice.user_id == author.id))
    (shown,) = shown_notices(author, [notice])
    assert notice.kind == NoticeKind.REACTION
    assert shown.title == "cheering reacted “Congratulations” to your milestone"
    assert shown.body == "On “90 days”."


def test_suspended_members_cannot_react(client, auth):
    from datetime import timedelta

    from forum.timeutil import utcnow

    post = make_post()
    auth.login(make_user(suspended_until=utcnow() + timedelta(days=1)))
    assert _react(client, post, "hear_you").status_code == 403


def test_no_reacting_to_hidden_posts_and_no_downvotes(client, auth):
    hidden = make_post(status=PostStatus.HIDDEN)
    post = make_post()
    auth.login(make_user())
    assert _react(client, hidden, "hear_you").status_code == 404
    assert _react(client, post, "downvote").status_code == 404
