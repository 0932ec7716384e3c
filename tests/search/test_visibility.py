"""A post nobody may read on the board is never found, counted, quoted or suggested."""

import pytest

from forum.boards.management import set_board_archived
from forum.extensions import db
from forum.permissions import Role
from forum.posts import lifecycle
from forum.posts.models import PostStatus, ThreadStatus
from tests.factories import make_board, make_post, make_thread, make_user, opening_post
from tests.search.conftest import found, search_page

WORD = "quillwort"


def _hide_post(post):
    lifecycle.set_post_status(post, PostStatus.HIDDEN)


def _states():
    def post_status(status):
        return lambda post: lifecycle.set_post_status(post, status)

    return {
        "pending": post_status(PostStatus.PENDING),
        "hidden": post_status(PostStatus.HIDDEN),
        "removed": post_status(PostStatus.REMOVED),
        "deleted": post_status(PostStatus.DELETED),
        "thread hidden": lambda post: lifecycle.set_thread_status(post.thread, ThreadStatus.HIDDEN),
        "board archived": lambda post: set_board_archived(post.thread.board, True),
    }


@pytest.mark.parametrize("state", list(_states()))
def test_a_post_out_of_sight_is_never_found(app, state):
    """Anonymous visitors, members and authors never find it; moderators only when they ask."""
    author = make_user()
    thread = make_thread(board=make_board())
    post = make_post(thread=thread, author=author, body=f"A {WORD} grows by the pond.")
    assert found(q=WORD) == [post.id]
    _states()[state](post)
    db.session.commit()

    moderator = make_user(role=Role.MODERATOR)
    for viewer in (None, make_user(), author, moderator):
        page = search_page(viewer, q=WORD)
        assert page.results == [] and page.total == 0, (state, viewer)
        assert found(viewer, q=WORD[:-1] + "x") == []  # no suggestion leads to it either
        assert search_page(viewer, q=WORD[:-1] + "x").suggestion is None
    assert found(moderator, q=WORD, hidden="1") == [post.id]
    # The checkbox means nothing for a member.
    assert found(author, q=WORD, hidden="1") == []


def test_a_stale_index_still_hides_the_post(app, monkeypatch):
    """If the index missed a hide, the page's own visibility check still keeps it out."""
    post = make_post(body=f"Secret {WORD} notes.")
    app.config["SEARCH_DRAIN_AFTER_COMMIT"] = False
    _hide_post(post)
    db.session.commit()
    page = search_page(None, q=WORD)
    assert page.results == [] and page.total == 0


def test_restoring_a_post_brings_it_back(app):
    """A post hidden and then restored is found again."""
    post = make_post(body=f"A {WORD} again.")
    _hide_post(post)
    db.session.commit()
    lifecycle.set_post_status(post, PostStatus.VISIBLE)
    db.session.commit()
    assert found(q=WORD) == [post.id]


def test_a_hidden_opening_post_keeps_its_title_out_of_results(app):
    """A hidden story is not found by the words of its title."""
    thread = make_thread(title=f"About {WORD}")
    _hide_post(opening_post(thread))
    db.session.commit()
    assert found(q=WORD) == []


def test_a_reader_who_hides_a_kind_of_note_never_finds_such_posts(client, auth):
    """Content notes a reader chose to hide stay out of their results; others see them collapsed."""
    noted = make_post(body="marmalade sandwiches after the relapse")
    noted.content_note = "relapse"
    db.session.commit()
    reader = make_user()
    assert found(reader, "marmalade") == [noted.id]
    page = client.get("/search?q=marmalade").get_data(as_text=True)
    assert '<details class="content-note">' in page
    reader.note_prefs = {"relapse": "hide"}
    db.session.commit()
    assert found(reader, "marmalade") == []
