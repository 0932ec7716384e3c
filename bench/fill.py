"""The generated forum's rows: members, threads, posts, reactions and reports, in bulk.

Posts are written in the order they were written on the forum (threads interleaved, ids
rising with time), then the counters are set from the rows by SQL, as the services keep
them: visible posts only, and a thread's last activity is its last visible post.
"""

import itertools
import random
import sys
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from werkzeug.security import generate_password_hash

from bench.progress import Progress
from bench.text_pool import TextPool
from demo import content
from forum.accounts.models import User
from forum.accounts.names import pseudonym_key, pseudonym_skeleton
from forum.boards import management
from forum.extensions import db
from forum.moderation.models import ItemKind, Reason, Report, ReviewItem
from forum.permissions import Role
from forum.posts.models import Board, Post, PostStatus, Thread, ThreadKind, ThreadStatus
from forum.reactions.models import Reaction
from forum.timeutil import utcnow

WRITER, PASSWORD = "bench-writer", "bench-password-for-load"
BIG_REPLIES, PAGE_POSTS = 2000, 30
_STATUS = [(0.003, PostStatus.HIDDEN), (0.004, PostStatus.REMOVED), (0.005, PostStatus.DELETED)]


def _thread_sizes(rng: random.Random, posts: int, threads: int) -> list[int]:
    """Posts per thread: thread 0 has 2,001, thread 1 has 30, the rest share what is left."""
    rest = posts - (BIG_REPLIES + 1) - PAGE_POSTS - (threads - 2)
    if threads < 3 or rest < 0:
        raise SystemExit(f"{posts} posts are too few for {threads} threads and a 2,000-reply one")
    weights = [rng.expovariate(1.0) ** 2 for _ in range(threads - 2)]
    total = sum(weights)
    sizes = [1 + int(w / total * rest) for w in weights]
    for n in range(posts - (BIG_REPLIES + 1) - PAGE_POSTS - sum(sizes)):
        sizes[n % len(sizes)] += 1
    return [BIG_REPLIES + 1, PAGE_POSTS, *sizes]


def _members(rng: random.Random, count: int, now) -> list[int]:
    method = current_app.config["PASSWORD_HASH_METHOD"]
    shared = generate_password_hash(PASSWORD, method=method)  # one hash: scrypt is slow
    names = [WRITER, *content.pseudonyms(rng, count, taken=[WRITER])]
    rows = [
        {
            "id": n + 1,
            "pseudonym": name,
            "pseudonym_key": pseudonym_key(name),
            "pseudonym_skeleton": pseudonym_skeleton(name),
            "password_hash": shared,
            "role": Role.MEMBER,
            "session_token": f"bench{n}",
            "created_at": now - timedelta(days=800),
        }
        for n, name in enumerate(names)
    ]
    db.session.execute(sa.insert(User), rows)
    return [row["id"] for row in rows]


def _plan_posts(rng, sizes, now):
    """(time, thread index) of every post, oldest first: the order ids are given in."""
    starts, timeline = [], []
    for index, size in enumerate(sizes):
        start = now - timedelta(days=rng.uniform(2, 700))
        span = timedelta(days=300) if index == 0 else timedelta(days=rng.expovariate(1 / 5))
        span = min(span, now - start - timedelta(hours=1))
        starts.append(start)
        seconds = span.total_seconds()
        offsets = sorted(rng.uniform(0, seconds) for _ in range(size - 1))
        timeline.append((start, index))
        timeline.extend((start + timedelta(seconds=s), index) for s in offsets)
    timeline.sort()
    return starts, timeline


def _insert_threads(rng, sizes, starts, boards, authors, cum):
    """Threads get ids in the order they were started: (ids, board slugs, rows) by index."""
    order = sorted(range(len(sizes)), key=lambda i: starts[i])
    slugs = [("stories" if i < 2 else rng.choice(content.BOARD_SLUGS)) for i in range(len(sizes))]
    rows = []
    for thread_id, index in enumerate(order, start=1):
        slug = slugs[index]
        hidden = index > 2 and rng.random() < 0.002
        milestone = slug == "milestones"
        rows.append(
            {
                "id": thread_id,
                "board_id": boards[slug],
                "author_id": rng.choices(authors, cum_weights=cum)[0],
                "title": content.title(rng, slug),
                "kind": ThreadKind.MILESTONE if milestone else ThreadKind.STORY,
                "badge": f"{rng.choice((30, 60, 90, 180))} days" if milestone else None,
                "status": ThreadStatus.HIDDEN if hidden else ThreadStatus.VISIBLE,
                "created_at": starts[index],
                "last_activity_at": starts[index],
                "post_count": 0,
            }
        )
    for start in range(0, len(rows), 5000):
        db.session.execute(sa.insert(Thread), rows[start : start + 5000])
    ids = [0] * len(sizes)
    for thread_id, index in enumerate(order, start=1):
        ids[index] = thread_id
    return ids, [slugs[i] for i in range(len(sizes))], rows


def _status(rng) -> PostStatus:
    draw = rng.random()
    for limit, status in _STATUS:
        if draw < limit:
            return status
    return PostStatus.VISIBLE


