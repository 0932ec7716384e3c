"""The benchmark's generated forum is consistent: counters match rows, HTML matches source."""

import random

import sqlalchemy as sa

from bench import mix, pathological
from bench.fill import fill
from bench.text_pool import TextPool
from forum.extensions import db
from forum.posts.models import Board, Post, PostStatus, Thread, ThreadStatus
from forum.text import render_post_body
from forum.writing.tokens import usable


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


def test_zipf_weights_fall_as_one_over_the_rank():
    """The item of rank r weighs 1/r of the first, and the weights sum to 1."""
    weights = mix.zipf_weights(50)
    assert abs(sum(weights) - 1) < 1e-9
    for rank, weight in enumerate(weights, start=1):
        assert abs(weight * rank - weights[0]) < 1e-12


def test_the_mix_has_its_shares_of_members_and_replies_on_real_addresses():
    """30% signed in, 2% replies POSTed by members to threads that take them; every read
    is an address of the forum it was drawn from, later pages included."""
    forum = mix.Forum(
        threads=[(n, 1 + n % 4) for n in range(1, 201)],
        writable=list(range(1, 201, 2)),
        boards=[("stories", 3), ("milestones", 1)],
        members=["gentle.path", "oak and moth"],
    )
    lines = mix.build(forum, members=5, count=20_000, seed=3)
    found = mix.shares(lines)
    assert abs(found["signed_in"] - mix.SIGNED_IN) < 0.015
    assert abs(found["writes"] - mix.WRITES) < 0.004
    for kind, share in mix.KINDS.items():
        assert abs(found[kind] - share * (1 - mix.WRITES)) < 0.015
    pages = {n: p for n, p in forum.threads}
    addresses = {"/", "/u/gentle.path", "/u/oak%20and%20moth"}
    addresses |= {f"/t/{n}" + (f"?page={k}" if k > 1 else "") for n in pages for k in range(1, 5)}
    addresses |= {"/b/stories", "/b/stories?page=2", "/b/stories?page=3", "/b/milestones"}
    for line in lines:
        assert 0 <= line.member < 5 or (line.member == -1 and line.method == "GET")
        if line.method == "POST":
            assert line.path.removeprefix("/t/").removesuffix("/reply").isdigit()
            assert int(line.path.split("/")[2]) in forum.writable
        elif line.kind != "search":
            assert line.path in addresses
            if line.kind == "thread" and "page=" in line.path:
                assert int(line.path.rsplit("=", 1)[1]) <= pages[int(line.path[3:].split("?")[0])]
    later = {line.path for line in lines if "page=" in line.path}
    assert any(p.startswith("/t/") for p in later) and any(p.startswith("/b/") for p in later)
    assert len({line.path for line in lines if line.kind == "search"}) > 10


def test_a_write_line_carries_its_members_session_and_csrf_token_but_no_write_token():
    """The generator adds a fresh write token to each sending, so the line ends asking for it."""
    lines = [
        mix.Line("thread", "GET", "/t/3"),
        mix.Line("board", "GET", "/b/stories", member=1),
        mix.Line("reply", "POST", "/t/3/reply", member=0, body={"body": "Well done."}),
    ]
    rows = mix.request_lines(lines, ["session=a", "session=b"], ["tok-a", "tok-b"]).splitlines()
    assert rows[0] == "GET\t/t/3\t\t"
    assert rows[1] == "GET\t/b/stories\tsession=b\t"
    assert rows[2] == "POST\t/t/3/reply\tsession=a\tbody=Well+done.&csrf_token=tok-a&write_token="
    token = mix.write_token()
    assert len(token) == mix.TOKEN_CHARS and usable(token) == token
