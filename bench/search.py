"""Search benchmark (not a test): index N generated posts, then time queries on each backend.

    .venv/bin/python bench/search.py --posts 100000
    .venv/bin/python bench/search.py --posts 20000 --postgres postgresql+psycopg://postgres@127.0.0.1/bench

    .venv/bin/python bench/search.py --posts 1000000 --only postgres --postgres URL [--reuse]

It writes the posts straight into a scratch database (SQLite in a temporary folder, or the
PostgreSQL database given, whose tables it drops), times `rebuild` (posts/s), then runs a few
hundred queries of each shape and prints the median and 95th percentile latency, and last a
row of the README's table. Past 200,000 posts the generator assembles bodies from a pool of
rendered paragraphs (rendering each post's Markdown would take most of the time).
"""

import argparse
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from werkzeug.datastructures import MultiDict
from whoosh.analysis import STOP_WORDS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from demo import content  # noqa: E402
from forum import create_app  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.permissions import Anonymous  # noqa: E402
from forum.posts.models import Board, Post, Thread  # noqa: E402
from forum.search import maintenance, queries  # noqa: E402
from forum.search.parse import parse  # noqa: E402
from forum.text import render_post_body  # noqa: E402
from forum.timeutil import utcnow  # noqa: E402

# How many different queries of each shape the bench draws from, at most.
TERMS_PER_SHAPE = 300
_WORD = re.compile(r"[a-z]{4,}")


def rotating_terms(sample: list[str], slugs: list[str], rng: random.Random) -> dict[str, list]:
    """A few hundred different queries of each shape, read from a sample of the posts, so
    that no plan, page or cache stays warm by luck: common words (in over 5% of the sample),
    rare words (in under 0.5%, and at least one post), two- and three-word phrases as they
    were written, and words under a board, kind or date filter."""
    seen: Counter[str] = Counter()
    for body in sample:
        seen.update(set(_WORD.findall(body.lower())))
    total = max(len(sample), 1)
    # Words both engines leave out ("were", "about") would time an empty search.
    common = [w for w, n in seen.most_common() if n / total > 0.05 and w not in STOP_WORDS]
    rare = [w for w, n in seen.items() if n / total < 0.005 and w not in STOP_WORDS]
    phrases: set[str] = set()
    for body in rng.sample(sample, min(len(sample), 4 * TERMS_PER_SHAPE)):
        words = body.split()
        if len(words) > 3:
            at = rng.randrange(len(words) - 3)
            picked = " ".join(words[at : at + rng.choice((2, 3))])
            if re.fullmatch(r"[A-Za-z' ]+", picked):
                phrases.add(f'"{picked.lower()}"')
    filters = [f"board:{slug}" for slug in slugs] + ["kind:milestone", "kind:story"]
    filters += [f"after:{2024 + n // 12}-{n % 12 + 1:02d}-01" for n in range(24)]
    words = common + rare
    filtered = {f"{rng.choice(words)} {rng.choice(filters)}" for _ in range(TERMS_PER_SHAPE)}
    shapes = {
        "common word": common,
        "rare word": rare,
        "phrase": sorted(phrases),
        "filtered": sorted(filtered),
    }
    for shape, terms in shapes.items():
        rng.shuffle(terms)
        shapes[shape] = terms[:TERMS_PER_SHAPE]
    return shapes


# Above this many posts, bodies are assembled from rendered paragraphs (see the docstring).
POOLED_FROM = 200_000


class Bodies:
    """Post bodies (Markdown and its HTML): rendered one by one, or assembled from a pool."""

    def __init__(self, rng: random.Random, pooled: bool):
        self.rng, self.pool = rng, []
        if pooled:
            for n in range(4000):
                for para in content.body(rng, 20, 200, None).split("\n\n"):
                    self.pool.append((para, render_post_body(para)))
                if n % 200 == 0:
                    print(f"\r  rendered {len(self.pool)} paragraphs", end="", file=sys.stderr)

    def __call__(self, slug: str) -> tuple[str, str]:
        if not self.pool:
            body = content.body(self.rng, 10, 200, slug)
            return body, render_post_body(body)
        paras = [self.rng.choice(self.pool) for _ in range(self.rng.randint(1, 5))]
        return "\n\n".join(p[0] for p in paras), "\n".join(p[1] for p in paras)


def _thread_row(rng, thread_id: int, board_id: int, slug: str, at) -> dict:
    return {
        "id": thread_id,
        "board_id": board_id,
        "title": content.title(rng, slug),
        "kind": "milestone" if slug == "milestones" else "story",
        "created_at": at,
        "last_activity_at": at,
    }


