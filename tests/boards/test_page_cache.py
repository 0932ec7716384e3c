"""Signed-out readers may get a stored page, but never one older than what it shows."""

import sqlalchemy as sa

from forum.accounts.models import User
from forum.extensions import db
from forum.posts import erasure, lifecycle
from forum.posts.models import PostStatus
from forum.reactions.services import toggle_reaction
from forum.web.models import PageVersion
from tests.factories import make_post, make_thread, make_user


def _version() -> int:
    return db.session.scalar(sa.select(PageVersion.version))


def _stored(app) -> int:
    pages = app.extensions.get("hearth_pages")
    return len(pages.entries) if pages else 0


def test_a_signed_out_reader_gets_the_stored_page_again(app, client, count_queries):
    """The second look at an unchanged thread costs one small query instead of a page."""
    path = f"/t/{make_thread().id}"
    first = client.get(path)
    assert _stored(app) == 1
    with count_queries() as counted:
        second = client.get(path)
    assert second.data == first.data
    assert counted.count == 1, counted.statements


def test_a_new_reply_shows_at_once_to_a_signed_out_reader(client):
    """A stored page is not served once a reply has been posted."""
    thread = make_thread()
    client.get(f"/t/{thread.id}")
    make_post(thread=thread, body="Fresh words, just posted.")
    assert b"Fresh words, just posted." in client.get(f"/t/{thread.id}").data


def test_a_hidden_post_leaves_the_stored_pages_at_once(client):
    """When the moderators hide a post, no signed-out reader is shown it from a stored page."""
    thread = make_thread()
    post = make_post(thread=thread, body="Words the moderators will hide.")
    for path in (f"/t/{thread.id}", "/"):
        client.get(path)
    lifecycle.set_post_status(post, PostStatus.HIDDEN)
    db.session.commit()
    assert b"Words the moderators will hide." not in client.get(f"/t/{thread.id}").data


def test_a_reaction_updates_the_count_a_signed_out_reader_sees(client):
    """Counts of reactions are part of the page: a new one makes the stored page stale."""
    thread = make_thread()
    post = make_post(thread=thread)
    client.get(f"/t/{thread.id}")
    toggle_reaction(make_user(), post, "hear_you")
    db.session.commit()
    assert "I hear you · 1" in client.get(f"/t/{thread.id}").get_data(as_text=True)


def test_a_bulk_update_makes_stored_pages_stale(client):
    """Changes written by one UPDATE statement, such as a departing member's, count too."""
    author = make_user(pseudonym="leaving-soon")
    thread = make_thread(author=author)
    assert b"leaving-soon" in client.get(f"/t/{thread.id}").data
    erasure.detach_posts_of(author)
    db.session.commit()
    assert b"leaving-soon" not in client.get(f"/t/{thread.id}").data


def test_a_member_s_visit_leaves_stored_pages_current(client, auth):
    """What a member read is private: recording it does not throw away readers' pages."""
    thread = make_thread()
    member = make_user()
    before = _version()
    auth.login(member)
    client.get(f"/t/{thread.id}")
    assert _version() == before


def test_a_member_never_gets_a_stored_page(app, client, auth):
    """Members see their own marks and buttons, so their pages are rendered for them."""
    thread = make_thread()
    client.get(f"/t/{thread.id}")
    auth.login(make_user())
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "Write a reply" in page
    assert _stored(app) == 1


def test_a_rolled_back_change_leaves_the_number_as_it_was(app):
    """The number moves with committed changes only."""
    before = _version()
    db.session.execute(sa.update(User).values(is_greeter=True))
    db.session.rollback()
    assert _version() == before


def test_the_cache_can_be_turned_off(app, client):
    """With PAGE_CACHE_SIZE at 0 nothing is stored."""
    app.config["PAGE_CACHE_SIZE"] = 0
    thread = make_thread()
    client.get(f"/t/{thread.id}")
    client.get(f"/t/{thread.id}")
    assert _stored(app) == 0
