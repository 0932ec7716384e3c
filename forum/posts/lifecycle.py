"""How a post's and a thread's states change, the counters that follow, and the signals sent."""

import sqlalchemy as sa

from forum.accounts.models import User
from forum.errors import NotAllowed
from forum.extensions import db
from forum.i18n import lazy_gettext as _l
from forum.posts.models import Board, Post, PostStatus, Thread, ThreadStatus
from forum.posts.permissions import can_delete_post
from forum.posts.signals import post_status_changed
from forum.posts.visibility import NEVER_PUBLIC


def delete_post(author: User, post: Post) -> None:
    """The author takes a post back; the thread keeps its place, unless nobody else wrote in
    it and it goes with its opening post. Caller commits."""
    if not can_delete_post(author, post):
        raise NotAllowed(_l("You can only delete your own posts."))
    set_post_status(post, PostStatus.DELETED)
    thread = post.thread
    if post.is_opening and not has_other_posts(post):
        set_thread_status(thread, ThreadStatus.DELETED)


def set_post_status(post: Post, status: PostStatus) -> None:
    """Change a post's state and the counters that follow from it. Caller commits.

    A post that was never public and is deleted (by its author, or with their account) is
    withdrawn instead: "deleted by its author" would be a mark of something nobody saw.
    """
    if status == PostStatus.DELETED and post.status in NEVER_PUBLIC:
        status = PostStatus.WITHDRAWN
    if post.status == status:
        return
    was = post.status
    was_counted = was == PostStatus.VISIBLE
    post.status = status
    count_post(post, int(status == PostStatus.VISIBLE) - int(was_counted))
    post_status_changed.send(post, was=was)


def set_thread_status(thread: Thread, status: ThreadStatus) -> None:
    """Change a thread's state; the board's counters follow. Caller commits."""
    if thread.status == status:
        return
    db.session.flush()
    db.session.refresh(thread, ["post_count"])
    delta = int(status == ThreadStatus.VISIBLE) - int(thread.status == ThreadStatus.VISIBLE)
    thread.status = status
    if delta:
        bump(thread.board, "thread_count", delta)
        bump(thread.board, "post_count", delta * thread.post_count)


def count_post(post: Post, delta: int) -> None:
    """Move the visible-post counters of the post's thread (and board, if the thread shows)."""
    if not delta:
        return
    thread = post.thread
    bump(thread, "post_count", delta)
    if thread.status == ThreadStatus.VISIBLE:
        bump(thread.board, "post_count", delta)


def bump(obj: Board | Thread, counter: str, delta: int) -> None:
    """Stored rows move by SQL arithmetic, so concurrent writers never overwrite each other."""
    if sa.inspect(obj).persistent:
        setattr(obj, counter, getattr(type(obj), counter) + delta)
    else:
        setattr(obj, counter, (getattr(obj, counter) or 0) + delta)


def has_other_posts(post: Post) -> bool:
    """Do other posts keep the thread in place (any but those that will never be public)?"""
    stmt = sa.select(sa.func.count()).where(
        Post.thread_id == post.thread_id,
        Post.id != post.id,
        Post.status.not_in((PostStatus.REJECTED, PostStatus.WITHDRAWN)),
    )
    return bool(db.session.scalar(stmt))
