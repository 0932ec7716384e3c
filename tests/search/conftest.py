"""Every search test runs on both backends: Whoosh always, PostgreSQL when given a server."""

import pytest
from werkzeug.datastructures import MultiDict

from forum import create_app
from forum.extensions import db
from forum.search import queries
from forum.search.parse import parse
from tests.conftest import POSTGRES_URL, make_app, settings_for

BACKENDS = [
    "whoosh",
    pytest.param(
        "postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(
                not POSTGRES_URL,
                reason="set FORUM_TEST_DATABASE_URL to run the PostgreSQL search backend",
            ),
        ],
    ),
]


@pytest.fixture(params=BACKENDS)
def app(request, tmp_path):
    # The app first, so that every feature's models are imported before the schema is made.
    create_app(settings_for(tmp_path))
    request.getfixturevalue("_postgres_schema")
    app = make_app(tmp_path, SEARCH_BACKEND=request.param)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def search_page(viewer=None, q: str = "", **params):
    """Search as this viewer (None: signed out), the way the page does."""
    from forum.permissions import Anonymous

    return queries.search(viewer or Anonymous(), parse(MultiDict({"q": q, **params})))


def found(viewer=None, q: str = "", **params) -> list[int]:
    """The ids of the posts a search shows this viewer, in order."""
    return [r.post.id for r in search_page(viewer, q, **params).results]
