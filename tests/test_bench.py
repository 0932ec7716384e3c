"""The benchmark's generated forum is consistent: counters match rows, HTML matches source."""

import random

import sqlalchemy as sa

from bench import pathological
from bench.fill import fill
from bench.text_pool import TextPool
from forum.extensions import db
from forum.posts.models import Board, Post, PostStatus, Thread, ThreadStatus
from forum.text import render_post_body


def test_assembled_posts_render_to_the_html_stored_beside_them():
    """A post put together from pre-rendered paragraphs reads exactly as if rendered whole."""
    pool = TextPool(seed=3, posts_per_board=40)
    rng = random.Random(5)
    for slug in pool.blocks:
        for _ in range(10):
            source, html = pool.body(rng, slug)
            assert 20 <= len(source.split()) <= 400
            assert render_post_body(source) == html


def test_a_generated_forum_keeps_its_counters_true(app):
    """Every thread's and board's counters equal what its rows say."""
    found = fill(posts=2_200, members=40, threads=12, seed=11)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Post)) == 2_200
    visible = sa.and_(Post.thread_id == Thread.id, Post.status == PostStatus.VISIBLE)
    for thread in db.session.scalars(sa.select(Thread)):
        counted = db.session.scalar(
            sa.select(sa.func.count()).where(visible, Thread.id == thread.id)
        )
        last = db.session.scalar(
            sa.select(sa.func.max(Post.created_at)).where(visible, Thread.id == thread.id)
        )
        assert (thread.post_count, thread.last_activity_at) == (counted, last)
    for board in db.session.scalars(sa.select(Board)):
        shown = [
            t
            for t in db.session.scalars(sa.select(Thread).where(Thread.board_id == board.id))
            if t.status == ThreadStatus.VISIBLE
        ]
        assert board.thread_count == len(shown)
        assert board.post_count == sum(t.post_count for t in shown)
    big = db.session.get(Thread, found["big_thread_id"])
    assert db.session.scalar(sa.select(sa.func.count()).where(Post.thread_id == big.id)) == 2_001


def test_the_pathological_bench_prints_each_shape_with_its_cost(capsys):
    """`python -m bench.pathological prose` prints a row of CPU figures for the shapes asked for."""
    pathological.main(["prose", "table of 3,000"])
    lines = capsys.readouterr().out.splitlines()
    assert "check" in lines[1] and "render" in lines[1] and "index" in lines[1]
    rows = {line.split("  ")[0].strip(): line.split() for line in lines[2:]}
    assert set(rows) == {"prose", "table of 3,000 columns"}
    for cells in rows.values():
        figures = [float(cell) for cell in cells if cell.replace(".", "", 1).isdigit()]
        assert len(figures) == 6 and all(f >= 0 for f in figures)  # chars, 4 steps, total
