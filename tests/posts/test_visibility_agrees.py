"""The Python predicates and the SQL filters of forum.posts.visibility say the same thing, for
every post status, thread status and board state, and for everyone who may look."""

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from forum.extensions import db
from forum.permissions import Anonymous, Role
from forum.posts.models import Board, Post, PostStatus, Thread, ThreadStatus
from forum.posts.visibility import (
    can_view_board,
    can_view_post,
    can_view_thread,
    is_listed_in_thread,
    listed_boards_filter,
    listed_posts_filter,
    listed_threads_filter,
    readable_posts,
)
from forum.timeutil import utcnow
from tests.factories import make_board, make_user


@dataclass
class Matrix:
    viewers: dict[str, object]
    boards: list[Board]
    threads: list[Thread]
    posts: list[Post]


def _build() -> Matrix:
    """Every post status in every thread status, on a live and an archived board; each post is
    the author's, in a thread started by the author or by another member."""
    author = make_user("the-author")
    other = make_user("another-member")
    viewers = {
        "a signed-out visitor": Anonymous(),
        "the author": author,
        "another member (who started half the threads)": other,
        "a moderator": make_user(role=Role.MODERATOR),
        "an admin": make_user(role=Role.ADMIN),
        "a suspended member": make_user(suspended_until=utcnow() + timedelta(days=3)),
    }
    rows = []
    for archived in (False, True):
        board = make_board(is_archived=archived)
        for starter in (author, other):
            for thread_status in ThreadStatus:
                thread = Thread(board=board, author=starter, title="A thread", status=thread_status)
                rows.append(thread)
                rows.extend(
                    Post(
                        thread=thread,
                        author=author,
                        body_source="Some words.",
                        body_html="<p>Some words.</p>",
                        status=post_status,
                    )
                    for post_status in PostStatus
                )
    db.session.add_all(rows)
    db.session.commit()
    posts = list(db.session.scalars(sa.select(Post).order_by(Post.id)))
    assert len(posts) == 2 * 2 * len(ThreadStatus) * len(PostStatus)
    threads = list(db.session.scalars(sa.select(Thread).order_by(Thread.id)))
    boards = list(db.session.scalars(sa.select(Board).order_by(Board.id)))
    return Matrix(viewers, boards, threads, posts)


def _where_thread(thread: Thread) -> str:
    board = "an archived board" if thread.board.is_archived else "a live board"
    return f"a {thread.status} thread by {thread.author.pseudonym} on {board}"


def _where_post(post: Post) -> str:
    return f"a {post.status} post in {_where_thread(post.thread)}"


def _disagreements(viewer_name, rows, predicate, listed_ids, describe) -> list[str]:
    return [
        f"{viewer_name}, {describe(row)}: the predicate says {said}, the SQL says {not said}"
        for row in rows
        if (said := predicate(row)) != (row.id in listed_ids)
    ]


def test_everyone_reads_the_same_posts_on_a_page_as_in_any_list(app):
    """Whoever looks, a post's text shows on its own page exactly when lists and search
    (readable_posts) would show it."""
    matrix = _build()
    found = []
    for name, viewer in matrix.viewers.items():
        ids = {post.id for post in db.session.scalars(readable_posts(viewer)).unique()}
        found += _disagreements(
            name, matrix.posts, lambda post, v=viewer: can_view_post(v, post), ids, _where_post
        )
    assert not found, "\n".join(found)


def test_everyone_opens_the_same_threads_the_lists_show(app):
    """Whoever looks, a thread opens exactly when the thread lists of its board show it."""
    matrix = _build()
    found = []
    for name, viewer in matrix.viewers.items():
        stmt = (
            sa.select(Thread.id)
            .join(Thread.board)
            .where(listed_threads_filter(viewer), listed_boards_filter(viewer))
        )
        ids = set(db.session.scalars(stmt))
        found += _disagreements(
            name,
            matrix.threads,
            lambda thread, v=viewer: can_view_thread(v, thread),
            ids,
            _where_thread,
        )
    assert not found, "\n".join(found)


def test_everyone_opens_the_same_boards_the_board_list_shows(app):
    """Whoever looks, a board opens exactly when the list of boards shows it."""
    matrix = _build()
    found = []
    for name, viewer in matrix.viewers.items():
        ids = set(db.session.scalars(sa.select(Board.id).where(listed_boards_filter(viewer))))
        found += _disagreements(
            name,
            matrix.boards,
            lambda board, v=viewer: can_view_board(v, board),
            ids,
            lambda board: "an archived board" if board.is_archived else "a live board",
        )
    assert not found, "\n".join(found)


def test_a_thread_page_gives_the_same_posts_a_place_as_its_query(app):
    """Whoever looks, a post takes a place on its thread's page (its text, or the mark that it
    was hidden or deleted) exactly when the thread page's query lists it."""
    matrix = _build()
    found = []
    for name, viewer in matrix.viewers.items():
        ids = set(db.session.scalars(sa.select(Post.id).where(listed_posts_filter(viewer))))
        found += _disagreements(
            name,
            matrix.posts,
            lambda post, v=viewer: is_listed_in_thread(v, post),
            ids,
            _where_post,
        )
    assert not found, "\n".join(found)


def test_a_visitor_reads_only_public_posts_of_public_threads_on_live_boards(app):
    """A signed-out visitor reads the visible posts of visible threads on open boards, no more."""
    matrix = _build()
    ids = {post.id for post in db.session.scalars(readable_posts(Anonymous())).unique()}
    expected = {
        post.id
        for post in matrix.posts
        if post.status == PostStatus.VISIBLE
        and post.thread.status == ThreadStatus.VISIBLE
        and not post.thread.board.is_archived
    }
    assert len(expected) == 2 and ids == expected
