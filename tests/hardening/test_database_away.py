"""The database going away in the middle of a request: always the calm 503, never a bare 500."""

import pytest
import sqlalchemy as sa

from forum.errors import ForumError
from forum.extensions import db
from forum.posts.models import Post
from tests.factories import make_thread, make_user

CALM = "Hearth is resting for a moment"


def _gone(*args, **kwargs):
    """What the driver says once the server is gone: every statement and rollback fails."""
    raise sa.exc.OperationalError(
        "ROLLBACK",
        {},
        ConnectionResetError("server closed the connection"),
        connection_invalidated=True,
    )


@pytest.fixture
def cut(app, monkeypatch):
    """Call `cut()` inside a request: from then on the database can't be reached."""
    dialect = db.engine.dialect

    def now():
        monkeypatch.setattr(dialect, "do_rollback", _gone)
        monkeypatch.setattr(dialect, "do_execute", _gone)
        monkeypatch.setattr(dialect, "do_execute_no_params", _gone)

    yield now
    monkeypatch.undo()
    db.session.remove()


def _route(app, name: str, view):
    app.add_url_rule(f"/_{name}", name, view, methods=["GET", "POST"])


def _calm(response) -> None:
    assert response.status_code == 503
    assert CALM in response.get_data(as_text=True)
    assert response.headers["Retry-After"] == "30"


def test_a_page_read_before_the_cut_is_served_and_never_a_bare_error(app, client, cut):
    """The page was read whole, then the database went: the reader still gets the page."""
    thread = make_thread(title="Evenings are the hardest")
    db.session.commit()

    def read_then_cut():
        title = db.session.get(type(thread), thread.id).title
        cut()  # gone before the request's own end rolls its transaction back
        return title

    _route(app, "read_then_cut", read_then_cut)
    response = client.get("/_read_then_cut")
    assert response.status_code == 200 and b"Evenings are the hardest" in response.data


def test_a_statement_after_the_cut_gets_the_calm_page(app, client, cut):
    """The database went while the page was being read: the calm page, told to retry."""
    thread = make_thread()
    db.session.commit()

    def write_then_cut():
        db.session.get(type(thread), thread.id)
        cut()
        db.session.execute(sa.select(Post.id))  # the next statement finds the server gone

    _route(app, "write_then_cut", write_then_cut)
    _calm(client.get("/_write_then_cut"))


@pytest.mark.parametrize(
    "failure",
    [
        pytest.param(lambda: ForumError("That thread is locked."), id="a rule refused"),
        pytest.param(lambda: RuntimeError("a bug"), id="something broke"),
    ],
)
def test_any_error_while_the_database_is_away_gets_the_calm_page(app, client, cut, failure):
    """Whatever else went wrong, when even the rollback finds the database gone, the
    visitor reads that the forum is resting, not that something broke."""
    member = make_user()
    db.session.commit()

    def refuse_after_cut():
        db.session.get(type(member), member.id)
        cut()
        raise failure()

    _route(app, "refuse_after_cut", refuse_after_cut)
    _calm(client.get("/_refuse_after_cut"))
