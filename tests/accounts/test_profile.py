"""Member profiles show the least: pseudonym, month joined, visible posts, recent threads."""

from datetime import datetime

from forum.extensions import db
from forum.posts.lifecycle import set_thread_status
from forum.posts.models import PostStatus, ThreadStatus
from tests.factories import make_post, make_thread, make_user


def test_a_profile_shows_pseudonym_month_joined_and_visible_work(client):
    user = make_user(
        "quiet-river", email="private@example.org", created_at=datetime(2025, 3, 14, 9, 30)
    )
    make_thread(author=user, title="Thirty days today")
    make_post(author=user, body="a visible reply")
    make_post(author=user, body="hidden reply", status=PostStatus.HIDDEN)
    hidden_thread = make_thread(author=user, title="A thread the moderators hid")
    set_thread_status(hidden_thread, ThreadStatus.HIDDEN)
    db.session.commit()
    page = client.get("/u/quiet-river").get_data(as_text=True)
    assert "quiet-river" in page
    assert "March 2025" in page
    # The opening post and the visible reply; not the hidden reply, nor the hidden thread.
    assert "2 posts" in page
    assert "Thirty days today" in page
    assert "A thread the moderators hid" not in page
    assert "private@example.org" not in page
    # The month joined, never the day or the hour (a post's own time may be any hour).
    assert "2025-03-14" not in page and "14 March" not in page and "Last seen" not in page


def test_a_profile_is_found_whatever_the_case(client):
    make_user("Quiet-River")
    assert client.get("/u/quiet-river").status_code == 200
