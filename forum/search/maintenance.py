"""Rebuild the index from the database, and check (and repair) how far it drifted."""

import os
import time
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import Session

from forum.extensions import db
from forum.posts.models import Post
from forum.search.engine import engine_for
from forum.search.engine.base import all_docs
from forum.search.models import SearchOutbox


def wait_for_lock(engine, seconds: float = 60.0):
    """The drainers hold the lock for a batch at a time: wait for a turn, up to a minute."""
    deadline = time.monotonic() + seconds
    while True:
        holder = engine.locked()
        if holder.__enter__():
            return holder
        holder.__exit__(None, None, None)
        if time.monotonic() > deadline:
            raise TimeoutError("the search index stayed locked for a minute")
        time.sleep(0.1)


# Below this many posts a rebuild takes a few seconds: one process does it.
PARALLEL_FROM = 20_000


def _reader(bind: sa.Engine, after: int, upto: int | None, batch: int):
    made_in = os.getpid()

    def read():
        if os.getpid() != made_in:
            # A forked process must not share the parent's database connections.
            bind.dispose(close=False)
        with Session(bind) as session:
            yield from all_docs(session, batch, after, upto)

    return read


def _sources(session: Session, parts: int, batch: int) -> list:
    """The posts in `parts` ranges of ids of about the same size, oldest first."""
    total = session.scalar(sa.select(sa.func.count()).select_from(Post)) or 0
    bounds = [0]
    for part in range(1, parts):
        at = session.scalar(
            sa.select(Post.id).order_by(Post.id).offset(total * part // parts).limit(1)
        )
        if at is not None and at > bounds[-1]:
            bounds.append(at)
    uptos = [*bounds[1:], None]
    return [
        _reader(db.engine, after, upto, batch) for after, upto in zip(bounds, uptos, strict=True)
    ]


def processes_for(posts: int) -> int:
    """How many processes rebuild this many posts: one a core, for big indexes only."""
    if posts < PARALLEL_FROM:
        return 1
    return max(1, min(len(os.sched_getaffinity(0)), 4))


def rebuild(app: Flask, progress=None, batch: int = 1000, processes: int | None = None) -> int:
    """Recreate the whole index from the database; returns how many posts it holds.

    The Whoosh engine indexes each range of posts in a process of its own (`processes`,
    by default one a core for a big forum)."""
    engine = engine_for(app)
    holder = wait_for_lock(engine)
    try:
        with Session(db.engine) as session:
            # Changes queued so far are covered by the rows read below; later ones stay.
            covered = session.scalar(sa.select(sa.func.max(SearchOutbox.id))) or 0
            parts = processes or processes_for(total_posts())
            count = engine.replace_all(_sources(session, parts, batch), progress)
            session.execute(sa.delete(SearchOutbox).where(SearchOutbox.id <= covered))
            session.commit()
        return count
    finally:
        holder.__exit__(None, None, None)


def total_posts() -> int:
    with Session(db.engine) as session:
        return session.scalar(sa.select(sa.func.count()).select_from(Post)) or 0


@dataclass
class Drift:
    missing: list[int] = field(default_factory=list)  # in the database, not in the index
    stale: list[int] = field(default_factory=list)  # indexed, but changed since
    extra: list[int] = field(default_factory=list)  # indexed, but gone from the database

    @property
    def count(self) -> int:
        return len(self.missing) + len(self.stale) + len(self.extra)


def check(app: Flask, repair: bool = False) -> Drift:
    """Compare every post with its index entry; with repair, index the difference."""
    engine = engine_for(app)
    indexed = engine.signatures()
    drift = Drift()
    to_write = []
    with Session(db.engine) as session:
        for docs in all_docs(session):
            for doc in docs:
                sig = indexed.pop(doc.id, None)
                if sig is None:
                    drift.missing.append(doc.id)
                elif sig != doc.signature:
                    drift.stale.append(doc.id)
                else:
                    continue
                if repair:
                    to_write.append(doc)
    drift.extra = sorted(indexed)
    if repair and drift.count:
        holder = wait_for_lock(engine)
        try:
            for start in range(0, max(len(to_write), 1), 1000):
                extra = drift.extra if start == 0 else []
                engine.write(to_write[start : start + 1000], forget=extra)
        finally:
            holder.__exit__(None, None, None)
    return drift
