"""What a member may do with boards, threads and posts: write, reply, edit, delete, report.

Views, services and templates ask these same predicates (templates through PREDICATES).
"""

from forum import permissions as roles
from forum.permissions import can_moderate, can_write, is_author
from forum.posts import visibility
from forum.posts.models import Board, Post, PostStatus, Thread, ThreadStatus
from forum.posts.visibility import can_view_post
from forum.timeutil import utcnow


def can_post(user, board: Board) -> bool:
    return can_write(user) and not board.is_archived


def is_closed(thread: Thread) -> bool:
    """Locked by the moderators, for good or until a time that has not come yet."""
    return thread.is_locked and (thread.locked_until is None or thread.locked_until > utcnow())


def can_reply(user, thread: Thread) -> bool:
    return (
        can_post(user, thread.board)
        and thread.status == ThreadStatus.VISIBLE
        and (not is_closed(thread) or can_moderate(user))
    )


def slow_mode_applies(user, thread: Thread) -> bool:
    """Slow mode holds this member to one reply every few minutes (never the thread's own
    author, nor the moderators)."""
    return bool(thread.slow_mode_minutes) and not (can_moderate(user) or is_author(user, thread))


def can_edit_post(user, post: Post) -> bool:
    return (
        can_write(user)
        and is_author(user, post)
        and post.status in (PostStatus.VISIBLE, PostStatus.PENDING)
        and not post.thread.board.is_archived
        and not is_closed(post.thread)
    )


def can_delete_post(user, post: Post) -> bool:
    gone = (PostStatus.DELETED, PostStatus.REMOVED, PostStatus.WITHDRAWN)
    return is_author(user, post) and post.status not in gone


def can_respond_to(user, post: Post) -> bool:
    """Any member who may write can respond to (report, react to) a public post they can read,
    except their own."""
    return (
        can_write(user)
        and not is_author(user, post)
        and post.status == PostStatus.VISIBLE
        and can_view_post(user, post)
    )


def can_view_history(user, post: Post) -> bool:
    return can_moderate(user) or (is_author(user, post) and can_view_post(user, post))


# Every predicate, by name, for the templates.
PREDICATES = {
    fn.__name__: fn
    for fn in (
        roles.is_member,
        roles.is_suspended,
        roles.is_author,
        roles.can_moderate,
        roles.can_administer,
        roles.can_write,
        roles.can_greet,
        roles.can_mentor,
        visibility.can_view_board,
        visibility.can_view_thread,
        visibility.can_view_post,
        can_post,
        can_reply,
        can_edit_post,
        can_delete_post,
        can_view_history,
        can_respond_to,
        is_closed,
        slow_mode_applies,
    )
}
