"""Choosing the app's search engine: the backend its configuration names, made once."""

import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.orm import Session

from forum.extensions import db
from forum.search.engine.base import SearchEngine, nothing_to_lose
from forum.search.engine.postgres import PostgresEngine
from forum.search.engine.whoosh import WhooshEngine


def engine_for(app: Flask | None = None) -> SearchEngine:
    """The app's search engine, made once per process and app."""
    app = app or current_app._get_current_object()
    engine = app.extensions.get("search_engine")
    if engine is None:
        if app.config["SEARCH_BACKEND"] == "postgres":
            engine = PostgresEngine(app)
        else:
            engine = WhooshEngine(app.config["SEARCH_INDEX_DIR"], may_create=_whole_if_new)
        app.extensions["search_engine"] = engine
    return engine


def _whole_if_new() -> bool:
    with Session(db.engine) as session:
        return nothing_to_lose(session)


def check_backend(app: Flask) -> None:
    """Refuse to start with a backend the database cannot serve."""
    backend = app.config["SEARCH_BACKEND"]
    if backend not in ("whoosh", "postgres"):
        raise RuntimeError(f"FORUM_SEARCH_BACKEND must be whoosh or postgres, not {backend!r}")
    url = sa.make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if backend == "postgres" and url.get_backend_name() != "postgresql":
        raise RuntimeError("FORUM_SEARCH_BACKEND=postgres needs a PostgreSQL database")
