"""What a forum's database must hold true after a fault: whole threads, honest counters."""

import sqlalchemy as sa

from forum.extensions import db
from forum.posts.models import Board, Post, PostStatus, Thread, ThreadStatus


def inconsistencies() -> list[str]:
    """Every way the boards' data contradicts itself; empty when all is well."""
    problems = []
    without_opening = db.session.scalars(
        sa.select(Thread.id).where(
            ~sa.exists().where(Post.thread_id == Thread.id, Post.is_opening.is_(True))
        )
    ).all()
    if without_opening:
        problems.append(f"threads without an opening post: {without_opening}")
    orphans = db.session.scalars(
        sa.select(Post.id).where(~sa.exists().where(Thread.id == Post.thread_id))
    ).all()
    if orphans:
        problems.append(f"posts without a thread: {orphans}")
    visible = (
        sa.select(sa.func.count())
        .where(Post.thread_id == Thread.id, Post.status == PostStatus.VISIBLE)
        .scalar_subquery()
    )
    wrong = db.session.execute(
        sa.select(Thread.id, Thread.post_count, visible).where(Thread.post_count != visible)
    ).all()
    if wrong:
        problems.append(f"threads whose count is off (id, stored, real): {wrong}")
    board_posts = (
        sa.select(sa.func.count())
        .select_from(Post)
        .join(Post.thread)
        .where(
            Thread.board_id == Board.id,
            Thread.status == ThreadStatus.VISIBLE,
            Post.status == PostStatus.VISIBLE,
        )
        .scalar_subquery()
    )
    wrong = db.session.execute(
        sa.select(Board.id, Board.post_count, board_posts).where(Board.post_count != board_posts)
    ).all()
    if wrong:
        problems.append(f"boards whose count is off (id, stored, real): {wrong}")
    return problems
