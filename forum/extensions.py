"""Flask extensions, created unbound and initialised in create_app()."""

import sqlite3
from typing import ClassVar

import sqlalchemy as sa
from flask_babel import Babel
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase

# Named constraints let Alembic's batch mode alter SQLite tables and keep names stable
# between SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)
    # Whether a signed-out reader's page can show this table's rows: each model says so, and
    # the page cache (forum.web.pagecache) keeps stored pages while only private rows change.
    shown_to_readers: ClassVar[bool] = True


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()


@sa.event.listens_for(sa.Engine, "connect")
def _tune_sqlite(dbapi_connection, _record) -> None:
    """WAL lets readers work while one member writes; foreign keys keep threads whole."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@sa.event.listens_for(sa.Engine, "savepoint")
def _savepoint_inside_a_transaction(connection, name) -> None:
    """The sqlite3 module opens a transaction only before a write; a SAVEPOINT sent first would
    open one of its own, and releasing it would commit. Open the real transaction first.

    Reads otherwise stay outside transactions, so a writer waits for the lock (busy_timeout)
    instead of failing on a stale snapshot.
    """
    if connection.dialect.name != "sqlite":
        return
    driver = connection.connection.driver_connection
    if not driver.in_transaction:
        driver.execute("BEGIN")


def listen_once(target, listeners) -> None:
    """Attach (event, function) pairs to `target` unless they are there: create_app runs once
    per app, and tests build many apps in one process."""
    for event, listener in listeners:
        if not sa.event.contains(target, event, listener):
            sa.event.listen(target, event, listener)
