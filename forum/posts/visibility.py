"""Who may see a board, a thread and a post: each rule as a Python predicate and as the SQL
filter that says the same, side by side (tests/posts/test_visibility_agrees.py holds them
to each other for every status, board state and viewer)."""

import sqlalchemy as sa

from forum.permissions import can_moderate, is_author, is_member
from forum.posts.models import Board, Post, PostStatus, Thread, ThreadStatus

# A thread's posts as their author and the moderators see them while not public.
_AUTHOR_SEES = (PostStatus.PENDING, PostStatus.HIDDEN, PostStatus.REMOVED, PostStatus.REJECTED)
# Posts nobody but their author (and the moderators) ever saw: no mark of them is listed.
NEVER_PUBLIC = (PostStatus.PENDING, PostStatus.REJECTED, PostStatus.WITHDRAWN)
# Of those, what the author still finds in the thread: waiting, or not approved.
_AUTHOR_FINDS = (PostStatus.PENDING, PostStatus.REJECTED)


def can_view_board(user, board: Board) -> bool:
    return not board.is_archived or can_moderate(user)


def listed_boards_filter(viewer):
    return sa.true() if can_moderate(viewer) else Board.is_archived.is_(False)


def can_view_thread(user, thread: Thread) -> bool:
    if not can_view_board(user, thread.board):
        return False
    if thread.status == ThreadStatus.VISIBLE:
        return True
    if thread.status == ThreadStatus.DELETED:
        return can_moderate(user)
    return can_moderate(user) or is_author(user, thread)


def listed_threads_filter(viewer):
    """Threads the viewer can open, their board aside (can_view_thread adds the board)."""
    if can_moderate(viewer):
        return sa.true()
    public = Thread.status == ThreadStatus.VISIBLE
    if is_member(viewer):
        own = sa.and_(Thread.author_id == viewer.id, Thread.status != ThreadStatus.DELETED)
        return sa.or_(public, own)
    return public


def is_listed_in_thread(user, post: Post) -> bool:
    """Does the post take a place on its thread's page (its text, or a hidden/deleted mark)?

    A post that was never public takes none (no mark, no place in the page numbers, no
    "replies" link), except for its author while it waits or after it was not approved.
    """
    if can_moderate(user):
        return True
    if post.status not in NEVER_PUBLIC:
        return True
    return post.status in _AUTHOR_FINDS and is_author(user, post)


def listed_posts_filter(viewer):
    """Posts that take a place in a thread page: readable, or shown as hidden or deleted."""
    if can_moderate(viewer):
        return sa.true()
    shown = Post.status.not_in(NEVER_PUBLIC)
    if is_member(viewer):
        own = sa.and_(Post.author_id == viewer.id, Post.status.in_(_AUTHOR_FINDS))
        return sa.or_(shown, own)
    return shown


def can_view_post(user, post: Post) -> bool:
    """May this person read the post's text (not only its "hidden" or "deleted" marker)?"""
    if not can_view_thread(user, post.thread):
        return False
    if post.status == PostStatus.VISIBLE:
        return True
    if can_moderate(user):
        return True
    # Authors still read what the moderators hid or hold, with the reason; what they
    # deleted themselves is gone from their view too.
    return post.status in _AUTHOR_SEES and is_author(user, post)


def readable_posts_filter(viewer):
    """Posts whose text the viewer may read: can_view_post as SQL.

    The query it goes into must join Thread and Board (see readable_posts()).
    """
    if can_moderate(viewer):
        return sa.true()
    post_ok = Post.status == PostStatus.VISIBLE
    if is_member(viewer):
        own = sa.and_(Post.author_id == viewer.id, Post.status.in_(_AUTHOR_SEES))
        post_ok = sa.or_(post_ok, own)
    return sa.and_(post_ok, listed_threads_filter(viewer), Board.is_archived.is_(False))


def readable_posts(viewer) -> sa.Select:
    """SELECT of posts the viewer may read, joined to their thread and board."""
    return sa.select(Post).join(Post.thread).join(Thread.board).where(readable_posts_filter(viewer))
