"""What becomes of a member's posts when they leave: kept under no name, or erased."""

import sqlalchemy as sa

from forum.accounts.models import User
from forum.extensions import db
from forum.posts.lifecycle import set_post_status, set_thread_status
from forum.posts.mentions import without_mentions_of
from forum.posts.models import Post, PostRevision, PostStatus, Thread, ThreadStatus
from forum.posts.signals import posts_changing_in_bulk
from forum.text import render_post_body


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
                Post.thread_id == thread.id,
                Post.status.not_in((PostStatus.DELETED, PostStatus.WITHDRAWN, PostStatus.REJECTED)),
            )
        )
        if not others:
            set_thread_status(thread, ThreadStatus.DELETED)


def forget_mentions_of(user: User) -> None:
    """Other members' posts, their earlier versions and thread titles that @mention the
    member read "a former member" instead: a name that left is not kept anywhere public.
    Caller commits (the search index and page cache follow the changed posts)."""
    pattern = (
        "%@" + user.pseudonym.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    )

    def naming(column):
        return column.ilike(pattern, escape="\\")

    for version in (
        db.session.scalars(sa.select(Post).where(naming(Post.body_source))).all()
        + db.session.scalars(sa.select(PostRevision).where(naming(PostRevision.body_source))).all()
    ):
        source = without_mentions_of(version.body_source, user.pseudonym_key)
        if source != version.body_source:
            version.body_source = source
            version.body_html = render_post_body(source)
    for thread in db.session.scalars(sa.select(Thread).where(naming(Thread.title))):
        thread.title = without_mentions_of(thread.title, user.pseudonym_key)
