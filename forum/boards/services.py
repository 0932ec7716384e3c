"""The rules of writing: start a thread, reply, edit, delete, and keep the counters true."""

import sqlalchemy as sa

from forum.accounts.models import User
from forum.boards.models import (
    Board,
    Post,
    PostRevision,
    PostStatus,
    Thread,
    ThreadKind,
    ThreadStatus,
)
from forum.errors import NotAllowed
from forum.extensions import db
from forum.permissions import can_delete_post, can_edit_post, can_post, can_reply
from forum.text import render_post_body
from forum.timeutil import utcnow

TITLE_MIN, TITLE_MAX = 3, 150
BODY_MIN, BODY_MAX = 1, 20_000


def start_thread(
    author: User,
    board: Board,
    title: str,
    body: str,
    kind: ThreadKind = ThreadKind.STORY,
    badge: str | None = None,
) -> Thread:
    """Open a thread with its first post (a milestone carries its badge). Caller commits."""
    if not can_post(author, board):
        raise NotAllowed("You can't start a thread on this board.")
    held = _needs_approval(author)
    now = utcnow()
    thread = Thread(
        board=board,
        author=author,
        title=title.strip(),
        kind=kind,
        badge=badge,
        status=ThreadStatus.PENDING if held else ThreadStatus.VISIBLE,
        post_count=0,
        created_at=now,
        last_activity_at=now,
    )
    post = Post(
        thread=thread,
        author=author,
        body_source=body,
        body_html=render_post_body(body),
        status=PostStatus.PENDING if held else PostStatus.VISIBLE,
        is_opening=True,
        created_at=now,
    )
    db.session.add_all([thread, post])
    if held:
        _hold_for_approval(post)
    else:
        _bump(board, "thread_count", 1)
        _count_post(post, 1)
    db.session.flush()
    _follow_and_notify(author, post)
    return thread


def reply(author: User, thread: Thread, body: str, parent: Post | None = None) -> Post:
    """Add a reply, optionally answering one post of the same thread. Caller commits."""
    if not can_reply(author, thread):
        raise NotAllowed("You can't reply to this thread.")
    if parent is not None and parent.thread_id != thread.id:
        parent = None
    held = _needs_approval(author)
    now = utcnow()
    post = Post(
        thread=thread,
        author=author,
        parent=parent,
        body_source=body,
        body_html=render_post_body(body),
        status=PostStatus.PENDING if held else PostStatus.VISIBLE,
        created_at=now,
    )
    db.session.add(post)
    if held:
        _hold_for_approval(post)
    else:
        thread.last_activity_at = now
        _count_post(post, 1)
    db.session.flush()
    _follow_and_notify(author, post)
    return post


def _needs_approval(author: User) -> bool:
    from forum.moderation.reports import needs_approval

    return needs_approval(author)


def _hold_for_approval(post: Post) -> None:
    from forum.moderation.reports import hold_for_approval

    db.session.flush()
    hold_for_approval(post)


def _follow_and_notify(author: User, post: Post) -> None:
    """The author follows the thread; a post readable at once sends its notices now."""
    from forum.following.services import follow_as_author, post_became_visible

    follow_as_author(author, post.thread)
    post_became_visible(post)


def _tell_followers(post: Post, was_pending: bool, was_visible: bool) -> None:
    """An approved post sends its notices; one taken from view is no longer quoted in them."""
    from forum.following.services import forget_excerpts, post_became_visible

    if was_pending and post.status == PostStatus.VISIBLE:
        post_became_visible(post)
    elif was_visible:
        forget_excerpts(post)


def edit_post(editor: User, post: Post, body: str, title: str | None = None) -> None:
    """Save a new version, keeping the old one in the history. Caller commits."""
    if not can_edit_post(editor, post):
        raise NotAllowed("You can only edit your own posts.")
    title = title.strip() if title is not None else None
    changed_title = post.is_opening and title and title != post.thread.title
    if body == post.body_source and not changed_title:
        return
    now = utcnow()
    if body != post.body_source:
        replace_body(post, body, now)
    if changed_title:
        post.thread.title = title
    post.edited_at = now


