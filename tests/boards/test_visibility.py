"""The visibility rule: the SQL filters and the permission predicates always agree."""

import itertools

import pytest
import sqlalchemy as sa

from forum.extensions import db
from forum.permissions import Anonymous, Role
from forum.posts import visibility
from forum.posts.lifecycle import set_post_status, set_thread_status
from forum.posts.models import Post, PostStatus, ThreadStatus
from forum.posts.visibility import can_view_post, can_view_thread
from tests.factories import make_board, make_post, make_thread, make_user


@pytest.fixture
def world(app):
    """Every post state inside every thread state, on a live and an archived board."""
    author = make_user("the-author")
    viewers = {
        "anonymous": Anonymous(),
        "member": make_user("a-member"),
        "author": author,
        "moderator": make_user("a-moderator", role=Role.MODERATOR),
        "admin": make_user("an-admin", role=Role.ADMIN),
    }
    posts = []
    for archived, thread_status in itertools.product((False, True), ThreadStatus):
        board = make_board(is_archived=False)
        thread = make_thread(author=author, board=board)
        for post_status in PostStatus:
            posts.append(make_post(thread=thread, author=author, status=post_status))
        set_thread_status(thread, thread_status)
        board.is_archived = archived
    db.session.commit()
    return viewers, posts


@pytest.mark.parametrize("viewer_name", ["anonymous", "member", "author", "moderator", "admin"])
def test_readable_posts_query_matches_the_predicate(world, viewer_name):
    viewers, posts = world
    viewer = viewers[viewer_name]
    from_sql = set(db.session.scalars(visibility.readable_posts(viewer).with_only_columns(Post.id)))
    from_predicate = {p.id for p in posts if can_view_post(viewer, p)}
    replies = {p.id for p in posts}
    assert from_sql & replies == from_predicate


@pytest.mark.parametrize("viewer_name", ["anonymous", "member", "author", "moderator"])
def test_listed_threads_query_matches_the_predicate(world, viewer_name):
    from forum.posts.models import Thread

    viewers, posts = world
    viewer = viewers[viewer_name]
    threads = {p.thread for p in posts}
    stmt = (
        sa.select(Thread.id)
        .join(Thread.board)
        .where(visibility.listed_threads_filter(viewer), visibility.listed_boards_filter(viewer))
    )
    from_sql = set(db.session.scalars(stmt))
    assert from_sql == {t.id for t in threads if can_view_thread(viewer, t)}


def test_a_visitor_reads_only_visible_posts_in_visible_threads(world):
    viewers, posts = world
    readable = [p for p in posts if can_view_post(viewers["anonymous"], p)]
    assert readable
    assert all(p.status == PostStatus.VISIBLE for p in readable)
    assert all(
        p.thread.status == ThreadStatus.VISIBLE and not p.thread.board.is_archived for p in readable
    )


def test_post_counters_follow_every_status_change(app):
    thread = make_thread()
    post = make_post(thread=thread)
    board = thread.board
    for status in (
        PostStatus.HIDDEN,
        PostStatus.VISIBLE,
        PostStatus.REMOVED,
        PostStatus.VISIBLE,
        PostStatus.DELETED,
    ):
        set_post_status(post, status)
        db.session.commit()
        expected = 2 if status == PostStatus.VISIBLE else 1
        db.session.refresh(thread)
        db.session.refresh(board)
        assert thread.post_count == board.post_count == expected
    set_thread_status(thread, ThreadStatus.HIDDEN)
    db.session.commit()
    db.session.refresh(board)
    assert (board.thread_count, board.post_count) == (0, 0)
    set_thread_status(thread, ThreadStatus.VISIBLE)
    db.session.commit()
    db.session.refresh(board)
    assert (board.thread_count, board.post_count) == (1, 1)