def fill(posts: int, seed: int = 7) -> None:
    """Generated threads of 1 to 8 posts over the demo boards, written with bulk inserts."""
    rng = random.Random(seed)
    bodies = Bodies(rng, pooled=posts > POOLED_FROM)
    now = utcnow()
    slugs = list(content.BOARD_SLUGS)
    db.session.execute(
        sa.insert(Board),
        [{"slug": s, "name": s.title(), "position": i} for i, s in enumerate(slugs)],
    )
    board_ids = dict(db.session.execute(sa.select(Board.slug, Board.id)).all())
    written = 0
    thread_id = post_id = 0
    started = time.perf_counter()
    while written < posts:
        threads, rows = [], []
        for _ in range(200):
            slug = rng.choice(slugs)
            thread_id += 1
            at = now - timedelta(days=rng.uniform(0, 700))
            threads.append(_thread_row(rng, thread_id, board_ids[slug], slug, at))
            for n in range(rng.randint(1, 8)):
                post_id += 1
                source, html = bodies(slug)
                rows.append(
                    {
                        "id": post_id,
                        "thread_id": thread_id,
                        "body_source": source,
                        "body_html": html,
                        "is_opening": n == 0,
                        "created_at": at + timedelta(hours=n),
                    }
                )
        db.session.execute(sa.insert(Thread), threads)
        db.session.execute(sa.insert(Post), rows)
        db.session.commit()
        written += len(rows)
        rate = written / (time.perf_counter() - started)
        print(f"\r  generated {written} posts ({rate:.0f} posts/s)", end="", file=sys.stderr)
    print(file=sys.stderr)


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (rebuild's processes)."""
    mine = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime


def _stored_posts(url: str) -> int:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT count(*) FROM posts")).scalar()
    except sa.exc.SQLAlchemyError:
        return 0
    finally:
        engine.dispose()


def run(backend: str, url: str, posts: int, repeats: int, reuse: bool = False) -> str:
    folder = Path(tempfile.mkdtemp(prefix="hearth-bench-"))
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "bench",
            "DATABASE_URL": url,
            "INSTANCE_PATH": str(folder),
            "SEARCH_BACKEND": backend,
            "SEARCH_INDEX_DIR": str(folder / "index"),
            "SEARCH_DRAIN_AFTER_COMMIT": False,
        }
    )
    # PostgreSQL keeps its index in the database: --reuse times the forum a run left there.
    reused = reuse and backend == "postgres" and _stored_posts(url) >= posts
    with app.app_context():
        if reused:
            print(f"{backend}: reusing the {posts:,} posts and their index already stored")
            row = [backend, f"{posts:,}", "(reused)"]
        else:
            row = [backend, f"{posts:,}", _fill_and_index(app, backend, posts)]
        rng = random.Random(11)
        sample = list(
            db.session.scalars(
                sa.select(Post.body_source).where(Post.id % max(posts // 3000, 1) == 0).limit(3000)
            )
        )
        shapes = rotating_terms(sample, list(content.BOARD_SLUGS), rng)
        for shape, texts in shapes.items():
            times, cpus = [], []
            print(f"  {shape}: {len(texts)} different queries, e.g. {', '.join(texts[:3])}")
            for n in range(repeats):
                query = parse(MultiDict({"q": texts[n % len(texts)]}))
                started, cpu = time.perf_counter(), time.process_time()
                queries.search(Anonymous(), query, suggest=False)
                times.append((time.perf_counter() - started) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
            p95 = statistics.quantiles(times, n=20)[-1]
            print(
                f"  {shape:<12} median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms"
                f"   (CPU here: median {statistics.median(cpus):5.1f} ms)"
            )
            row.append(f"{statistics.median(times):.0f} / {p95:.0f} ms")
        db.session.remove()
        if not reuse:
            db.drop_all()
    return "| " + " | ".join(row) + " |"


def _fill_and_index(app, backend: str, posts: int) -> str:
    db.drop_all()
    db.create_all()
    fill(posts)
    if backend == "postgres":
        # What autovacuum does some time after a bulk load; rebuild analyses post_search.
        db.session.execute(sa.text("ANALYZE"))
        db.session.commit()
    # Wall time, and this process's CPU time: on a shared machine the second holds still
    # (for PostgreSQL most of the work is the server's, which it does not count).
    started, cpu = time.perf_counter(), _cpu()
    count = maintenance.rebuild(app)
    elapsed, cpu = time.perf_counter() - started, _cpu() - cpu
    print(
        f"{backend}: indexed {count} posts in {elapsed:.1f} s, {count / elapsed:.0f} posts/s"
        f" ({count / cpu:.0f} posts per CPU second of this process and its children)"
    )
    return f"{count / elapsed:,.0f} posts/s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=200, help="queries of each shape")
    parser.add_argument("--postgres", help="a scratch PostgreSQL URL (its tables are dropped)")
    parser.add_argument("--only", choices=["whoosh", "postgres"], help="one backend only")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="PostgreSQL: keep the forum generated, and time one kept with as many posts",
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="hearth-bench-db-"))
    rows = []
    if args.only != "postgres":
        rows.append(run("whoosh", f"sqlite:///{folder / 'bench.db'}", args.posts, args.repeats))
    if args.postgres and args.only != "whoosh":
        rows.append(run("postgres", args.postgres, args.posts, args.repeats, args.reuse))
    print("\n| backend | posts | rebuild | common word | rare word | phrase | filtered |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
