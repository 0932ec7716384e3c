"""`flask backup` and `flask restore`: a live SQLite forum copied while members write."""

import sqlite3
import threading
import time

import pytest
import sqlalchemy as sa

from forum import create_app
from forum.accounts.models import User
from forum.extensions import db
from forum.posts.models import Post, Thread
from forum.search import maintenance
from forum.writing.checks import Draft
from forum.writing.services import write_reply
from tests.conftest import POSTGRES_URL, settings_for
from tests.factories import make_thread, make_user


def sqlite_app(folder):
    """A forum on a SQLite file of its own, whichever database the suite runs on."""
    folder.mkdir(parents=True, exist_ok=True)
    app = create_app(settings_for(folder, DATABASE_URL=f"sqlite:///{folder / 'hearth.db'}"))
    with app.app_context():
        db.create_all()
        db.engine.dispose()
    return app


def _write_replies(app, thread_id: int, author_id: int, committed: list, stop: threading.Event):
    """Reply again and again, noting each reply's id once its commit returned."""
    with app.app_context():
        for n in range(400):  # bounded: a few seconds of writing at most
            if stop.is_set():
                break
            thread = db.session.get(Thread, thread_id)
            author = db.session.get(User, author_id)
            post = write_reply(author, thread, Draft(f"Still here, day {n}, backupword{n}.")).post
            db.session.commit()
            committed.append(post.id)
        db.session.remove()


def test_a_backup_taken_while_members_write_restores_every_earlier_post(tmp_path):
    """Every reply committed before the backup began is in the restored forum, sound and
    searchable, with an index that matches its database."""
    app = sqlite_app(tmp_path / "live")
    with app.app_context():
        thread = make_thread(title="Keeping going")
        author = make_user()
        thread_id, author_id = thread.id, author.id
    committed: list[int] = []
    stop = threading.Event()
    writer = threading.Thread(
        target=_write_replies, args=(app, thread_id, author_id, committed, stop)
    )
    writer.start()
    try:
        deadline = time.monotonic() + 20
        while len(committed) < 20 and time.monotonic() < deadline:
            time.sleep(0.02)
        before = list(committed)
        result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "copy")])
        during = len(committed) - len(before)
    finally:
        stop.set()
        writer.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert "Backed up" in result.output
    assert len(before) >= 20
    assert sqlite3.connect(tmp_path / "copy" / "hearth.db").execute(
        "PRAGMA integrity_check"
    ).fetchone() == ("ok",)

    restored = sqlite_app(tmp_path / "restored")
    (tmp_path / "restored" / "hearth.db").unlink()  # restore into a place with no database
    result = restored.test_cli_runner().invoke(args=["restore", str(tmp_path / "copy")])
    assert result.exit_code == 0, result.output
    assert "The index matches the database." in result.output
    with restored.app_context():
        ids = set(db.session.scalars(sa.select(Post.id).where(Post.thread_id == thread_id)))
        assert set(before) <= ids
        assert maintenance.check(restored).count == 0
        found = restored.test_client().get("/search?q=backupword0").get_data(as_text=True)
        assert "1 post found" in found
        db.session.remove()
        db.engine.dispose()
    print(f"backup: {len(before)} replies before, {during} written during the backup")


def test_restore_refuses_to_replace_a_database_without_yes(tmp_path):
    """Restoring over an existing forum stops with a message saying how to confirm."""
    app = sqlite_app(tmp_path / "live")
    with app.app_context():
        make_thread(title="Kept safe")
    runner = app.test_cli_runner()
    assert runner.invoke(args=["backup", str(tmp_path / "copy")]).exit_code == 0
    refused = runner.invoke(args=["restore", str(tmp_path / "copy")])
    assert refused.exit_code != 0
    assert "--yes" in refused.output and "already exists" in refused.output
    done = runner.invoke(args=["restore", "--yes", str(tmp_path / "copy")])
    assert done.exit_code == 0, done.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Thread)) == 1
        db.session.remove()
        db.engine.dispose()


def test_backup_refuses_a_folder_that_already_holds_files(tmp_path):
    """A backup never mixes its files with what a folder already holds."""
    app = sqlite_app(tmp_path / "live")
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "notes.txt").write_text("mine")
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "copy")])
    assert result.exit_code != 0
    assert "not empty" in result.output


@pytest.mark.skipif(not POSTGRES_URL, reason="needs PostgreSQL (FORUM_TEST_DATABASE_URL)")
def test_on_postgresql_backup_points_to_pg_dump(app, runner, tmp_path):
    """On PostgreSQL the command says to use pg_dump and pg_restore, and writes nothing."""
    result = runner.invoke(args=["backup", str(tmp_path / "copy")])
    assert result.exit_code != 0
    assert "pg_dump" in result.output and "pg_restore" in result.output
    assert not (tmp_path / "copy").exists()