def _sprinkle(rng, post: dict, slug: str, authors: list[int], extras: dict) -> None:
    """Reactions on a fifth of the visible posts, an open report on one in a thousand."""
    if post["status"] != PostStatus.VISIBLE:
        return
    at, post_id = post["created_at"], post["id"]
    if rng.random() < 0.2:
        kinds = ["hear_you", "strength"] + (["congrats"] if slug == "milestones" else [])
        for user in rng.sample(authors, rng.randint(1, 4)):
            row = {"post_id": post_id, "user_id": user, "kind": rng.choice(kinds)}
            extras[Reaction].append(row | {"created_at": at})
    if rng.random() < 0.001:
        item_id = len(extras[ReviewItem]) + post_id * 10  # unique: one item per post at most
        reporters = rng.sample(authors, rng.randint(1, 2))
        extras[ReviewItem].append(
            {
                "id": item_id,
                "post_id": post_id,
                "kind": ItemKind.REPORTED,
                "reporter_count": len(reporters),
                "created_at": at,
            }
        )
        for user in reporters:
            extras[Report].append(
                {
                    "item_id": item_id,
                    "post_id": post_id,
                    "reporter_id": user,
                    "subject_id": post["author_id"],
                    "reason": rng.choice([Reason.SPAM, Reason.OTHER, Reason.DRUGS]),
                    "created_at": at,
                }
            )


def _set_counters() -> None:
    """Thread and board counters from the rows, as services keep them: visible posts only."""
    visible = sa.and_(Post.thread_id == Thread.id, Post.status == PostStatus.VISIBLE)
    db.session.execute(
        sa.update(Thread).values(
            post_count=sa.select(sa.func.count()).where(visible).scalar_subquery(),
            last_activity_at=sa.select(sa.func.max(Post.created_at))
            .where(visible)
            .scalar_subquery(),
        )
    )
    shown = sa.and_(Thread.board_id == Board.id, Thread.status == ThreadStatus.VISIBLE)
    db.session.execute(
        sa.update(Board).values(
            thread_count=sa.select(sa.func.count()).where(shown).scalar_subquery(),
            post_count=sa.select(sa.func.coalesce(sa.func.sum(Thread.post_count), 0))
            .where(shown)
            .scalar_subquery(),
        )
    )


def _move_sequences() -> None:
    """On PostgreSQL, rows written with their ids leave the sequences behind: move them on."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in ("users", "threads", "posts", "review_items"):
        db.session.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" (SELECT coalesce(max(id), 1) FROM {table}))"
            )
        )


class _Plan:
    """Who writes each post of the timeline, in reply to what, and what it gathers."""

    def __init__(self, rng, pool, thread_ids, slugs, opener, authors, cum):
        self.rng, self.pool, self.thread_ids, self.slugs = rng, pool, thread_ids, slugs
        self.opener, self.authors, self.cum = opener, authors, cum
        self.recent: dict[int, list[int]] = {}

    def batch(self, events, first_id: int) -> tuple[list[dict], dict[type, list[dict]]]:
        rows: list[dict] = []
        extras: dict[type, list[dict]] = {Reaction: [], ReviewItem: [], Report: []}
        for offset, (at, index) in enumerate(events):
            row = self._post(first_id + offset + 1, at, index)
            rows.append(row)
            if row["status"] == PostStatus.VISIBLE:
                _sprinkle(self.rng, row, self.slugs[index], self.authors, extras)
        return rows, extras

    def _post(self, post_id: int, at, index: int) -> dict:
        rng, thread_id = self.rng, self.thread_ids[index]
        earlier = self.recent.setdefault(thread_id, [])
        first = not earlier
        author = (
            self.opener[thread_id] if first else rng.choices(self.authors, cum_weights=self.cum)[0]
        )
        status = PostStatus.VISIBLE if first else _status(rng)
        source, html = self.pool.body(rng, self.slugs[index])
        parent = rng.choice(earlier) if earlier and rng.random() < 0.15 else None
        earlier.append(post_id)
        del earlier[:-10]
        return {
            "id": post_id,
            "thread_id": thread_id,
            "author_id": author,
            "parent_id": parent,
            "body_source": source,
            "body_html": html,
            "status": status,
            "is_opening": first,
            "created_at": at,
        }


def fill(posts: int, members: int, threads: int, seed: int = 7, out=sys.stderr) -> dict:
    """Write the whole forum into the app's (empty) database; returns ids the runner needs."""
    rng = random.Random(seed)
    now = utcnow()
    pool = TextPool(seed)
    pool.check(random.Random(seed + 1))
    management.ensure_default_boards()
    db.session.flush()
    boards = dict(db.session.execute(sa.select(Board.slug, Board.id)).all())
    authors = _members(rng, members, now)
    weights = [rng.paretovariate(1.2) for _ in authors]
    cum = list(itertools.accumulate(weights))
    sizes = _thread_sizes(rng, posts, threads)
    starts, timeline = _plan_posts(rng, sizes, now)
    thread_ids, slugs, thread_rows = _insert_threads(rng, sizes, starts, boards, authors, cum)
    db.session.commit()
    opener = {thread_ids[i]: thread_rows[thread_ids[i] - 1]["author_id"] for i in range(len(sizes))}
    progress = Progress(posts, "posts", out)
    plan = _Plan(rng, pool, thread_ids, slugs, opener, authors, cum)
    for batch_start in range(0, len(timeline), 2000):
        post_rows, extras = plan.batch(timeline[batch_start : batch_start + 2000], batch_start)
        db.session.execute(sa.insert(Post), post_rows)
        for model, rows in extras.items():
            if rows:
                db.session.execute(sa.insert(model), rows)
        db.session.commit()
        progress.update(len(post_rows))
    rate = progress.finish()
    _set_counters()
    _move_sequences()
    db.session.commit()
    return {
        "big_thread_id": thread_ids[0],
        "page_thread_id": thread_ids[1],
        "reply_thread_id": thread_ids[2],
        "board_slug": "stories",
        "generated_posts_per_s": round(rate),
    }
