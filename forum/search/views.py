"""The search page: GET /search, with the filters in the form or typed in the box."""

import logging

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user

from forum.extensions import db
from forum.posts.queries import listed_boards
from forum.search import queries, sync
from forum.search.parse import KINDS, MAX_TERMS, parse
from forum.web import limits

bp = Blueprint("search", __name__)
log = logging.getLogger(__name__)


@bp.get("/search")
def results():
    query = parse(request.args)
    page = None
    unavailable = False
    if not query.is_empty:
        limits.count_search(current_user)
        # Index what may still wait in the outbox (a worker killed after committing).
        app = current_app._get_current_object()
        sync.drain_quietly(app, within=app.config["SEARCH_DRAIN_SECONDS"])
        try:
            page = queries.search(current_user, query)
        except Exception:
            # Never the words searched for: queries are not logged. The session may hold a
            # failed statement (the database away): end it, so the page can still be shown.
            db.session.rollback()
            log.exception("Search failed")
            unavailable = True
    empty = page is not None and not page.results
    return render_template(
        "search/results.html",
        query=query,
        page=page,
        unavailable=unavailable,
        boards=listed_boards(current_user),
        kinds=KINDS,
        max_terms=MAX_TERMS,
        recent=queries.recent_stories() if empty or unavailable else [],
        introductions=queries.introductions(current_user) if empty or unavailable else None,
    )
