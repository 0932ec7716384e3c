"""Every job Hearth runs without a request, in one table: what runs, and when.

Each job is a plain function of a feature; here it is wrapped to run in an app context and
commit once (a job that fails rolls back, is logged by Huey and is retried). A periodic job is
written so that running it twice, late, or from two schedulers at once does no harm: the
consumer that was down runs it at its next turn, and a unique key stops a double.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask
from huey import crontab

from forum.checkins.services import open_due_checkins
from forum.digests.services import due_members, send_digest
from forum.extensions import db
from forum.search import sync
from forum.tasks.queue import enqueue, make_huey
from forum.trust.services import recompute_all

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable  # run(app, *args): the feature's function, in an app context
    every: Callable | None = None  # a crontab(): periodic; None: queued by the code
    when: str = "when the forum queues it"  # the schedule in words, for `flask tasks list`
    retries: int = 2
    retry_delay: int = 60  # seconds before a failed job is tried again


def _catch_up_search(app: Flask) -> int:
    # The index follows the database: what a request left in the outbox is indexed here.
    return sync.drain_quietly(app, within=20.0)


def _open_checkins(app: Flask) -> int:
    return len(open_due_checkins())


def _queue_digests(app: Flask) -> int:
    # One job per member, so that one address that fails does not hold back the others.
    due = due_members()
    for member_id in due:
        enqueue("send_digest", member_id)
    return len(due)


def _send_digest(app: Flask, member_id: int) -> bool:
    return send_digest(member_id)


def _recompute_trust(app: Flask) -> tuple[int, int]:
    return recompute_all()


JOBS = (
    # Each band's morning thread opens at the first turn after 07:00 there: a worker that was
    # down opens it late, never twice (forum/checkins/models.py: CheckinThread).
    Job("open_checkins", _open_checkins, crontab(minute="*/5"), "every 5 minutes"),
    # Digests go at the first turn after each member's period, outside their quiet hours.
    Job("queue_digests", _queue_digests, crontab(minute="*/15"), "every 15 minutes"),
    Job("send_digest", _send_digest, retries=3, retry_delay=300),
    Job("catch_up_search", _catch_up_search, crontab(minute="*"), "every minute"),
    # Nightly, at a quiet hour in most of the world.
    Job("recompute_trust", _recompute_trust, crontab(hour="3", minute="17"), "daily, 03:17 UTC"),
)


@dataclass
class Tasks:
    huey: object
    jobs: dict[str, Callable] = field(default_factory=dict)


def _in_app(app: Flask, job: Job) -> Callable:
    def run(*args):
        with app.app_context():
            try:
                result = job.run(app, *args)
                db.session.commit()
                return result
            except Exception:
                db.session.rollback()
                log.exception("The job %s failed; it will be tried again.", job.name)
                raise

    run.__name__ = job.name
    return run


def init_tasks(app: Flask, jobs: tuple[Job, ...] = JOBS) -> None:
    huey = make_huey(app)
    tasks = Tasks(huey)
    for job in jobs:
        options = {"retries": job.retries, "retry_delay": job.retry_delay, "name": job.name}
        if job.every is not None:
            tasks.jobs[job.name] = huey.periodic_task(job.every, **options)(_in_app(app, job))
        else:
            tasks.jobs[job.name] = huey.task(**options)(_in_app(app, job))
    app.extensions["tasks"] = tasks
