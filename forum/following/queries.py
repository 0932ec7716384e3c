"""Reading what a member follows and saved, through the boards' visibility rule."""

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager

from forum.extensions import db
from forum.following.models import Bookmark, FollowState, ThreadState
from forum.following.services import record_visit
from forum.permissions import is_member
from forum.posts.models import Post, PostStatus, Thread
from forum.posts.visibility import readable_posts, readable_posts_filter

BOOKMARKS_PER_PAGE = 30


def bookmarked_among(viewer, post_ids: list[int]) -> set[int]:
    """Which of these posts the member saved, in one query."""
    if not is_member(viewer) or not post_ids:
        return set()
    stmt = sa.select(Bookmark.post_id).where(
        Bookmark.user_id == viewer.id, Bookmark.post_id.in_(post_ids)
    )
    return set(db.session.scalars(stmt))


def bookmarks(viewer, page: int):
    """A page of the posts the member saved and can still read, the latest saved first."""
    stmt = (
        readable_posts(viewer)
        .join(Bookmark, Bookmark.post_id == Post.id)
        .where(Bookmark.user_id == viewer.id)
        .options(contains_eager(Post.thread).contains_eager(Thread.board))
        .order_by(Bookmark.created_at.desc(), Post.id.desc())
    )
    return db.paginate(stmt, page=page, per_page=BOOKMARKS_PER_PAGE, error_out=False)


def unreadable_bookmark_ids(viewer) -> list[int]:
    """The saved posts the member can no longer read (hidden, removed, deleted)."""
    readable = readable_posts(viewer).with_only_columns(Post.id)
    stmt = sa.select(Bookmark.post_id).where(
        Bookmark.user_id == viewer.id, Bookmark.post_id.not_in(readable.scalar_subquery())
    )
    return list(db.session.scalars(stmt))


def new_counts(viewer, threads: list[Thread]) -> dict[int, int]:
    """For the followed threads in a list, how many readable posts came since the member's
    last visit (their own aside), in one query."""
    if not is_member(viewer) or not threads:
        return {}
    stmt = (
        sa.select(Post.thread_id, sa.func.count())
        .join(Post.thread)
        .join(Thread.board)
        .join(
            ThreadState,
            sa.and_(
                ThreadState.thread_id == Post.thread_id,
                ThreadState.user_id == viewer.id,
            ),
        )
        .where(
            Post.thread_id.in_([t.id for t in threads]),
            ThreadState.follow == FollowState.FOLLOWING,
            Post.id > ThreadState.last_seen_post_id,
            Post.author_id.is_distinct_from(viewer.id),
            readable_posts_filter(viewer),
        )
        .group_by(Post.thread_id)
    )
    return dict(db.session.execute(stmt).all())


def first_new_post_id(viewer, thread: Thread) -> int | None:
    """The first post the member can read that came after the last one they had on screen."""
    last_seen = sa.select(ThreadState.last_seen_post_id).where(
        ThreadState.user_id == viewer.id, ThreadState.thread_id == thread.id
    )
    stmt = (
        readable_posts(viewer)
        .with_only_columns(Post.id)
        .where(
            Post.thread_id == thread.id,
            Post.id > sa.func.coalesce(last_seen.scalar_subquery(), 0),
            Post.author_id.is_distinct_from(viewer.id),
        )
        .order_by(Post.id)
        .limit(1)
    )
    return db.session.scalar(stmt)


@dataclass
class Reading:
    """What the thread page shows a signed-in member: follow state, new posts, saved posts."""

    follow: FollowState | None
    new: list[int] = field(default_factory=list)
    bookmarked: set[int] = field(default_factory=set)


def thread_reading(viewer, thread: Thread, posts: list[Post]) -> Reading | None:
    """Record a member's visit and gather the page's marks: two or three statements, however
    many posts are shown, and none for a signed-out reader. Reading a thread writes only
    when it moves how far the member read (record_visit). The caller commits after
    rendering."""
    if not is_member(viewer):
        return None
    shown = [post.id for post in posts]
    visit = record_visit(viewer, thread, max(shown, default=None))
    before = visit.seen_before
    new = [
        post.id
        for post in posts
        if before is not None
        and post.id > before
        and post.status == PostStatus.VISIBLE
        and post.author_id != viewer.id
    ]
    return Reading(visit.follow, new, bookmarked_among(viewer, shown))


def bookmarks_for_export(user) -> list[int]:
    """The posts a member saved, oldest first, for their data export."""
    return list(
        db.session.scalars(
            sa.select(Bookmark.post_id)
            .where(Bookmark.user_id == user.id)
            .order_by(Bookmark.created_at)
        )
    )


def follows_for_export(user) -> list[dict]:
    """The threads a member chose to follow or mute, for their data export."""
    states = db.session.execute(
        sa.select(ThreadState.thread_id, ThreadState.follow)
        .where(ThreadState.user_id == user.id, ThreadState.follow.is_not(None))
        .order_by(ThreadState.thread_id)
    )
    return [{"thread_id": thread_id, "choice": follow.value} for thread_id, follow in states]


def threads_read_counts(member_ids) -> dict[int, int]:
    """How many threads each of these members has opened and read in (for earned trust)."""
    ids = list(member_ids)
    if not ids:
        return {}
    rows = db.session.execute(
        sa.select(ThreadState.user_id, sa.func.count())
        .where(ThreadState.user_id.in_(ids), ThreadState.last_seen_post_id.is_not(None))
        .group_by(ThreadState.user_id)
    )
    return dict(rows.all())
