"""Storing what a person wrote: a new thread, a reply, a new version of a post.

These are the mechanics only. The rule around them (pre-moderation, identity hints,
content notes, the care check) is forum.writing's, and only it calls create_thread,
create_reply and revise_post (tests/test_layers.py holds every other module to that).
"""

from datetime import datetime

from forum.accounts.models import User
from forum.errors import NotAllowed
from forum.extensions import db
from forum.i18n import lazy_gettext as _l
from forum.posts.lifecycle import bump, count_post
from forum.posts.models import (
    Board,
    Post,
    PostRevision,
    PostStatus,
    Thread,
    ThreadKind,
    ThreadStatus,
)
from forum.posts.permissions import can_edit_post, can_post, can_reply
from forum.posts.signals import post_created, post_redacted, post_rewritten
from forum.text import render_post_body
from forum.timeutil import utcnow


def create_thread(
    author: User,
    board: Board,
    title: str,
    body: str,
    held: bool = False,
    kind: ThreadKind = ThreadKind.STORY,
    badge: str | None = None,
    language: str = "en",
) -> Post:
    """Open a thread with its first post (a milestone carries its badge); a `held` one waits,
    unseen and uncounted, for a moderator. Only forum.writing calls this. Caller commits."""
    if not can_post(author, board):
        raise NotAllowed(_l("You can't start a thread on this board."))
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
        language=language,
    )
    db.session.add_all([thread, post])
    if not held:
        bump(board, "thread_count", 1)
        count_post(post, 1)
    db.session.flush()
    post_created.send(post)
    return post


def create_reply(
    author: User,
    thread: Thread,
    body: str,
    parent: Post | None = None,
    held: bool = False,
    language: str = "en",
) -> Post:
    """Add a reply, optionally answering one post of the same thread; a `held` one waits for a
    moderator. Only forum.writing calls this. Caller commits."""
    if not can_reply(author, thread):
        raise NotAllowed(_l("You can't reply to this thread."))
    if parent is not None and parent.thread_id != thread.id:
        parent = None
    now = utcnow()
    post = Post(
        thread=thread,
        author=author,
        parent=parent,
        body_source=body,
        body_html=render_post_body(body),
        status=PostStatus.PENDING if held else PostStatus.VISIBLE,
        created_at=now,
        language=language,
    )
    db.session.add(post)
    if not held:
        thread.last_activity_at = now
        count_post(post, 1)
    db.session.flush()
    post_created.send(post)
    return post


def revise_post(editor: User, post: Post, body: str, title: str | None = None) -> None:
    """Save a new version, keeping the old one in the history. Only forum.writing calls
    this. Caller commits."""
    if not can_edit_post(editor, post):
        raise NotAllowed(_l("You can only edit your own posts."))
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


def replace_body(
    post: Post, body: str, now: datetime, is_redaction: bool = False, keep_old: bool = True
) -> None:
    """Put new text in a post, keeping the old version in its history (a redaction's original
    for the moderators only), or nowhere when not `keep_old`. Caller commits."""
    if keep_old:
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
    post_rewritten.send(post)
    if is_redaction:
        post_redacted.send(post)


def redact_revision(revision: PostRevision, body: str, now: datetime, keep_old: bool) -> None:
    """Put the moderators' redacted text in an earlier version of a post. With `keep_old`,
    the original stays beside it for the moderators only (what is already theirs alone, or
    was redacted before, is not copied again); without, it is kept nowhere. Caller commits."""
    if keep_old and not revision.is_redaction and revision.redacted_at is None:
        db.session.add(
            PostRevision(
                post_id=revision.post_id,
                body_source=revision.body_source,
                body_html=revision.body_html,
                written_at=revision.written_at,
                replaced_at=revision.replaced_at,
                is_redaction=True,
            )
        )
    revision.body_source = body
    revision.body_html = render_post_body(body)
    revision.redacted_at = now
    post_redacted.send(db.session.get(Post, revision.post_id))
