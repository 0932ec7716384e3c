"""The board index, a board's threads and a thread's posts, through the visibility rule."""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy.orm import aliased, defer, joinedload, lazyload, selectinload

from forum.accounts.models import User
from forum.extensions import db
from forum.posts.models import Board, Post, PostStatus, Thread, ThreadStatus
from forum.posts.visibility import listed_boards_filter, listed_posts_filter, listed_threads_filter


def latest_threads_by_board(viewer, board_ids: list[int]) -> dict[int, Thread]:
    """The most recently active thread the viewer can see in each board, in one query.

    One LIMIT 1 look-up per board, each answered from ix_threads_board_activity, however
    many threads the boards hold (ranking every thread cost the index page its speed).
    """
    if not board_ids:
        return {}
    # Correlated to each board rather than written out once per board: the statement is
    # the same whatever the boards, so it is built and compiled once, not once a page.
    latest = (
        sa.select(Thread.id)
        .where(Thread.board_id == Board.id, listed_threads_filter(viewer))
        .order_by(Thread.last_activity_at.desc(), Thread.id.desc())
        .limit(1)
        .correlate(Board)
        .scalar_subquery()
    )
    each = sa.select(latest).select_from(Board).where(Board.id.in_(board_ids))
    stmt = sa.select(Thread).where(Thread.id.in_(each))
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


def stories_of_getting_through(limit: int = 3) -> list[Thread]:
    """Stories their authors tagged "how I got through a crisis", newest first, as every
    reader sees them (visible, on an open board), whoever is looking."""
    stmt = (
        sa.select(Thread)
        .join(Thread.board)
        .where(
            Thread.got_through.is_(True),
            Thread.status == ThreadStatus.VISIBLE,
            Board.is_archived.is_(False),
            # The story itself, its opening post, as readers see it: hidden is not shown.
            sa.exists().where(
                Post.thread_id == Thread.id,
                Post.is_opening.is_(True),
                Post.status == PostStatus.VISIBLE,
            ),
        )
        .order_by(Thread.created_at.desc(), Thread.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


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
            selectinload(Post.parent).options(
                defer(Post.body_source),  # its author's name is all it shows
                defer(Post.body_html),
                lazyload(Post.thread),
                joinedload(Post.author),
            ),
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
