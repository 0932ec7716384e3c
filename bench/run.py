"""`make bench`: generate a forum (or reuse the one generated before), serve it, load each page.

    .venv/bin/python -m bench.run                    # 100,000 posts on SQLite
    .venv/bin/python -m bench.run --posts 10000      # or 1000000
    .venv/bin/python -m bench.run --growth           # the table at 10k, 100k and 1M posts
    .venv/bin/python -m bench.run --database-url postgresql+psycopg://postgres@127.0.0.1/bench

Prints a table per size (requests/s, p50, p99, % of the /healthz ceiling, worker CPU
milliseconds per request, single-connection latency, SQL statements per page) and writes
it as JSON under bench/results/.
"""

import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlencode

import sqlalchemy as sa

from bench import load
from bench.counts import count_statements
from bench.data import Manifest, generate, schema_fingerprint, sqlite_url
from bench.report import growth_table, page_table
from bench.server import Server

HERE = Path(__file__).resolve().parent
REPLY = "Thank you for writing this down. Reading how you got through the evening helps me too."


def _instance_for(posts: int, url: str | None) -> Path:
    suffix = "" if url is None else "-" + hashlib.sha1(url.encode()).hexdigest()[:8]
    return HERE / "data" / f"{posts}{suffix}"


def _reusable(instance: Path, url: str, posts: int, backend: str) -> Manifest | None:
    path = instance / "bench-manifest.json"
    if not path.exists():
        return None
    manifest = Manifest(**json.loads(path.read_text()))
    same = (manifest.posts, manifest.database_url, manifest.search_backend) == (posts, url, backend)
    if not same or manifest.schema != schema_fingerprint():
        return None
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            stored = conn.execute(sa.text("SELECT count(*) FROM posts")).scalar()
    except sa.exc.SQLAlchemyError:
        return None
    finally:
        engine.dispose()
    return manifest if stored >= posts else None


