"""`flask backup PATH` and `flask restore PATH`: a SQLite forum's database and search index."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from forum.backup import services
from forum.search import maintenance


@click.command("backup")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def backup_command(folder: Path) -> None:
    """Copy the SQLite database and the search index into FOLDER, while the forum runs."""
    try:
        report = services.backup(current_app._get_current_object(), folder)
    except services.BackupError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Backed up {report.posts} posts and {report.index_files} index files to {folder}.")


@click.command("restore")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Replace the existing database and index.")
@with_appcontext
def restore_command(folder: Path, yes: bool) -> None:
    """Bring back a backup from FOLDER (stop the server first), then check the index."""
    app = current_app._get_current_object()
    try:
        indexed = services.restore(app, folder, replace=yes)
    except services.BackupError as error:
        raise click.ClickException(error.message) from None
    click.echo(f"Restored the database from {folder}; indexed {indexed} queued changes.")
    drift = maintenance.check(app)
    if drift.count:
        maintenance.check(app, repair=True)
        click.echo(f"The index differed from the database in {drift.count} posts: repaired.")
    else:
        click.echo("The index matches the database.")
