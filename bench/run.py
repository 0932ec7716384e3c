"""`make bench`: generate a forum (or reuse the one generated before), serve it, load each page.

    .venv/bin/python -m bench.run                    # 100,000 posts on SQLite
    .venv/bin/python -m bench.run --posts 10000      # or 1000000
    .venv/bin/python -m bench.run --growth           # the table at 10k, 100k and 1M posts
    .venv/bin/python -m bench.run --database-url postgresql+psycopg://postgres@127.0.0.1/bench
    .venv/bin/python -m bench.run --mix-seconds 0    # without the realistic mix (60 s)

Prints a table per size (requests/s, p50, p99, % of the /healthz ceiling, worker CPU
milliseconds per request, single-connection latency, SQL statements per page), then the
realistic mix (bench/mix.py) on its own line, and writes it as JSON under bench/results/.
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

from bench import load, mix
from bench.counts import count_statements, reads_that_write
from bench.data import Manifest, generate, schema_fingerprint, sqlite_url
from bench.report import growth_table, mix_lines, page_table
from bench.server import Server

HERE = Path(__file__).resolve().parent
MIX_MEMBERS, MIX_LINES = 8, 40_000
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
        # The same pages for a signed-in member: rendered for them, never from the page cache.
        "board index (member)": {"path": "/", "signed_in": True},
        "board page (member)": {"path": f"/b/{manifest.board_slug}", "signed_in": True},
        "thread, 25 posts (member)": {"path": f"/t/{manifest.page_thread_id}", "signed_in": True},
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
    url, body = server.base + page["path"], ""
    page_cookie = cookie if page.get("signed_in") else ""
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


def _post_count(url: str) -> int:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT count(*) FROM posts")).scalar()
    finally:
        engine.dispose()


def _mix_lines(server, instance: Path, manifest: Manifest) -> tuple[list, list[str], Path]:
    """The mix drawn from the forum, its members signed in (a session and a reply form's
    CSRF token each), and the request lines written for the load generator."""
    forum = mix.read_forum(manifest.database_url)
    members = forum.members[:MIX_MEMBERS]
    cookies = [server.sign_in(name, manifest.password) for name in members]
    form = f"/t/{forum.writable[0]}/reply"
    csrf = [server.form_token(form, cookie) for cookie in cookies]
    lines = mix.build(forum, len(members), MIX_LINES)
    path = instance / "mix-requests.tsv"
    path.write_text(mix.request_lines(lines, cookies, csrf))
    return lines, members, path


def _load_mix(server, instance: Path, manifest: Manifest, seconds, connections) -> dict:
    """The realistic mix for `seconds`: worker CPU, latency, failures (a write's redirect is
    its normal answer, not one), replies stored, and each worker's memory after it."""
    lines, members, path = _mix_lines(server, instance, manifest)
    posts = _post_count(manifest.database_url)
    cpu = server.cpu_seconds()
    result = load.mix(server.base, path, seconds, connections)
    cpu = server.cpu_seconds() - cpu
    share = mix.shares(lines)
    return {
        "page": "realistic mix",
        "path": f"{len(lines):,} requests drawn from the forum ({path.name})",
        "requests_per_s": result.per_second,
        "p50_ms": result.p50_ms,
        "p99_ms": result.p99_ms,
        "failed": result.failed,
        "cpu_ms_per_request": cpu * 1000 / max(result.requests, 1),
        "single_connection_ms": None,
        "worker_rss_mb_after": server.rss_mb(),
        "worker_rss_mb_each": server.rss_each_mb(),
        "seconds": seconds,
        "requests": result.requests,
        "members_signed_in": members,
        "shares": share,
        "distinct_addresses": len({line.path for line in lines}),
        "writes_sent_about": round(result.requests * share["writes"]),
        "replies_stored": _post_count(manifest.database_url) - posts,
        "lines": lines,
    }


def measure(
    instance: Path, manifest: Manifest, seconds: float, connections: int, mix_seconds: float = 0
) -> dict:
    pages = pages_of(manifest)
    rows = []
    with Server(instance, manifest.database_url) as server:
        cookie = server.sign_in(manifest.writer, manifest.password)
        for name, page in pages.items():
            rows.append(_load_page(server, cookie, name, page, seconds, connections))
            print(f"  {name}: {rows[-1]['requests_per_s']:,.0f}/s", file=sys.stderr)
        if mix_seconds > 0:
            rows.append(_load_mix(server, instance, manifest, mix_seconds, connections))
            print(f"  realistic mix: {rows[-1]['requests_per_s']:,.0f}/s", file=sys.stderr)
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
        row["sql_statements"], row["render_cpu_ms"], row["render_cold_cpu_ms"] = counts.get(
            row["page"], (None, None, None)
        )
    if mix_seconds > 0:
        lines = rows[-1].pop("lines")
        rows[-1]["reads_that_write"] = reads_that_write(
            instance,
            manifest.database_url,
            lines,
            rows[-1]["members_signed_in"],
            manifest.password,
            manifest.search_backend,
        )
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
    parser.add_argument(
        "--mix-seconds",
        type=float,
        default=60,
        help="the realistic mix after the pages (default 60; 0 skips it)",
    )
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
        results.append(
            measure(instance, manifest, args.seconds, args.connections, args.mix_seconds)
        )
        print(page_table(results[-1]))
        print(mix_lines(results[-1]))
    if len(results) > 1:
        print(growth_table(results))
    print(f"Written to {_save(results).relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
