"""The application as a whole: configuration, health check, error pages and CSRF."""

import pytest
import sqlalchemy as sa

from forum import create_app
from forum.extensions import db
from forum.posts.models import Thread
from tests.conftest import settings_for
from tests.factories import make_board, make_user


def test_health_check_answers_ok_without_a_session(client):
    """A load balancer gets a plain 'ok' and no cookie."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.data == b"ok"
    assert "Set-Cookie" not in response.headers


def test_environment_variables_override_defaults(monkeypatch, tmp_path):
    """FORUM_* variables reach the configuration, parsed as JSON where they can be."""
    monkeypatch.setenv("FORUM_POSTS_PER_PAGE", "10")
    monkeypatch.setenv("FORUM_DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    monkeypatch.setenv("FORUM_SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("FORUM_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app()
    assert app.config["POSTS_PER_PAGE"] == 10
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("x.db")
    assert app.config["SECRET_KEY"] == "from-the-environment"


def test_a_secret_key_is_generated_into_the_instance_folder(tmp_path, monkeypatch):
    """Without a configured key, one is generated on first run and reused after."""
    monkeypatch.delenv("FORUM_SECRET_KEY", raising=False)
    settings = settings_for(tmp_path, SECRET_KEY=None)
    first = create_app(settings)
    second = create_app(settings)
    key = first.config["SECRET_KEY"]
    assert len(key) >= 32
    assert key == second.config["SECRET_KEY"]
    path = tmp_path / "instance" / "secret_key"
    assert path.read_text().strip() == key
    assert path.stat().st_mode & 0o777 == 0o600


def test_https_setting_makes_cookies_secure(tmp_path):
    app = create_app(settings_for(tmp_path, HTTPS=True))
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["REMEMBER_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_sqlite_runs_with_wal_foreign_keys_and_a_busy_timeout(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas only apply to SQLite")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


@pytest.mark.parametrize(
    "path", ["/nowhere", "/b/no-such-board", "/t/999999", "/p/999999", "/u/nobody-here"]
)
def test_unknown_things_get_a_friendly_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"We couldn&#39;t find that page" in response.data
    assert b'class="site-header"' in response.data


def test_a_request_over_128_kib_gets_the_413_page(client, auth):
    user = make_user()
    board = make_board()
    auth.login(user)
    response = client.post(f"/b/{board.slug}/new", data={"title": "Long", "body": "x" * 140_000})
    assert response.status_code == 413
    assert b"too long to send" in response.data
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Thread)) == 0


def test_a_database_error_during_a_write_rolls_back_and_shows_the_500_page(
    app, client, auth, monkeypatch
):
    """Nothing half-written stays: the thread and its first post go together or not at all."""
    user = make_user()
    board = make_board()
    auth.login(user)
    from forum.posts import store

    def broken_render(raw):
        raise sa.exc.OperationalError("INSERT", {}, Exception("disk I/O error"))

    monkeypatch.setattr(store, "render_post_body", broken_render)
    response = client.post(f"/b/{board.slug}/new", data={"title": "Half", "body": "Never saved"})
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.data
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Thread)) == 0


def test_error_pages_exist_for_each_status(app):
    from forum.errors import render_error

    with app.test_request_context("/"):
        for status in (400, 403, 404, 413, 429, 500):
            body, code = render_error(status)
            assert code == status
            assert "<h1>" in body


def test_a_savepoint_released_inside_a_transaction_still_rolls_back_with_it(app):
    """Services rely on savepoints; on SQLite they must not commit behind the request's back."""
    from forum.accounts.models import User

    make_user("kept-member")
    with db.session.begin_nested():
        db.session.add(User(pseudonym="undone", pseudonym_key="undone", password_hash="x"))
    db.session.rollback()
    names = db.session.scalars(sa.select(User.pseudonym)).all()
    assert names == ["kept-member"]
