"""register_cli(app): adds each feature's command group to `flask --app wsgi ...`.

The demo's `seed` command lives outside the package (demo/) and is added by wsgi.py.
"""

from flask import Flask

from forum.accounts.cli import accounts
from forum.backup.cli import backup_command, restore_command
from forum.boards.cli import boards
from forum.moderation.health.cli import stats
from forum.search.cli import search
from forum.tasks.cli import tasks
from forum.trust.cli import trust


def register_cli(app: Flask) -> None:
    for group in (accounts, backup_command, restore_command, boards, search, stats, tasks, trust):
        app.cli.add_command(group)
