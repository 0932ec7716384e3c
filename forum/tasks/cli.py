"""`flask tasks ...`: run the worker (with the scheduler), list the jobs, run one now."""

import logging

import click
from flask import current_app
from flask.cli import with_appcontext

from forum.tasks.jobs import JOBS
from forum.tasks.queue import huey_of


@click.group(help="Work that runs without a request: the worker and its schedule.")
def tasks():
    pass


@tasks.command("worker")
@click.option("--workers", default=2, show_default=True, help="Jobs run side by side.")
@click.option(
    "--no-schedule",
    is_flag=True,
    help="Run queued jobs only; another worker keeps the schedule (a double does no harm).",
)
@with_appcontext
def worker_command(workers: int, no_schedule: bool) -> None:
    """Run queued jobs and, unless told not to, start the periodic ones on time."""
    if not logging.getLogger().handlers:  # say what runs: job names and times, nothing more
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    huey = huey_of(current_app)
    consumer = huey.create_consumer(workers=workers, worker_type="thread", periodic=not no_schedule)
    click.echo(f"Running jobs from the {type(huey).__name__} queue, {workers} at a time.")
    consumer.run()


@tasks.command("list")
def list_command() -> None:
    """Every job, and when it runs."""
    for job in JOBS:
        click.echo(f"{job.name:<20} {job.when}")


@tasks.command("run")
@click.argument("name")
@with_appcontext
def run_command(name: str) -> None:
    """Run one job now, in this process (for example to catch up after the worker was down)."""
    jobs = current_app.extensions["tasks"].jobs
    if name not in jobs:
        raise click.BadParameter(f"no job is called {name!r}; `flask tasks list` names them")
    click.echo(f"{name}: {jobs[name].call_local()}")
