"""Every list of boards, threads and posts, read through one visibility rule per viewer."""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy.orm import aliased, defer, joinedload, lazyload, selectinload

from forum.accounts.models import User
from forum.boards.models import Board, Post, PostStatus, Thread, ThreadStatus
from forum.extensions import db
from forum.permissions import can_moderate, is_member

# A thread's posts as their author and the moderators see them while not public.
_AUTHOR_SEES = (PostStatus.PENDING, PostStatus.HIDDEN, PostStatus.REMOVED)


def listed_boards_filter(viewer):
    return sa.true() if can_moderate(viewer) else Board.is_archived.is_(False)


def listed_threads_filter(viewer):
    """Threads the viewer can open; mirrors permissions.can_view_thread."""
    if can_moderate(viewer):
        return sa.true()
    public = Thread.status == ThreadStatus.VISIBLE
    if is_member(viewer):
        own = sa.and_(Thread.author_id == viewer.id, Thread.status != ThreadStatus.DELETED)
        return sa.or_(public, own)
    return public


def listed_posts_filter(viewer):
    """Posts that take a place in a thread page: readable, or shown as hidden or deleted."""
    if can_moderate(viewer):
        return sa.true()
    shown = Post.status != PostStatus.PENDING
    if is_member(viewer):
        return sa.or_(shown, Post.author_id == viewer.id)
    return shown


def readable_posts_filter(viewer):
    """Posts whose text the viewer may read; mirrors permissions.can_view_post.

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


def listed_boards(viewer) -> list[Board]:
    stmt = sa.select(Board).where(listed_boards_filter(viewer)).order_by(Board.position, Board.id)
    return list(db.session.scalars(stmt))


def board_by_slug(viewer, slug: str) -> Board | None:
    stmt = sa.select(Board).where(Board.slug == slug, listed_boards_filter(viewer))
    return db.session.scalar(stmt)


def latest_threads_by_board(viewer, board_ids: list[int]) -> dict[int, Thread]:
    """The most recently active thread the viewer can see in each board, in one query.

    One LIMIT 1 look-up per board, each answered from ix_threads_board_activity, however
    many threads the boards hold (ranking every thread cost the index page its speed).
    """
    if not board_ids:
        return {}
    latest = [
        sa.select(Thread.id)
        .where(Thread.board_id == board_id, listed_threads_filter(viewer))
        .order_by(Thread.last_activity_at.desc(), Thread.id.desc())
        .limit(1)
        .scalar_subquery()
        for board_id in board_ids
    ]
    stmt = sa.select(Thread).where(Thread.id.in_(latest))
    return {thread.board_id: thread for thread in db.session.scalars(stmt)}


def board_threads(viewer, board: Board, page: int):
    """A page of a board's threads: pinned first, then newest activity first."""
    stmt = (
        sa.select(Thread)
        .where(Thread.board_id == board.id, listed_threads_filter(viewer))
        .order_by(Thread.is_pinned.desc(), Thread.last_activity_at.desc(), Thread.id.desc())
    )
    return db.paginate(
        stmt, page=page, per_page=current_app.config["THREADS_PER_PAGE"], error_out=False
    )


def featured_threads(viewer, limit: int = 8) -> list[Thread]:
    """The "Start here" threads the moderators chose, for newcomers."""
    stmt = (
        sa.select(Thread)
        .join(Thread.board)
        .where(
            Thread.is_featured.is_(True),
            listed_threads_filter(viewer),
            listed_boards_filter(viewer),
        )
        .order_by(Thread.created_at.desc(), Thread.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def unanswered_first_threads(limit: int = 50) -> list[Thread]:
    """Newcomers' first threads that nobody has answered yet, oldest first (for greeters)."""
    earlier = sa.orm.aliased(Thread)
    first_of_author = ~sa.exists().where(
        earlier.author_id == Thread.author_id, earlier.id < Thread.id
    )
    stmt = (
        sa.select(Thread)
        .join(Thread.board)
        .where(
            Thread.status == ThreadStatus.VISIBLE,
            Board.is_archived.is_(False),
            Thread.post_count <= 1,
            Thread.author_id.is_not(None),
            first_of_author,
        )
        .order_by(Thread.created_at, Thread.id)
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def thread_by_id(thread_id: int) -> Thread | None:
    return db.session.get(Thread, thread_id)


def post_by_id(post_id: int) -> Post | None:
    return db.session.get(Post, post_id)


@dataclass
class ReplyLink:
    post_id: int
    pseudonym: str | None


class _ThreadPage(SelectPagination):
    """A page of posts read in two steps: the page's ids from the index alone (an OFFSET deep
    into a long thread walks index entries, not rows), then only those rows."""

    def _query_items(self) -> list:
        session = self._query_args["session"]
        ids = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        ids = list(session.scalars(ids))
        if not ids:
            return []
        return list(session.scalars(self._query_args["rows"].where(Post.id.in_(ids))))


def thread_posts(viewer, thread: Thread, page: int):
    """A page of a thread's posts in the order they were written, with "in reply to" loaded.

    The thread is already in the session: posts find it there instead of joining it again.
    """
    ids = (
        sa.select(Post.id)
        .where(Post.thread_id == thread.id, listed_posts_filter(viewer))
        .order_by(Post.id)
    )
    rows = (
        sa.select(Post)
        .options(
            defer(Post.body_source),  # the page shows the stored HTML only
            lazyload(Post.thread),
            selectinload(Post.parent).options(lazyload(Post.thread), joinedload(Post.author)),
        )
        .order_by(Post.id)
    )
    per_page = current_app.config["POSTS_PER_PAGE"]
    return _ThreadPage(
        select=ids, rows=rows, session=db.session, page=page, per_page=per_page, error_out=False
    )


def replies_to(viewer, posts: list[Post]) -> dict[int, list[ReplyLink]]:
    """For each post shown, the listed posts that answer it, in one query."""
    if not posts:
        return {}
    author = aliased(User)
    stmt = (
        sa.select(Post.parent_id, Post.id, author.pseudonym)
        .outerjoin(author, author.id == Post.author_id)
        .where(Post.parent_id.in_([p.id for p in posts]), listed_posts_filter(viewer))
        .order_by(Post.id)
    )
    found: dict[int, list[ReplyLink]] = {}
    for parent_id, post_id, pseudonym in db.session.execute(stmt):
        found.setdefault(parent_id, []).append(ReplyLink(post_id, pseudonym))
    return found


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
    from forum.boards.models import PostRevision

    stmt = (
        sa.select(PostRevision)
        .where(PostRevision.post_id == post.id)
        .where(sa.true() if with_redacted else PostRevision.is_redaction.is_(False))
        .order_by(PostRevision.replaced_at.desc(), PostRevision.id.desc())
    )
    return list(db.session.scalars(stmt))


def posts_for_export(user: User) -> list[dict]:
    """The member's own posts, whatever their state, for their data export."""
    stmt = (
        sa.select(Post, Thread.title, Board.slug)
        .join(Post.thread)
        .join(Thread.board)
        .where(Post.author_id == user.id)
        .order_by(Post.id)
    )
    return [
        {
            "id": post.id,
            "thread_id": post.thread_id,
            "thread_title": title,
            "board": slug,
            "started_thread": post.is_opening,
            "in_reply_to": post.parent_id,
            "status": post.status.value,
            "created": post.created_at.isoformat(timespec="seconds") + "Z",
            "edited": post.edited_at.isoformat(timespec="seconds") + "Z"
            if post.edited_at
            else None,
            "body": post.body_source,
        }
        for post, title, slug in db.session.execute(stmt)
    ]
