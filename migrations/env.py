"""Alembic environment for Hearth: the app's engine and metadata, run through Flask-Migrate."""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

config = context.config
if config.config_file_name:
    # Keep the app's own loggers working when migrations run inside it (tests, commands).
    fileConfig(config.config_file_name, disable_existing_loggers=False)
log = logging.getLogger("alembic.env")

migrate_ext = current_app.extensions["migrate"]
metadata = migrate_ext.db.metadata
config.set_main_option(
    "sqlalchemy.url",
    migrate_ext.db.engine.url.render_as_string(hide_password=False).replace("%", "%%"),
)


def _skip_empty_autogenerate(context_, revision, directives) -> None:
    """`flask db migrate` with no model change writes no empty revision."""
    if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        log.info("No changes in schema detected.")


def run_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"), target_metadata=metadata, literal_binds=True
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    options = dict(migrate_ext.configure_args)
    options.setdefault("process_revision_directives", _skip_empty_autogenerate)
    with migrate_ext.db.engine.connect() as connection:
        context.configure(connection=connection, target_metadata=metadata, **options)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
