"""The task queue: one Huey instance per app, its storage chosen from the config.

- FORUM_TASKS_IMMEDIATE (the tests): a job runs at once, in the caller's process.
- FORUM_REDIS_URL set: Redis, so that the workers of several machines share one queue.
- Otherwise: a SQLite file in the instance folder, so that `make run` needs nothing more.

Whatever the storage, a job queued while no worker runs waits for one: nothing is lost.
Features hand work over by name (`enqueue("send_digest", member_id)`), so that they never
import the jobs module, which imports them.
"""

from pathlib import Path

from flask import Flask, current_app
from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey


def make_huey(app: Flask) -> Huey:
    config = app.config
    name = config["TASKS_QUEUE_NAME"]
    if config["TASKS_IMMEDIATE"]:
        return MemoryHuey(name, immediate=True)
    if config.get("REDIS_URL"):
        return RedisHuey(name, url=config["REDIS_URL"])
    path = config.get("TASKS_SQLITE_PATH") or str(Path(app.instance_path) / "tasks.sqlite3")
    return SqliteHuey(name, filename=path)


def huey_of(app: Flask | None = None) -> Huey:
    return (app or current_app).extensions["tasks"].huey


def enqueue(name: str, *args):
    """Queue the job `name` with these arguments (run now, with FORUM_TASKS_IMMEDIATE)."""
    return current_app.extensions["tasks"].jobs[name](*args)
