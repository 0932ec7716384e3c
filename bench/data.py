"""Fill a fresh database with a generated forum, fast: bulk inserts, then the search index.

    .venv/bin/python -m bench.data --posts 100000 [--database-url URL] [--instance DIR]

Members, the seven default boards, threads of varied length (one of 2,000 replies), posts
of 20 to 400 words in the order they were written (threads interleaved, as on a real
forum), reactions and open reports. Counters (posts per thread, last activity, threads and
posts per board) are then set from the rows by SQL, so they cannot disagree with them.
"""

import argparse
import hashlib
import importlib
import json
import pkgutil
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import sqlalchemy as sa

import forum
from bench.fill import PASSWORD, WRITER, fill
from bench.progress import Progress
from forum import create_app
from forum.extensions import db
from forum.search import maintenance


@dataclass
class Manifest:
    """What the runner needs to know about a generated forum."""

    posts: int
    members: int
    threads: int
    big_thread_id: int
    page_thread_id: int
    reply_thread_id: int
    board_slug: str
    writer: str
    password: str
    database_url: str
    search_backend: str
    schema: str
    generated_posts_per_s: float
    indexed_posts_per_s: float


def bench_app(database_url: str, instance: Path, search_backend: str = "whoosh", **extra):
    """The app as the benchmark runs it: its own instance folder, no rate limits."""
    return create_app(
        {
            "SEARCH_BACKEND": search_backend,
            "SECRET_KEY": "bench-secret-key-not-for-production",
            "DATABASE_URL": database_url,
            "INSTANCE_PATH": str(instance),
            "RATE_LIMITS_ENABLED": False,
            "PREMODERATE_FIRST_POSTS": 0,
            "SEARCH_DRAIN_AFTER_COMMIT": False,
            **extra,
        }
    )


def _index(app, out=sys.stderr) -> float:
    """Build the search index as `flask search rebuild` does; returns posts per second."""
    progress = Progress(maintenance.total_posts(), "posts indexed", out)
    count = maintenance.rebuild(app, progress=progress.update)
    return progress.finish() if count else 0.0


def schema_fingerprint() -> str:
    """Tables, columns and indexes of the models: a forum generated under others is stale."""
    for module in pkgutil.walk_packages(forum.__path__, "forum."):
        if module.name.endswith(".models"):  # every model, as create_app() would import
            importlib.import_module(module.name)
    parts = []
    for table in sorted(db.metadata.tables.values(), key=lambda t: t.name):
        columns = ",".join(c.name for c in table.columns)
        indexes = sorted(f"{i.name}({','.join(c.name for c in i.columns)})" for i in table.indexes)
        parts.append(f"{table.name}:{columns}:{indexes}")
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


def generate(
    database_url: str,
    instance: Path,
    posts: int,
    members: int,
    threads: int,
    seed: int = 7,
    search_backend: str = "whoosh",
) -> Manifest:
    """A fresh forum in an emptied database, its search index, and the manifest beside it."""
    instance.mkdir(parents=True, exist_ok=True)
    (instance / "bench-manifest.json").unlink(missing_ok=True)
    app = bench_app(database_url, instance, search_backend)
    with app.app_context():
        db.drop_all()
        db.create_all()
        found = fill(posts, members, threads, seed)
        if db.engine.dialect.name == "postgresql":
            db.session.execute(sa.text("ANALYZE"))  # what autovacuum does soon after a load
            db.session.commit()
        indexed = _index(app)
        db.session.remove()
        db.engine.dispose()
    manifest = Manifest(
        posts=posts,
        members=members,
        threads=threads,
        writer=WRITER,
        password=PASSWORD,
        database_url=database_url,
        search_backend=search_backend,
        schema=schema_fingerprint(),
        indexed_posts_per_s=round(indexed),
        **found,
    )
    (instance / "bench-manifest.json").write_text(json.dumps(asdict(manifest), indent=2))
    return manifest


def sqlite_url(instance: Path) -> str:
    return f"sqlite:///{instance / 'hearth.db'}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--members", type=int, default=2_000)
    parser.add_argument("--threads", type=int, help="default: one per 20 posts")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--instance", type=Path, help="default: bench/data/<posts>")
    parser.add_argument("--database-url", help="default: SQLite in the instance folder")
    parser.add_argument("--search-backend", default="whoosh", choices=["whoosh", "postgres"])
    args = parser.parse_args(argv)
    instance = (args.instance or Path(__file__).parent / "data" / str(args.posts)).resolve()
    url = args.database_url or sqlite_url(instance)
    started = time.perf_counter()
    manifest = generate(
        url,
        instance,
        args.posts,
        args.members,
        args.threads or args.posts // 20,
        args.seed,
        args.search_backend,
    )
    print(
        f"{manifest.posts:,} posts in {time.perf_counter() - started:.0f} s: generated at"
        f" {manifest.generated_posts_per_s:,.0f} posts/s, indexed at"
        f" {manifest.indexed_posts_per_s:,.0f} posts/s; forum in {instance}"
    )


if __name__ == "__main__":
    main()
