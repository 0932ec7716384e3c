"""Roles and the permission predicates shared by views, services and templates."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from flask_login import AnonymousUserMixin

if TYPE_CHECKING:
    from forum.boards.models import Board, Post, Thread


class Role(enum.StrEnum):
    MEMBER = "member"
    MODERATOR = "moderator"
    ADMIN = "admin"


class Anonymous(AnonymousUserMixin):
    """A signed-out visitor: every predicate below answers False for them."""

    id = None
    role = None
    pseudonym = None
    suspended_until = None


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def is_member(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def is_suspended(user) -> bool:
    until = getattr(user, "suspended_until", None)
    return is_member(user) and until is not None and until > _now()


def can_moderate(user) -> bool:
    return is_member(user) and user.role in (Role.MODERATOR, Role.ADMIN)


def can_administer(user) -> bool:
    return is_member(user) and user.role == Role.ADMIN


def is_author(user, post_or_thread) -> bool:
    return is_member(user) and post_or_thread.author_id == user.id


def can_write(user) -> bool:
    """Signed in and not suspended: may post, reply, edit, react and report."""
    return is_member(user) and not is_suspended(user)


def can_view_board(user, board: Board) -> bool:
    return not board.is_archived or can_moderate(user)


def can_post(user, board: Board) -> bool:
    return can_write(user) and not board.is_archived


def can_view_thread(user, thread: Thread) -> bool:
    from forum.boards.models import ThreadStatus

    if not can_view_board(user, thread.board):
        return False
    if thread.status == ThreadStatus.VISIBLE:
        return True
    if thread.status == ThreadStatus.DELETED:
        return can_moderate(user)
    return can_moderate(user) or is_author(user, thread)


def can_reply(user, thread: Thread) -> bool:
    from forum.boards.models import ThreadStatus

    return (
        can_post(user, thread.board)
        and thread.status == ThreadStatus.VISIBLE
        and (not thread.is_locked or can_moderate(user))
    )


def can_view_post(user, post: Post) -> bool:
    """May this person read the post's text (not only its "hidden" or "deleted" marker)?"""
    from forum.boards.models import PostStatus

    if not can_view_thread(user, post.thread):
        return False
    if post.status == PostStatus.VISIBLE:
        return True
    if can_moderate(user):
        return True
    # Authors still read what the moderators hid or hold, with the reason; what they
    # deleted themselves is gone from their view too.
    return post.status != PostStatus.DELETED and is_author(user, post)


def can_edit_post(user, post: Post) -> bool:
    from forum.boards.models import PostStatus

    return (
        can_write(user)
        and is_author(user, post)
        and post.status in (PostStatus.VISIBLE, PostStatus.PENDING)
        and not post.thread.board.is_archived
        and not post.thread.is_locked
    )


def can_delete_post(user, post: Post) -> bool:
    from forum.boards.models import PostStatus

    return is_author(user, post) and post.status not in (PostStatus.DELETED, PostStatus.REMOVED)


def can_report(user, post: Post) -> bool:
    """Any member who may write can report a post they can read, except their own."""
    from forum.boards.models import PostStatus

    return (
        can_write(user)
        and not is_author(user, post)
        and post.status == PostStatus.VISIBLE
        and can_view_post(user, post)
    )


def can_greet(user) -> bool:
    """Moderators, and members who opted in as greeters, see newcomers waiting for a reply."""
    return can_moderate(user) or (can_write(user) and bool(getattr(user, "is_greeter", False)))


def can_view_history(user, post: Post) -> bool:
    return can_moderate(user) or (is_author(user, post) and can_view_post(user, post))


PREDICATES = {
    fn.__name__: fn
    for fn in (
        is_member,
        is_suspended,
        is_author,
        can_moderate,
        can_administer,
        can_write,
        can_view_board,
        can_post,
        can_view_thread,
        can_reply,
        can_view_post,
        can_edit_post,
        can_delete_post,
        can_view_history,
        can_report,
        can_greet,
    )
}
