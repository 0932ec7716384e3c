"""The index follows the database: flushes write the outbox, commits let a drainer index it.

Changes are caught in the session's flush events, so that rows flushed early in a
transaction are not missed, and the outbox rows go into the same transaction as the change:
a crash cannot lose them, a rollback takes them away. After the commit, whoever takes the
index lock without waiting drains the outbox; a failure is logged and the rows stay.
"""

import logging
import time

import sqlalchemy as sa
from flask import Flask, current_app, has_app_context
from sqlalchemy.orm import Session

from forum.extensions import db, listen_once
from forum.posts.models import Board, Post, Thread
from forum.search.engine import engine_for
from forum.search.engine.base import IndexMissing, load_docs
from forum.search.models import SearchOutbox
from forum.timeutil import utcnow

log = logging.getLogger(__name__)

_PENDING = "search_outbox_written"
POST_FIELDS = ("body_source", "body_html", "status", "author_id", "author", "thread_id")
POST_FIELDS += ("thread", "created_at", "is_opening", "language")
THREAD_FIELDS = ("title", "status", "board_id", "board", "kind")
BOARD_FIELDS = ("is_archived",)


def _changed(obj, names: tuple[str, ...]) -> bool:
    attrs = sa.inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in names)


def _insert_from(session: Session, select: sa.Select) -> None:
    """INSERT INTO search_outbox (post_id, created_at) SELECT ..., on the session's connection."""
    stmt = sa.insert(SearchOutbox).from_select(["post_id", "created_at"], select)
    session.connection().execute(stmt)
    session.info[_PENDING] = True


def _before_flush(session: Session, _context, _instances) -> None:
    # A deleted thread takes its posts with it (ON DELETE CASCADE): note them while they exist.
    threads = [obj.id for obj in session.deleted if isinstance(obj, Thread)]
    if threads:
        ids = session.scalars(sa.select(Post.id).where(Post.thread_id.in_(threads))).all()
        session.info.setdefault("search_deleted_posts", set()).update(ids)


def _after_flush(session: Session, _context) -> None:
    posts: set[int] = set(session.info.pop("search_deleted_posts", ()))
    threads: set[int] = set()
    boards: set[int] = set()
    for obj in session.new:
        if isinstance(obj, Post):
            posts.add(obj.id)
    for obj in session.dirty:
        if isinstance(obj, Post) and _changed(obj, POST_FIELDS):
            posts.add(obj.id)
        elif isinstance(obj, Thread) and _changed(obj, THREAD_FIELDS):
            threads.add(obj.id)
        elif isinstance(obj, Board) and _changed(obj, BOARD_FIELDS):
            boards.add(obj.id)
    for obj in session.deleted:
        if isinstance(obj, Post):
            posts.add(obj.id)
    if posts:
        rows = [{"post_id": pid, "created_at": utcnow()} for pid in sorted(posts)]
        session.connection().execute(sa.insert(SearchOutbox), rows)
        session.info[_PENDING] = True
    now = sa.literal(utcnow(), sa.DateTime)
    if threads:
        _insert_from(session, sa.select(Post.id, now).where(Post.thread_id.in_(threads)))
    if boards:
        stmt = sa.select(Post.id, now).join(Post.thread).where(Thread.board_id.in_(boards))
        _insert_from(session, stmt)


def enqueue_posts_where(*conditions) -> None:
    """Queue the posts matching these conditions, for changes made by bulk UPDATE statements
    (which flush events never see). Call it in the same transaction. Caller commits."""
    now = sa.literal(utcnow(), sa.DateTime)
    _insert_from(db.session, sa.select(Post.id, now).where(*conditions))


def on_posts_changing_in_bulk(_sender, where) -> None:
    """The content core is about to change many posts with one statement: queue them."""
    enqueue_posts_where(where)


def on_post_redacted(post: Post) -> None:
    """The moderators took words out of a post or its history: queue it with a purge, so
    that the index lets go of the old words too. Caller commits."""
    db.session.add(SearchOutbox(post_id=post.id, created_at=utcnow(), purge=True))
    db.session.info[_PENDING] = True


def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop("search_deleted_posts", None)


def _after_commit(session: Session) -> None:
    # SQLAlchemy sends after_commit for a savepoint's release too; the outer transaction
    # still holds the write lock then, so a drain would wait on its own request (on SQLite,
    # the whole busy timeout). Only the real commit drains.
    if session.in_nested_transaction():
        return
    # No SQL may run on this session here; the drain uses connections of its own.
    if session.info.pop(_PENDING, False) and has_app_context():
        app = current_app._get_current_object()
        if app.config.get("SEARCH_DRAIN_AFTER_COMMIT", True):
            drain_quietly(app, within=app.config["SEARCH_DRAIN_SECONDS"])


def drain_quietly(app: Flask, within: float | None = None) -> int:
    """drain(), but a failure is only logged: the changes stay in the outbox for next time."""
    try:
        return drain(app, within=within)
    except IndexMissing as missing:
        log.error("%s", missing)
        return 0
    except Exception:
        log.exception("Updating the search index failed; the changes stay queued for a retry.")
        return 0


# What a request drains after its commit: small batches, for a fraction of a second.
REQUEST_BATCH = 50


def drain(app: Flask, batch: int = 500, within: float | None = None) -> int:
    """Index what the outbox holds, if no one else is at it; returns how many rows it took.

    `within` bounds the time spent (seconds; None: until the outbox is empty), so that a
    request that commits while others keep writing answers at once: it drains whole
    batches until the time is up and leaves the rest to the next committer or the search
    worker. The lock is never held past the batch that ran out the time.
    """
    engine = engine_for(app)
    deadline = None if within is None else time.monotonic() + within
    if deadline is not None:
        batch = min(batch, REQUEST_BATCH)
    done = 0
    while True:
        with engine.locked() as mine:
            if not mine:
                return done  # the holder drains what we queued: see the re-check below
            while taken := _drain_batch(engine, batch):
                done += taken
                if deadline is not None and time.monotonic() >= deadline:
                    return done
        # A row committed while we held the lock may belong to a worker that gave up on the
        # lock: look once more after releasing it.
        if (deadline is not None and time.monotonic() >= deadline) or not pending():
            return done


def _drain_batch(engine, batch: int) -> int:
    with Session(db.engine) as session:
        rows = session.execute(
            sa.select(SearchOutbox.id, SearchOutbox.post_id, SearchOutbox.purge)
            .order_by(SearchOutbox.id)
            .limit(batch)
        ).all()
        if not rows:
            return 0
        wanted = {row.post_id for row in rows}
        docs = load_docs(session, wanted)
        if any(row.purge for row in rows):
            engine.write(list(docs.values()), forget=wanted - docs.keys(), purge=True)
        else:
            engine.write(list(docs.values()), forget=wanted - docs.keys())
        # Only after the index committed: a crash in between indexes these posts twice, harmlessly.
        session.execute(sa.delete(SearchOutbox).where(SearchOutbox.id.in_([r[0] for r in rows])))
        session.commit()
        return len(rows)


def pending() -> bool:
    with Session(db.engine) as session:
        return session.scalar(sa.select(SearchOutbox.id).limit(1)) is not None


_LISTENERS = (
    ("before_flush", _before_flush),
    ("after_flush", _after_flush),
    ("after_rollback", _after_rollback),
    ("after_commit", _after_commit),
)


def listen() -> None:
    """Write the outbox from every session's flushes (called once by create_app)."""
    listen_once(Session, _LISTENERS)
