"""Copy a live SQLite database and its Whoosh index into a folder, and bring them back.

The database is copied with SQLite's online backup API, which reads a consistent snapshot
while members keep writing. The index is copied while holding the search drain lock, so
that no batch is written to it meanwhile: every change it lacks is then still a row of the
outbox in the database copy, and draining that outbox after a restore brings the two
together. PostgreSQL has its own tools (pg_dump, pg_restore): these functions refuse it.
"""

import json
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from flask import Flask

from forum.errors import ForumError
from forum.extensions import db
from forum.search import maintenance, sync
from forum.search.engine import engine_for

DB_FILE = "hearth.db"
INDEX_DIR = "search-index"
MANIFEST = "manifest.json"
# Lock files are per running process: a copy of one would only confuse the next writer.
_LOCKS = {"drain.lock", "create.lock", "WRITELOCK", "MAIN_WRITELOCK"}
PG_DUMP_ADVICE = (
    "This forum runs on PostgreSQL: back it up with pg_dump "
    "(pg_dump -Fc -f hearth.dump DBNAME), restore with pg_restore "
    "(pg_restore --clean --if-exists -d DBNAME hearth.dump), then run "
    "`flask --app wsgi search rebuild`."
)


class BackupError(ForumError):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclass
class BackupReport:
    folder: Path
    posts: int
    index_files: int


def sqlite_path(app: Flask) -> Path:
    """The database file of this app, or BackupError if it is not a SQLite file."""
    url = sa.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() == "postgresql":
        raise BackupError(PG_DUMP_ADVICE)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        raise BackupError(f"Only a SQLite database file can be backed up here, not {url!r}.")
    return Path(url.database)


def _copy_database(source: Path, target: Path, single_file: bool = True) -> None:
    """SQLite's online backup: a consistent copy even while other processes write."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
        if single_file:
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    finally:
        dst.close()
        src.close()


def integrity(path: Path) -> str:
    """What PRAGMA integrity_check says about a database file ("ok" when sound)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return "; ".join(row[0] for row in conn.execute("PRAGMA integrity_check"))
    finally:
        conn.close()


def _count_posts(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM posts").fetchone()[0]
    finally:
        conn.close()


def _copy_index(source: Path, target: Path) -> int:
    target.mkdir(parents=True)
    copied = 0
    if source.is_dir():
        for item in source.iterdir():
            if item.is_file() and item.name not in _LOCKS:
                shutil.copy2(item, target / item.name)
                copied += 1
    return copied


def backup(app: Flask, folder: Path) -> BackupReport:
    """Write the database and the search index into `folder`, which must not exist yet or be
    empty. Members may keep writing meanwhile."""
    database = sqlite_path(app)
    if not database.exists():
        raise BackupError(f"There is no database at {database} to back up.")
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: choose a new folder for the backup.")
    folder.mkdir(parents=True, exist_ok=True)
    engine = engine_for(app)
    holder = maintenance.wait_for_lock(engine)
    try:
        _copy_database(database, folder / DB_FILE)
        files = _copy_index(Path(app.config["SEARCH_INDEX_DIR"]), folder / INDEX_DIR)
    finally:
        holder.__exit__(None, None, None)
    # Writers that found the lock taken left their changes queued: index them now.
    sync.drain_quietly(app)
    report = BackupReport(folder, _count_posts(folder / DB_FILE), files)
    manifest = {"created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    manifest |= {"posts": report.posts, "index_files": files, "database": DB_FILE}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return report


def restore(app: Flask, folder: Path, replace: bool = False) -> int:
    """Bring back a backup written by backup(): the database, then the index, then index
    what the outbox held. Refuses to replace an existing database unless `replace`.
    Returns how many queued changes were indexed after the restore."""
    database = sqlite_path(app)
    source = folder / DB_FILE
    if not (folder / MANIFEST).exists() or not source.exists():
        raise BackupError(f"{folder} does not hold a Hearth backup (no {MANIFEST}).")
    checked = integrity(source)
    if checked != "ok":
        raise BackupError(f"The backup's database is damaged ({checked}); nothing was changed.")
    if database.exists() and not replace:
        raise BackupError(
            f"A database already exists at {database}. Restoring replaces it and the search "
            "index: stop the forum's server, then run the command again with --yes."
        )
    database.parent.mkdir(parents=True, exist_ok=True)
    db.engine.dispose()  # this process's pooled connections would hold the old file open
    _copy_database(source, database, single_file=False)
    _swap_index(folder / INDEX_DIR, Path(app.config["SEARCH_INDEX_DIR"]))
    app.extensions.pop("search_engine", None)  # forget a searcher of the replaced index
    return sync.drain(app)


def _swap_index(source: Path, target: Path) -> None:
    """Put the backup's index in place of the current one, in one rename."""
    fresh = target.with_name(target.name + ".restoring")
    old = target.with_name(target.name + ".replaced")
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    _copy_index(source, fresh)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
