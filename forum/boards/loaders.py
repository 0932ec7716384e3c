"""The board, thread or post a page asks for, as the viewer may find it: otherwise a 404."""

from flask import abort
from flask_login import current_user

from forum.posts import queries as posts
from forum.posts.models import Board, Post, Thread
from forum.posts.visibility import can_view_thread, is_listed_in_thread


def load_board(slug: str) -> Board:
    board = posts.board_by_slug(current_user, slug)
    if board is None:
        abort(404)
    return board


def load_thread(thread_id: int) -> Thread:
    thread = posts.thread_by_id(thread_id)
    if thread is None or not can_view_thread(current_user, thread):
        abort(404)
    return thread


def load_post(post_id: int) -> Post:
    """A post the viewer finds in its thread: one that was never public is not found."""
    post = posts.post_by_id(post_id)
    if (
        post is None
        or not can_view_thread(current_user, post.thread)
        or not is_listed_in_thread(current_user, post)
    ):
        abort(404)
    return post
