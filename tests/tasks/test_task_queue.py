"""The task queue: a job queued while no worker runs waits and is done when one starts; a
worker on another machine shares the queue through Redis; a failed job leaves nothing half
done and is tried again; the schedule says what runs when; `flask tasks` lists and runs."""

import time
import uuid
from datetime import datetime

import pytest
import sqlalchemy as sa

from forum.accounts.models import User
from forum.checkins.models import CheckinThread
from forum.extensions import db
from forum.tasks.jobs import Job, init_tasks
from forum.tasks.queue import huey_of
from tests.conftest import make_app
from tests.factories import make_board

WAIT = 60  # seconds: a generous bound for a worker on a busy machine


def _redis_url() -> str | None:
    try:
        import redis

        redis.Redis.from_url("redis://127.0.0.1:6379/15", socket_timeout=2).ping()
    except Exception:
        return None
    return "redis://127.0.0.1:6379/15"


@pytest.fixture
def queued_app(tmp_path, _postgres_schema):
    """A forum whose jobs wait in a real queue (SQLite storage) for a worker."""
    app = make_app(tmp_path, TASKS_IMMEDIATE=False)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _worker(app):
    consumer = huey_of(app).create_consumer(workers=1, worker_type="thread", periodic=False)
    consumer.start()
    return consumer


def _until(done, within: float = WAIT) -> bool:
    """Poll what was stored until `done()` holds, for a bounded time."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if done():
            return True
        time.sleep(0.2)
    return done()


def _checkins(app) -> int:
    with app.app_context():
        count = db.session.scalar(sa.select(sa.func.count()).select_from(CheckinThread))
        db.session.remove()
        return count


def test_a_job_queued_while_no_worker_runs_waits_and_is_done_when_one_starts(queued_app):
    with queued_app.app_context():
        make_board("Lounge", "lounge", has_checkins=True)
        queued_app.extensions["tasks"].jobs["open_checkins"]()
        db.session.remove()
    assert huey_of(queued_app).pending_count() == 1
    assert _checkins(queued_app) == 0  # nothing ran: nobody is at work
    consumer = _worker(queued_app)
    try:
        assert _until(lambda: _checkins(queued_app) == 3)
    finally:
        consumer.stop(graceful=True)
    assert _checkins(queued_app) == 3
    assert huey_of(queued_app).pending_count() == 0


@pytest.mark.skipif(_redis_url() is None, reason="no Redis server answers on 127.0.0.1:6379")
def test_with_redis_a_worker_on_another_machine_takes_the_job(tmp_path, _postgres_schema):
    url = _redis_url()
    # Two forums on one database and one Redis, as two machines would be.
    name = f"hearth-test-{uuid.uuid4().hex[:8]}"
    shared = {"TASKS_IMMEDIATE": False, "REDIS_URL": url, "TASKS_QUEUE_NAME": name}
    here = make_app(tmp_path, **shared)
    database = here.config["SQLALCHEMY_DATABASE_URI"]
    there = make_app(tmp_path / "there", DATABASE_URL=database, **shared)
    try:
        assert type(huey_of(here)).__name__ == "RedisHuey"
        with here.app_context():
            make_board("Lounge", "lounge", has_checkins=True)
            here.extensions["tasks"].jobs["open_checkins"]()
            db.session.remove()
        assert huey_of(there).pending_count() == 1
        consumer = _worker(there)
        try:
            assert _until(lambda: _checkins(here) == 3)
        finally:
            consumer.stop(graceful=True)
        assert _checkins(here) == 3
    finally:
        huey_of(here).storage.flush_all()
        for app in (here, there):
            with app.app_context():
                db.engine.dispose()


def test_a_failed_job_leaves_nothing_half_done_and_is_tried_again(queued_app):
    attempts = []

    def fragile(app, pseudonym):
        db.session.add(User(pseudonym=f"{pseudonym}{len(attempts)}", password_hash="!"))
        db.session.flush()  # written, then the job fails before its commit
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("the database went away for a moment")
        return len(attempts)

    init_tasks(queued_app, (Job("fragile", fragile, retries=1, retry_delay=0),))
    with queued_app.app_context():
        waiting = queued_app.extensions["tasks"].jobs["fragile"]("tried-")
    consumer = _worker(queued_app)
    try:
        assert waiting.get(blocking=True, timeout=WAIT) == 2
    finally:
        consumer.stop(graceful=True)
    with queued_app.app_context():
        names = set(db.session.scalars(sa.text("SELECT pseudonym FROM users")))
        db.session.remove()
    assert names == {"tried-1"}  # the failed attempt's member was rolled back


def test_the_schedule_says_what_runs_when(app):
    huey = huey_of(app)
    due = lambda moment: sorted(task.name for task in huey.read_periodic(moment))  # noqa: E731
    assert due(datetime(2026, 3, 10, 3, 17)) == ["catch_up_search", "recompute_trust"]
    assert due(datetime(2026, 3, 10, 9, 5)) == ["catch_up_search", "open_checkins"]
    assert due(datetime(2026, 3, 10, 9, 6)) == ["catch_up_search"]


def test_flask_tasks_lists_the_jobs_and_runs_one_now(app, runner):
    listed = runner.invoke(args=["tasks", "list"])
    assert "open_checkins" in listed.output and "daily, 03:17 UTC" in listed.output
    make_board("Lounge", "lounge", has_checkins=True)
    ran = runner.invoke(args=["tasks", "run", "open_checkins"])
    assert ran.exit_code == 0 and "open_checkins: 3" in ran.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CheckinThread)) == 3
    unknown = runner.invoke(args=["tasks", "run", "no-such-job"])
    assert unknown.exit_code != 0 and "flask tasks list" in unknown.output
