"""An index lost under a forum that has posts is never replaced by an empty one that looks
whole: new writes wait in the outbox, search says it is unavailable, and `search rebuild`
brings back every post. A new forum makes its index with its first post."""

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from whoosh import index

from forum.extensions import db
from forum.search import maintenance, queries, sync
from forum.search.engine import engine_for
from forum.search.engine.base import IndexMissing
from forum.search.models import SearchOutbox
from forum.search.parse import parse
from tests.conftest import make_app
from tests.factories import make_post, make_thread


@pytest.fixture
def app(tmp_path, _postgres_schema):
    app = make_app(tmp_path, SEARCH_BACKEND="whoosh")
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def _found(word: str) -> int:
    return len(queries.search(None, parse({"q": word}), suggest=False).results)


def _waiting() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(SearchOutbox))


def _lose_index(app) -> None:
    shutil.rmtree(Path(app.config["SEARCH_INDEX_DIR"]))
    # A worker started after the loss: a fresh engine, with nothing of the old index open.
    app.extensions.pop("search_engine", None)


def test_a_new_forum_makes_its_index_with_its_first_post(app):
    make_thread(title="First night", body="Lighthouse keeper of my own evenings.")
    assert _found("lighthouse") == 1
    assert _waiting() == 0


def test_a_reply_after_the_index_was_lost_waits_for_the_rebuild(app, runner, caplog):
    thread = make_thread(title="Harbour", body="Harbourword, the first story.")
    make_post(thread, body="Harbourword, the first reply.")
    assert _found("harbourword") == 2
    _lose_index(app)

    reply = make_post(thread, body="Harbourword, written after the loss.")

    # No new index that would hold only this reply and pass for whole.
    assert not index.exists_in(app.config["SEARCH_INDEX_DIR"])
    assert "search rebuild" in caplog.text
    assert _waiting() == 1
    with pytest.raises(IndexMissing):
        engine_for(app).searcher()
    result = runner.invoke(args=["search", "check"])
    assert result.exit_code != 0 and "search rebuild" in result.output

    assert maintenance.rebuild(app) == 3
    assert _found("harbourword") == 3
    assert _waiting() == 0
    assert maintenance.check(app).count == 0
    assert reply.id in {r.post.id for r in queries.search(None, parse({"q": "loss"})).results}


def test_the_search_page_says_search_is_unavailable_until_the_rebuild(app, client):
    make_thread(title="Tide", body="Tideword stays.")
    sync.drain(app)
    _lose_index(app)
    page = client.get("/search?q=tideword")
    assert page.status_code == 200
    assert b"Search isn't available" in page.data
    maintenance.rebuild(app)
    page = client.get("/search?q=tideword")
    assert b"1 post found" in page.data
