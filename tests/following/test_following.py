"""Members follow the threads they take part in, and follow or mute any thread from its page."""

from datetime import timedelta

from forum.extensions import db
from forum.following import services
from forum.following.models import FollowState
from forum.timeutil import utcnow
from tests.factories import make_post, make_thread, make_user, opening_post
from tests.following.helpers import personal_notices, state_of


def test_starting_or_replying_to_a_thread_follows_it(app):
    """Whoever starts a thread or replies to it follows it without doing anything."""
    starter, replier = make_user(), make_user()
    thread = make_thread(author=starter)
    make_post(thread, replier)
    assert state_of(starter, thread).follow == FollowState.FOLLOWING
    assert state_of(replier, thread).follow == FollowState.FOLLOWING


def test_replying_again_does_not_undo_a_members_choice(app):
    """A member who stopped following or muted a thread stays so when they reply again."""
    member = make_user()
    thread = make_thread(author=member)
    services.set_follow(member, thread, FollowState.NOT_FOLLOWING)
    db.session.commit()
    make_post(thread, member)
    assert state_of(member, thread).follow == FollowState.NOT_FOLLOWING


def test_a_member_follows_and_mutes_a_thread_from_its_page(client, auth):
    """The thread page offers Follow and Mute, and says which one the member chose."""
    member = make_user()
    thread = make_thread(title="Sleep in early recovery")
    auth.login(member)
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "You don’t follow this thread." in page and ">Follow</button>" in page
    response = client.post(f"/t/{thread.id}/following/follow")
    assert response.status_code == 302
    assert response.headers["Location"].startswith(f"/t/{thread.id}")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "every new reply sends a notice" in page and "You follow this thread." in page
    client.post(f"/t/{thread.id}/following/mute")
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "Muted: this thread sends you no notices." in page and ">Unmute</button>" in page
    client.post(f"/t/{thread.id}/following/unmute")
    assert state_of(member, thread).follow == FollowState.NOT_FOLLOWING


def test_a_followed_thread_tells_of_replies_until_unfollowed(client, auth):
    """Following from the page brings notices of new replies; stopping ends them."""
    member = make_user()
    thread = make_thread()
    auth.login(member)
    client.post(f"/t/{thread.id}/following/follow")
    make_post(thread)
    client.post(f"/t/{thread.id}/following/unfollow")
    make_post(thread)
    assert len(personal_notices(member)) == 1


def test_unfollowing_still_leaves_replies_to_the_member(app):
    """A member who stopped following still hears of a direct reply to their own post."""
    author = make_user()
    thread = make_thread(author=author)
    services.set_follow(author, thread, FollowState.NOT_FOLLOWING)
    db.session.commit()
    make_post(thread)
    make_post(thread, parent=opening_post(thread))
    assert len(personal_notices(author)) == 1


def test_signed_out_readers_see_no_follow_buttons_and_cannot_follow(client):
    """A visitor reads the thread without follow controls; following asks them to sign in."""
    thread = make_thread()
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "Follow</button>" not in page and "Bookmark" not in page
    response = client.post(f"/t/{thread.id}/following/follow")
    assert response.status_code == 302 and "/signin" in response.headers["Location"]


def test_nobody_can_follow_a_thread_they_cannot_see(client, auth, app):
    """A thread waiting for approval can't be followed by other members: it is not found."""
    app.config["TRUST_NEW_POSTS_WAIT"] = True
    thread = make_thread(author=make_user())
    app.config["TRUST_NEW_POSTS_WAIT"] = False
    auth.login(make_user())
    assert client.post(f"/t/{thread.id}/following/follow").status_code == 404
    assert client.post(f"/t/{thread.id}/following/whatever").status_code in (404, 405)


def test_a_suspended_member_can_read_but_not_follow_or_mute(client, auth):
    """Following and muting are writes, so a suspended member is refused with the reason."""
    member = make_user(suspended_until=utcnow() + timedelta(days=3), suspension_reason="Rude")
    thread = make_thread()
    auth.login(member)
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert ">Follow</button>" not in page
    response = client.post(f"/t/{thread.id}/following/mute")
    assert response.status_code == 403
    assert "Rude" in response.get_data(as_text=True)
    assert state_of(member, thread).follow is None
