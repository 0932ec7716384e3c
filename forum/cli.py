"""register_cli(app): adds each feature's command group to `flask --app wsgi ...`."""

from flask import Flask


def register_cli(app: Flask) -> None:
    from forum.accounts.cli import accounts
    from forum.backup.cli import backup_command, restore_command
    from forum.boards.cli import boards
    from forum.demo.cli import seed
    from forum.search.cli import search

    for group in (accounts, backup_command, restore_command, boards, seed, search):
        app.cli.add_command(group)
