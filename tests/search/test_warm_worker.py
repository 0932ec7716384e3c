"""A worker is ready before its first reader: the first search after a start compiles no
page and opens no index, because warm_up did it before the worker took a connection."""

import logging

import sqlalchemy as sa

from forum.extensions import db
from forum.search import queries, sync
from forum.search.engine import engine_for
from forum.warmup import warm_up
from tests.factories import make_thread


def _compiles_during(app, client, url: str) -> tuple[int, object]:
    """How many templates a request compiled, and its response."""
    compiled = []
    original = app.jinja_env.compile

    def counting(*args, **kwargs):
        compiled.append(args[1] if len(args) > 1 else kwargs.get("name"))
        return original(*args, **kwargs)

    app.jinja_env.compile = counting
    try:
        response = client.get(url)
    finally:
        app.jinja_env.compile = original
    return len(compiled), response


def test_the_first_search_after_a_start_finds_everything_ready(app, client):
    make_thread(title="One day at a time", body="Day nine and the mornings are easier.")
    sync.drain(app)

    seconds = warm_up(app)

    assert seconds >= 0
    if engine_for(app).name == "whoosh":
        searcher = engine_for(app).searcher()
        assert searcher is engine_for(app).searcher()  # opened once, kept
    compiled, response = _compiles_during(app, client, "/search?q=mornings")
    assert response.status_code == 200
    assert b"One day at a time" in response.data
    assert compiled == 0


def test_warming_up_counts_no_search_against_anyone_and_writes_nothing(app):
    app.config["RATE_LIMITS_ENABLED"] = True
    make_thread(title="Day one", body="First day.")
    sync.drain(app)
    tables = ("posts", "threads", "search_outbox", "notices")

    def counts():
        return [db.session.scalar(sa.text(f"SELECT count(*) FROM {t}")) for t in tables]  # noqa: S608

    before = counts()
    for _ in range(40):  # more than the per-client search limit
        warm_up(app)
    assert counts() == before


def test_a_worker_still_starts_when_the_database_is_away(app, monkeypatch, caplog):
    def away(*args, **kwargs):
        raise sa.exc.OperationalError("SELECT", {}, ConnectionRefusedError("refused"))

    monkeypatch.setattr(queries, "search", away)
    with caplog.at_level(logging.WARNING, logger="forum.warmup"):
        assert warm_up(app) >= 0
    assert "it opens on first use" in caplog.text
