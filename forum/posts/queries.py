"""Looking up boards, threads and posts by what identifies them, and a member's own posts."""

import sqlalchemy as sa
from flask import current_app

from forum.accounts.models import User
from forum.extensions import db
from forum.posts.models import Board, Post, PostRevision, Thread, ThreadStatus
from forum.posts.visibility import listed_boards_filter, listed_posts_filter, readable_posts
from forum.timeutil import iso_time


def listed_boards(viewer) -> list[Board]:
    stmt = sa.select(Board).where(listed_boards_filter(viewer)).order_by(Board.position, Board.id)
    return list(db.session.scalars(stmt))


def board_by_slug(viewer, slug: str) -> Board | None:
    stmt = sa.select(Board).where(Board.slug == slug, listed_boards_filter(viewer))
    return db.session.scalar(stmt)


def thread_by_id(thread_id: int) -> Thread | None:
    return db.session.get(Thread, thread_id)


def post_by_id(post_id: int) -> Post | None:
    return db.session.get(Post, post_id)


def opening_post(thread: Thread) -> Post:
    return db.session.scalar(sa.select(Post).where(Post.thread_id == thread.id, Post.is_opening))


def page_of_post(viewer, post: Post) -> int:
    """Which page of its thread a post is on, for this viewer."""
    before = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Post)
        .where(Post.thread_id == post.thread_id, Post.id < post.id, listed_posts_filter(viewer))
    )
    return before // current_app.config["POSTS_PER_PAGE"] + 1


def profile_summary(user: User, limit: int = 10) -> tuple[int, list[Thread]]:
    """A member's public face: how many posts anyone can read, and their recent public threads."""
    public = readable_posts(None).where(Post.author_id == user.id)
    count = db.session.scalar(sa.select(sa.func.count()).select_from(public.subquery()))
    threads = db.session.scalars(
        sa.select(Thread)
        .join(Thread.board)
        .where(
            Thread.author_id == user.id,
            Thread.status == ThreadStatus.VISIBLE,
            Board.is_archived.is_(False),
        )
        .order_by(Thread.created_at.desc(), Thread.id.desc())
        .limit(limit)
    )
    return count, list(threads)


def post_history(post: Post, with_redacted: bool = False) -> list:
    """Earlier versions of a post; what the moderators redacted only for them."""
    stmt = (
        sa.select(PostRevision)
        .where(PostRevision.post_id == post.id)
        .where(sa.true() if with_redacted else PostRevision.is_redaction.is_(False))
        .order_by(PostRevision.replaced_at.desc(), PostRevision.id.desc())
    )
    return list(db.session.scalars(stmt))


def posts_for_export(user: User) -> list[dict]:
    """The member's own posts, whatever their state, with their earlier versions as the
    author reads them (what the moderators redacted, never its original), for their export."""
    stmt = (
        sa.select(Post, Thread.title, Board.slug)
        .join(Post.thread)
        .join(Thread.board)
        .where(Post.author_id == user.id)
        .order_by(Post.id)
    )
    rows = db.session.execute(stmt).all()
    versions = _earlier_versions([post.id for post, _title, _slug in rows])
    return [
        {
            "id": post.id,
            "thread_id": post.thread_id,
            "thread_title": title,
            "board": slug,
            "started_thread": post.is_opening,
            "in_reply_to": post.parent_id,
            "status": post.status.value,
            "created": iso_time(post.created_at),
            "edited": iso_time(post.edited_at),
            "body": post.body_source,
            "earlier_versions": versions.get(post.id, []),
        }
        for post, title, slug in rows
    ]


def _earlier_versions(post_ids: list[int]) -> dict[int, list[dict]]:
    found: dict[int, list[dict]] = {}
    if not post_ids:
        return found
    stmt = (
        sa.select(PostRevision)
        .where(PostRevision.post_id.in_(post_ids), PostRevision.is_redaction.is_(False))
        .order_by(PostRevision.post_id, PostRevision.replaced_at, PostRevision.id)
    )
    for revision in db.session.scalars(stmt):
        found.setdefault(revision.post_id, []).append(
            {
                "written": iso_time(revision.written_at),
                "replaced": iso_time(revision.replaced_at),
                "redacted_by_the_moderators": revision.redacted_at is not None,
                "body": revision.body_source,
            }
        )
    return found