def replace_body(post: Post, body: str, now, is_redaction: bool = False) -> None:
    """Put new text in a post, keeping the old version in its history. Caller commits."""
    db.session.add(
        PostRevision(
            post_id=post.id,
            body_source=post.body_source,
            body_html=post.body_html,
            written_at=post.edited_at or post.created_at,
            replaced_at=now,
            is_redaction=is_redaction,
        )
    )
    post.body_source = body
    post.body_html = render_post_body(body)


def delete_post(author: User, post: Post) -> None:
    """The author takes a post back; the thread keeps its place. Caller commits."""
    if not can_delete_post(author, post):
        raise NotAllowed("You can only delete your own posts.")
    set_post_status(post, PostStatus.DELETED)
    thread = post.thread
    if post.is_opening and not _has_other_posts(post):
        set_thread_status(thread, ThreadStatus.DELETED)


def set_post_status(post: Post, status: PostStatus) -> None:
    """Change a post's state and the counters that follow from it. Caller commits."""
    if post.status == status:
        return
    was_counted = post.status == PostStatus.VISIBLE
    was_pending = post.status == PostStatus.PENDING
    post.status = status
    _count_post(post, int(status == PostStatus.VISIBLE) - int(was_counted))
    _tell_followers(post, was_pending, was_counted)


def set_thread_status(thread: Thread, status: ThreadStatus) -> None:
    """Change a thread's state; the board's counters follow. Caller commits."""
    if thread.status == status:
        return
    db.session.flush()
    db.session.refresh(thread, ["post_count"])
    delta = int(status == ThreadStatus.VISIBLE) - int(thread.status == ThreadStatus.VISIBLE)
    thread.status = status
    if delta:
        _bump(thread.board, "thread_count", delta)
        _bump(thread.board, "post_count", delta * thread.post_count)


def _count_post(post: Post, delta: int) -> None:
    """Move the visible-post counters of the post's thread (and board, if the thread shows)."""
    if not delta:
        return
    thread = post.thread
    _bump(thread, "post_count", delta)
    if thread.status == ThreadStatus.VISIBLE:
        _bump(thread.board, "post_count", delta)


def _bump(obj: Board | Thread, counter: str, delta: int) -> None:
    """Stored rows move by SQL arithmetic, so concurrent writers never overwrite each other."""
    if sa.inspect(obj).persistent:
        setattr(obj, counter, getattr(type(obj), counter) + delta)
    else:
        setattr(obj, counter, (getattr(obj, counter) or 0) + delta)


def _has_other_posts(post: Post) -> bool:
    stmt = sa.select(sa.func.count()).where(Post.thread_id == post.thread_id, Post.id != post.id)
    return bool(db.session.scalar(stmt))


# --- account deletion ---------------------------------------------------------------------


def detach_posts_of(user: User) -> None:
    """Keep the member's posts and threads but forget who wrote them. Caller commits."""
    from forum.search.sync import enqueue_posts_where

    # A bulk UPDATE passes by the session's flush events: queue the posts for search here.
    enqueue_posts_where(Post.author_id == user.id)
    db.session.execute(sa.update(Post).where(Post.author_id == user.id).values(author_id=None))
    db.session.execute(sa.update(Thread).where(Thread.author_id == user.id).values(author_id=None))


ERASED_TITLE = "A thread whose author has left"


def erase_posts_of(user: User) -> None:
    """Erase the text of everything the member wrote; replies by others stay. Caller commits."""
    posts = db.session.scalars(sa.select(Post).where(Post.author_id == user.id)).all()
    for post in posts:
        set_post_status(post, PostStatus.DELETED)
        post.body_source = ""
        post.body_html = ""
        post.author_id = None
    ids = [p.id for p in posts]
    if ids:
        db.session.execute(sa.delete(PostRevision).where(PostRevision.post_id.in_(ids)))
    threads = db.session.scalars(sa.select(Thread).where(Thread.author_id == user.id)).all()
    db.session.flush()
    for thread in threads:
        thread.title = ERASED_TITLE
        thread.author_id = None
        others = db.session.scalar(
            sa.select(sa.func.count()).where(
                Post.thread_id == thread.id, Post.status != PostStatus.DELETED
            )
        )
        if not others:
            set_thread_status(thread, ThreadStatus.DELETED)
