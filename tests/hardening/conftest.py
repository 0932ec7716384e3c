"""A forum with its rate limits on, for the hardening tests that need them."""

import pytest

from forum.extensions import db
from tests.conftest import make_app

# Generous limits, so that a test trips only the one it lowers.
LOOSE = {
    "RATE_LIMITS_ENABLED": True,
    "SIGNIN_LIMIT_PER_PSEUDONYM": "1000 per hour",
    "SIGNIN_LIMIT_PER_CLIENT": "1000 per hour",
    "SIGNUP_LIMIT_PER_CLIENT": "1000 per hour",
    "POSTS_LIMIT_PER_MEMBER": "1000 per hour",
}


@pytest.fixture
def limited_app(tmp_path, _postgres_schema):
    """Build a forum with limits on: `limited_app(SIGNUP_LIMIT_PER_CLIENT="2 per hour")`."""
    contexts = []

    def build(folder: str = "a", **overrides):
        (tmp_path / folder).mkdir(exist_ok=True)
        app = make_app(tmp_path / folder, **{**LOOSE, **overrides})
        context = app.app_context()
        context.push()
        contexts.append(context)
        return app

    yield build
    for context in reversed(contexts):
        db.session.remove()
        db.engine.dispose()
        context.pop()


@pytest.fixture
def unindexed_app(tmp_path, _postgres_schema):
    """The usual test forum, minus indexing after each commit (these tests never search)."""
    app = make_app(tmp_path, SEARCH_DRAIN_AFTER_COMMIT=False)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()
