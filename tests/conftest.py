"""The app, client, runner and auth fixtures; SQLite by default, PostgreSQL when asked."""

import contextvars
import os

import pytest
import sqlalchemy as sa
from flask import has_app_context
from flask.testing import FlaskClient

from forum import create_app
from forum.extensions import db

POSTGRES_URL = os.environ.get("FORUM_TEST_DATABASE_URL")


def settings_for(tmp_path, **overrides) -> dict:
    settings = {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "testing-only",
        "DATABASE_URL": POSTGRES_URL or f"sqlite:///{tmp_path / 'hearth.db'}",
        "SEARCH_INDEX_DIR": str(tmp_path / "search-index"),
        "WTF_CSRF_ENABLED": False,
        # A cheap hash keeps the suite fast; production uses scrypt.
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
        # Members made by the factories post straight away; pre-moderation tests turn it on.
        "TRUST_NEW_POSTS_WAIT": False,
        # Tests sign in and post many times a minute; tests/hardening/ turns limits on.
        "RATE_LIMITS_ENABLED": False,
        # Jobs run at once, in the test's process; tests/tasks/ runs a real worker.
        "TASKS_IMMEDIATE": True,
    }
    settings.update(overrides)
    return settings


@pytest.fixture(scope="session")
def _postgres_schema(tmp_path_factory):
    """On PostgreSQL, create the schema once; each test then empties the tables."""
    if not POSTGRES_URL:
        yield
        return
    create_app(settings_for(tmp_path_factory.mktemp("schema")))  # imports every model
    engine = sa.create_engine(POSTGRES_URL)
    # The whole schema goes, not only the tables this checkout knows: a table another
    # branch's run left behind (with a key into ours) must not stop the drop.
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    db.metadata.create_all(engine)
    engine.dispose()
    yield


class RequestIsolatingClient(FlaskClient):
    """Each request runs in its own app context, with its own `g` and database session,
    as it would in production; the test's session sees what the request committed."""

    def open(self, *args, **kwargs):
        if not has_app_context():  # a redirect being followed, already isolated
            return super().open(*args, **kwargs)
        db.session.commit()
        try:
            return contextvars.Context().run(super().open, *args, **kwargs)
        finally:
            db.session.commit()


def make_app(tmp_path, **overrides):
    """A fresh forum on an empty database (SQLite in tmp_path, or the PostgreSQL one)."""
    app = create_app(settings_for(tmp_path, **overrides))
    app.test_client_class = RequestIsolatingClient
    with app.app_context():
        if POSTGRES_URL:
            # page_versions keeps its one row (its number only ever moves forward).
            kept = {"page_versions"}
            tables = ", ".join(
                f'"{t.name}"' for t in db.metadata.sorted_tables if t.name not in kept
            )
            db.session.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
            db.session.commit()
        else:
            db.create_all()
    return app


@pytest.fixture
def app(tmp_path, _postgres_schema):
    app = make_app(tmp_path)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    """Sign a member in or out through the real forms, as a person would."""

    def __init__(self, client):
        self._client = client

    def login(self, user_or_name, password: str = "a-long-password-1", remember: bool = False):
        name = getattr(user_or_name, "pseudonym", user_or_name)
        data = {"pseudonym": name, "password": password}
        if remember:
            data["remember"] = "y"
        response = self._client.post("/signin", data=data)
        assert response.status_code == 302, "sign-in failed"
        return response

    def logout(self):
        return self._client.post("/signout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


class QueryCounter:
    def __init__(self):
        self.statements: list[str] = []

    def __call__(self, conn, cursor, statement, parameters, context, executemany):
        # Transaction control (BEGIN, SAVEPOINT, ...) is not a query.
        if statement.split(None, 1)[0].upper() not in ("BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK"):
            self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app):
    """Count the SQL statements a block runs: `with count_queries() as counted: ...`."""
    from contextlib import contextmanager

    @contextmanager
    def counting():
        counter = QueryCounter()
        sa.event.listen(db.engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", counter)

    return counting
