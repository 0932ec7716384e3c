"""Signed-out readers revalidate board and thread pages with an ETag; members never do."""

from forum.extensions import db
from forum.posts import lifecycle
from forum.posts.models import PostStatus
from tests.factories import make_post, make_thread, make_user


def _etag(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["ETag"]
    return response.headers["ETag"]


def test_a_signed_out_reader_gets_304_for_an_unchanged_thread(client):
    """A reader whose copy of the thread is current downloads nothing again."""
    thread = make_thread()
    make_post(thread=thread)
    etag = _etag(client, f"/t/{thread.id}")
    again = client.get(f"/t/{thread.id}", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["Cache-Control"] == "no-cache"


def test_the_board_index_and_a_board_page_answer_304_when_unchanged(client):
    """The index and a board page are revalidated the same way."""
    thread = make_thread()
    for path in ("/", f"/b/{thread.board.slug}"):
        etag = _etag(client, path)
        assert client.get(path, headers={"If-None-Match": etag}).status_code == 304


def test_a_new_reply_changes_the_thread_s_etag(client):
    """After a reply is posted, the reader's old copy no longer matches and the page comes whole."""
    thread = make_thread()
    before = _etag(client, f"/t/{thread.id}")
    make_post(thread=thread, body="A new reply that changes the page.")
    response = client.get(f"/t/{thread.id}", headers={"If-None-Match": before})
    assert response.status_code == 200
    assert b"A new reply that changes the page." in response.data


def test_hiding_a_post_changes_the_thread_s_etag(client):
    """A post the moderators hide is not kept on screen by an old copy."""
    thread = make_thread()
    post = make_post(thread=thread, body="Words that will be hidden.")
    before = _etag(client, f"/t/{thread.id}")
    lifecycle.set_post_status(post, PostStatus.HIDDEN)
    db.session.commit()
    response = client.get(f"/t/{thread.id}", headers={"If-None-Match": before})
    assert response.status_code == 200
    assert b"Words that will be hidden." not in response.data


def test_a_member_never_gets_304(client, auth):
    """A signed-in member's page always comes whole, marked private, without an ETag."""
    thread = make_thread()
    anonymous_etag = _etag(client, f"/t/{thread.id}")
    auth.login(make_user())
    response = client.get(f"/t/{thread.id}", headers={"If-None-Match": anonymous_etag})
    assert response.status_code == 200
    assert "ETag" not in response.headers
    assert response.headers["Cache-Control"] == "private, no-cache"
