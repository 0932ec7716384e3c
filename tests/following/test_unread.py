"""A thread marks the posts that are new since the member's last visit, in constant queries."""

import re

from forum.extensions import db
from forum.following.models import Bookmark
from tests.factories import make_board, make_post, make_thread, make_user
from tests.following.helpers import saved_post_ids, state_of

NEW_BADGE = '<span class="badge badge-new">New</span>'


def _page(client, thread) -> str:
    response = client.get(f"/t/{thread.id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_first_visit_marks_nothing_new(client, auth):
    """A member opening a thread for the first time is not told that everything is new."""
    thread = make_thread()
    make_post(thread)
    auth.login(make_user())
    page = _page(client, thread)
    assert NEW_BADGE not in page and "Jump to the first new post" not in page


def test_posts_written_since_the_last_visit_are_marked_new(client, auth):
    """Returning to a thread, the member sees which replies are new and can jump to the first."""
    member = make_user()
    thread = make_thread()
    auth.login(member)
    _page(client, thread)
    first = make_post(thread, body="first new one")
    make_post(thread, body="second new one")
    page = _page(client, thread)
    assert page.count(NEW_BADGE) == 2
    assert f'<a href="#p{first.id}">Jump to the first new post</a> (2 new on this page)' in page
    assert NEW_BADGE not in _page(client, thread)


def test_a_members_own_replies_are_never_new_to_them(client, auth):
    """What the member wrote themself since their visit is not marked new."""
    member = make_user()
    thread = make_thread()
    auth.login(member)
    _page(client, thread)
    client.post(f"/t/{thread.id}/reply", data={"body": "My own words"})
    other = make_post(thread)
    page = _page(client, thread)
    assert page.count(NEW_BADGE) == 1
    assert f'href="#p{other.id}"' in page


def test_reading_a_later_page_keeps_the_furthest_post_seen(client, auth, app):
    """Going back to an earlier page does not forget that the member read further."""
    app.config["POSTS_PER_PAGE"] = 2
    member = make_user()
    thread = make_thread()
    posts = [make_post(thread) for _ in range(3)]
    auth.login(member)
    client.get(f"/t/{thread.id}?page=2")
    client.get(f"/t/{thread.id}")
    assert state_of(member, thread).last_seen_post_id == posts[-1].id


def test_the_first_new_post_link_opens_the_first_unread_reply(client, auth):
    """From a followed thread, "first new" goes to the first reply the member has not seen."""
    member = make_user()
    thread = make_thread(author=member)
    auth.login(member)
    _page(client, thread)
    first = make_post(thread)
    make_post(thread)
    response = client.get(f"/t/{thread.id}/following/first-new")
    assert response.headers["Location"] == f"/p/{first.id}"
    _page(client, thread)
    response = client.get(f"/t/{thread.id}/following/first-new")
    assert response.headers["Location"].startswith(f"/t/{thread.id}")


def test_a_members_visit_is_one_statement_and_a_readers_none(client, auth, count_queries):
    """Viewing a thread writes one upsert for a member and nothing at all for a visitor."""
    thread = make_thread()
    make_post(thread)

    def writes() -> list[str]:
        with count_queries() as counted:
            client.get(f"/t/{thread.id}")
        return [s for s in counted.statements if s.split()[0].upper() in ("INSERT", "UPDATE")]

    assert writes() == []
    auth.login(make_user())
    (write,) = writes()
    assert re.match(r"INSERT INTO thread_states .* ON CONFLICT", write, re.S)


def test_the_thread_page_does_not_grow_with_new_and_saved_posts(client, auth, count_queries):
    """New markers and bookmarks cost the same queries for two posts as for twenty."""
    member = make_user()
    thread = make_thread()
    auth.login(member)

    def queries_after(new_posts: int) -> int:
        client.get(f"/t/{thread.id}")  # everything so far is seen
        for _ in range(new_posts):
            db.session.add(Bookmark(user_id=member.id, post_id=make_post(thread).id))
        db.session.commit()
        with count_queries() as counted:
            page = client.get(f"/t/{thread.id}").get_data(as_text=True)
        assert page.count(NEW_BADGE) == new_posts
        assert page.count('aria-pressed="true"') == len(saved_post_ids(member))
        return counted.count

    assert queries_after(2) == queries_after(20)


def test_the_board_shows_how_many_posts_are_new_in_followed_threads(client, auth, count_queries):
    """A followed thread's row says "2 new" and links to the first of them, in one query."""
    member = make_user()
    board = make_board("Stories", "stories")
    followed = make_thread(author=member, board=board, title="Mine")
    other = make_thread(board=board, title="Not followed")
    auth.login(member)
    client.get(f"/t/{followed.id}")
    client.get(f"/t/{other.id}")
    first = make_post(followed)
    make_post(followed)
    make_post(other)
    with count_queries() as few:
        page = client.get("/b/stories").get_data(as_text=True)
    assert page.count("badge-new") == 1
    assert f'href="/t/{followed.id}/following/first-new">2 new' in page
    for _ in range(5):
        make_post(make_thread(author=member, board=board))
    with count_queries() as many:
        client.get("/b/stories")
    assert few.count == many.count
    assert client.get(f"/t/{followed.id}/following/first-new").headers["Location"] == (
        f"/p/{first.id}"
    )
