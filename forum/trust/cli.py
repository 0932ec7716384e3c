"""`flask trust ...`: recompute every member's earned trust (run it daily), and count levels."""

import click
import sqlalchemy as sa
from flask.cli import with_appcontext

from forum.accounts.models import User
from forum.extensions import db
from forum.permissions import Role
from forum.trust import services
from forum.trust.levels import TrustLevel


@click.group(help="Earned trust: recompute levels, count members at each.")
def trust():
    pass


@trust.command("recompute")
@with_appcontext
def recompute_command():
    """Raise every member to the level they earned (a moderator's hold is kept while it runs)."""
    seen, changed = services.recompute_all()
    click.echo(f"Looked at {seen} members; {changed} reached a new level.")
    _echo_counts()


@trust.command("counts")
@with_appcontext
def counts_command():
    """How many members are at each level (numbers only, never who)."""
    _echo_counts()


def _echo_counts() -> None:
    rows = dict(
        db.session.execute(
            sa.select(User.trust_level, sa.func.count())
            .where(User.role == Role.MEMBER)
            .group_by(User.trust_level)
        ).all()
    )
    for level in TrustLevel:
        click.echo(f"{level.name.lower():>8}: {rows.get(int(level), 0)}")
