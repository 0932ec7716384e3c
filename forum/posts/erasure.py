"""What becomes of a member's posts when they leave: kept under no name, or erased."""

import sqlalchemy as sa

from forum.accounts.models import User
from forum.extensions import db
from forum.posts.lifecycle import set_post_status, set_thread_status
from forum.posts.models import Post, PostRevision, PostStatus, Thread, ThreadStatus
from forum.posts.signals import posts_changing_in_bulk


def detach_posts_of(user: User) -> None:
    """Keep the member's posts and threads but forget who wrote them. Caller commits."""
    # A bulk UPDATE passes by the session's flush events: tell who keeps copies (search).
    posts_changing_in_bulk.send(None, where=Post.author_id == user.id)
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
