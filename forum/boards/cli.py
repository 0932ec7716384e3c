"""`flask boards ...`: list, create, edit, reorder and archive boards; re-render every post."""

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from forum.boards import management
from forum.extensions import db
from forum.posts.models import Board


def _board(slug: str) -> Board:
    board = db.session.scalar(sa.select(Board).where(Board.slug == slug))
    if board is None:
        raise click.ClickException(f"No board has the address {slug!r}.")
    return board


def _apply(change) -> None:
    try:
        change()
    except management.BoardError as error:
        raise click.ClickException(error.message) from error
    db.session.commit()


@click.group(help="Manage boards.")
def boards():
    pass


@boards.command("init")
@with_appcontext
def init() -> None:
    """Create the default boards of a recovery community (those missing)."""
    created = management.ensure_default_boards()
    db.session.commit()
    click.echo(f"Created {len(created)} boards.")


@boards.command("list")
@with_appcontext
def list_boards() -> None:
    """Show every board in its order."""
    for board in db.session.scalars(sa.select(Board).order_by(Board.position, Board.id)):
        flag = " (archived)" if board.is_archived else ""
        click.echo(f"{board.position:3}  {board.slug:24} {board.name}{flag}")


@boards.command("create")
@click.argument("name")
@click.option("--slug", help="The address, /b/<slug>; made from the name if left out.")
@click.option("--description", default="")
@with_appcontext
def create(name: str, slug: str | None, description: str) -> None:
    """Add a board at the end of the list."""
    _apply(lambda: management.create_board(name, slug, description))
    click.echo(f"Created the board {name!r}.")


@boards.command("edit")
@click.argument("slug")
@click.option("--name")
@click.option("--new-slug")
@click.option("--description")
@with_appcontext
def edit(slug: str, name: str | None, new_slug: str | None, description: str | None) -> None:
    """Rename a board, change its address or its description."""
    board = _board(slug)
    _apply(
        lambda: management.update_board(
            board,
            name or board.name,
            new_slug or board.slug,
            description if description is not None else board.description,
        )
    )
    click.echo("Saved.")


@boards.command("move")
@click.argument("slug")
@click.argument("direction", type=click.Choice(["up", "down"]))
@with_appcontext
def move(slug: str, direction: str) -> None:
    """Move a board one place up or down the list."""
    _apply(lambda: management.move_board(_board(slug), -1 if direction == "up" else 1))
    click.echo("Moved.")


@boards.command("archive")
@click.argument("slug")
@click.option("--undo", is_flag=True, help="Bring an archived board back.")
@with_appcontext
def archive(slug: str, undo: bool) -> None:
    """Archive a board: closed to writing, seen only by moderators."""
    _apply(lambda: management.set_board_archived(_board(slug), not undo))
    click.echo("Restored." if undo else "Archived.")


@boards.command("rerender")
@with_appcontext
def rerender() -> None:
    """Render every post's Markdown again (after the allowed HTML changed)."""
    count = management.rerender_all()
    db.session.commit()
    click.echo(f"Re-rendered {count} posts.")