def forum_for(posts: int, url: str | None, backend: str, fresh: bool) -> tuple[Path, Manifest]:
    instance = _instance_for(posts, url)
    database_url = url or sqlite_url(instance)
    manifest = None if fresh else _reusable(instance, database_url, posts, backend)
    if manifest is None:
        print(f"Generating a forum of {posts:,} posts in {instance} ...", file=sys.stderr)
        manifest = generate(database_url, instance, posts, 2_000, posts // 20, 7, backend)
        print(
            f"  generated {manifest.generated_posts_per_s:,.0f} posts/s,"
            f" indexed {manifest.indexed_posts_per_s:,.0f} posts/s",
            file=sys.stderr,
        )
    else:
        print(f"Reusing the forum of {posts:,} posts in {instance} (--fresh to rebuild)")
    return instance, manifest


def _last_page(url: str, thread_id: int) -> int:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            listed = conn.execute(
                sa.text("SELECT count(*) FROM posts WHERE thread_id = :t AND status != 'pending'"),
                {"t": thread_id},
            ).scalar()
    finally:
        engine.dispose()
    return max(1, math.ceil(listed / 25))


def pages_of(manifest: Manifest) -> dict[str, dict]:
    big, last = manifest.big_thread_id, _last_page(manifest.database_url, manifest.big_thread_id)
    return {
        "/healthz (ceiling)": {"path": "/healthz"},
        "board index": {"path": "/"},
        "board page": {"path": f"/b/{manifest.board_slug}"},
        "thread, 25 posts": {"path": f"/t/{manifest.page_thread_id}"},
        "2,000 replies, first page": {"path": f"/t/{big}"},
        "2,000 replies, last page": {"path": f"/t/{big}?page={last}"},
        "search, common word": {"path": "/search?q=day"},
        "search, rare word": {"path": "/search?q=licence"},
        "search, phrase": {"path": "/search?q=%22one+day+at+a+time%22"},
        "reply (signed in)": {
            "path": f"/t/{manifest.reply_thread_id}/reply",
            "signed_in": True,
            "form": {"body": REPLY},
        },
    }


def _load_page(server, cookie: str, name: str, page: dict, seconds, connections) -> dict:
    """Load one page under the server for `seconds`, with the workers' CPU time around it."""
    url, body, page_cookie = server.base + page["path"], "", ""
    if page.get("form") is not None:
        token = server.form_token(page["path"], cookie)
        body = urlencode(page["form"] | {"csrf_token": token})
        page_cookie = cookie
    alone = load.single(url, body=body, cookie=page_cookie)
    cpu = server.cpu_seconds()
    result = load.run(url, seconds, connections, body, page_cookie)
    cpu = server.cpu_seconds() - cpu
    return {
        "page": name,
        "path": page["path"],
        "requests_per_s": result.per_second,
        "p50_ms": result.p50_ms,
        "p99_ms": result.p99_ms,
        "failed": result.failed,
        "cpu_ms_per_request": cpu * 1000 / max(result.requests, 1),
        "single_connection_ms": alone,
        "worker_rss_mb_after": server.rss_mb(),
    }


def measure(instance: Path, manifest: Manifest, seconds: float, connections: int) -> dict:
    pages = pages_of(manifest)
    rows = []
    with Server(instance, manifest.database_url) as server:
        cookie = server.sign_in(manifest.writer, manifest.password)
        for name, page in pages.items():
            rows.append(_load_page(server, cookie, name, page, seconds, connections))
            print(f"  {name}: {rows[-1]['requests_per_s']:,.0f}/s", file=sys.stderr)
        rss = server.rss_mb()
        workers = server.workers
    counts = count_statements(
        instance,
        manifest.database_url,
        pages,
        manifest.writer,
        manifest.password,
        manifest.search_backend,
    )
    ceiling = rows[0]["requests_per_s"] or 1.0
    for row in rows:
        row["percent_of_ceiling"] = 100 * row["requests_per_s"] / ceiling
        row["sql_statements"], row["render_cpu_ms"] = counts.get(row["page"], (None, None))
    return {
        "posts": manifest.posts,
        "manifest": asdict(manifest),
        "workers": workers,
        "connections": connections,
        "seconds_per_page": seconds,
        "load_generator": "wrk" if load.wrk_path() else "python threads",
        "worker_rss_mb": rss,
        "cpus": os.cpu_count(),
        "pages": rows,
    }


def _save(results: list[dict]) -> Path:
    folder = HERE / "results"
    folder.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    sizes = "-".join(str(r["posts"]) for r in results)
    path = folder / f"{stamp}-{sizes}.json"
    path.write_text(json.dumps(results, indent=2))
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=100_000, help="forum size (default 100000)")
    parser.add_argument(
        "--growth",
        nargs="?",
        const="10000,100000,1000000",
        help="run at each size (default 10000,100000,1000000) and print the growth table",
    )
    parser.add_argument("--seconds", type=float, default=10, help="load per page (default 10)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--database-url", help="a scratch database (its tables are dropped)")
    parser.add_argument("--search-backend", default="whoosh", choices=["whoosh", "postgres"])
    parser.add_argument("--fresh", action="store_true", help="regenerate even if data exists")
    parser.add_argument(
        "--install-wrk", action="store_true", help="apt-get install wrk first (needs root)"
    )
    args = parser.parse_args(argv)
    if args.install_wrk and not load.wrk_path():
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, timeout=600)
    if not load.wrk_path():
        print("wrk not found: using the Python load generator (slower, spends a core).")
    sizes = [int(s) for s in args.growth.split(",")] if args.growth else [args.posts]
    results = []
    for posts in sizes:
        instance, manifest = forum_for(posts, args.database_url, args.search_backend, args.fresh)
        results.append(measure(instance, manifest, args.seconds, args.connections))
        print(page_table(results[-1]))
    if len(results) > 1:
        print(growth_table(results))
    print(f"Written to {_save(results).relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
