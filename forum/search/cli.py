"""`flask search ...`: rebuild the index, check it for drift, or drain the outbox continuously."""

import time

import click
from flask import current_app
from flask.cli import with_appcontext

from forum.search import maintenance, sync
from forum.search.engine.base import IndexMissing


@click.group(help="The search index.")
def search():
    pass


@search.command("rebuild")
@click.option(
    "--processes",
    type=click.IntRange(1, 16),
    help="Whoosh: processes writing at once (default: one a core from 20,000 posts).",
)
@with_appcontext
def rebuild_command(processes: int | None) -> None:
    """Recreate the index from the database (searches keep working meanwhile)."""
    app = current_app._get_current_object()
    with click.progressbar(length=maintenance.total_posts(), label="Indexing posts") as bar:
        count = maintenance.rebuild(app, progress=bar.update, processes=processes)
    click.echo(f"Indexed {count} posts.")


@search.command("check")
@click.option("--repair", is_flag=True, help="Index what is missing or stale, forget the rest.")
@with_appcontext
def check_command(repair: bool) -> None:
    """Report posts missing from the index, stale in it, or indexed but gone."""
    try:
        drift = maintenance.check(current_app._get_current_object(), repair=repair)
    except IndexMissing as missing:
        raise click.ClickException(str(missing)) from None
    for name in ("missing", "stale", "extra"):
        ids = getattr(drift, name)
        shown = ", ".join(map(str, ids[:20])) + (" …" if len(ids) > 20 else "")
        click.echo(f"{name}: {len(ids)}" + (f" ({shown})" if ids else ""))
    if drift.count and repair:
        click.echo(f"Repaired {drift.count} entries.")
    elif drift.count:
        raise SystemExit(1)
    else:
        click.echo("The index matches the database.")


@search.command("worker")
@click.option("--interval", default=0.5, show_default=True, help="Seconds between looks.")
@click.option("--once", is_flag=True, help="Drain what is queued now, then stop.")
@with_appcontext
def worker_command(interval: float, once: bool) -> None:
    """Drain the search outbox continuously (for deployments that prefer a separate process)."""
    app = current_app._get_current_object()
    while True:
        # A few seconds at a time, so that a backup waiting for the index lock gets it.
        taken = sync.drain_quietly(app, within=5.0)
        if once:
            click.echo(f"Indexed {taken} queued changes.")
            return
        if not taken:
            time.sleep(interval)
