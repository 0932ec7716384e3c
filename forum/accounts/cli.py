"""`flask accounts ...`: create members and appoint moderators and admins from a terminal."""

import sys

import click
from flask.cli import with_appcontext

from forum.accounts import queries, services
from forum.extensions import db
from forum.permissions import Role

ROLE_CHOICE = click.Choice([r.value for r in Role])


def _read_password() -> str:
    """From a hidden prompt on a terminal, or the first line of standard input; never argv."""
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def _member(name: str):
    user = queries.user_by_pseudonym(name)
    if user is None:
        raise click.ClickException(f"No member is called {name!r}.")
    return user


@click.group(help="Manage member accounts.")
def accounts():
    pass


@accounts.command("create")
@click.argument("pseudonym")
@click.option("--role", type=ROLE_CHOICE, default=Role.MEMBER.value, show_default=True)
@with_appcontext
def create(pseudonym: str, role: str) -> None:
    """Create an account; the password is read from a prompt or standard input."""
    try:
        user = services.register_member(pseudonym, _read_password(), role=Role(role))
    except services.AccountError as error:
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"Created {user.pseudonym} ({user.role.value}).")


@accounts.command("set-role")
@click.argument("pseudonym")
@click.argument("role", type=ROLE_CHOICE)
@with_appcontext
def set_role(pseudonym: str, role: str) -> None:
    """Appoint a moderator or admin, or make them a member again."""
    user = _member(pseudonym)
    services.set_role(user, Role(role))
    db.session.commit()
    click.echo(f"{user.pseudonym} is now {role}.")


@accounts.command("set-password")
@click.argument("pseudonym")
@with_appcontext
def set_password(pseudonym: str) -> None:
    """Give a member a new password (read from a prompt or stdin); their sessions end."""
    user = _member(pseudonym)
    try:
        services.set_password(user, _read_password())
    except services.AccountError as error:
        raise click.ClickException(error.message) from error
    db.session.commit()
    click.echo(f"The password of {user.pseudonym} is changed.")


@accounts.command("look-alikes")
@with_appcontext
def look_alikes() -> None:
    """List members whose names look alike: taken before sign-up refused look-alikes."""
    groups = queries.look_alike_groups()
    if not groups:
        click.echo("No two members have names that look alike.")
        return
    for group in groups:
        click.echo(
            ", ".join(f"{m.pseudonym} (#{m.id}, joined {m.created_at:%Y-%m-%d})" for m in group)
        )
    click.echo("Each still signs in with their own name; a look-alike of it finds none of them.")
