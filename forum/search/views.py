"""The search page: GET /search, with the filters in the form or typed in the box."""

import logging

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user

from forum.posts.queries import listed_boards
from forum.search import queries, sync
from forum.search.parse import KINDS, parse

bp = Blueprint("search", __name__)
log = logging.getLogger(__name__)


@bp.get("/search")
def results():
    query = parse(request.args)
    page = None
    unavailable = False
    if not query.is_empty:
        # Index what may still wait in the outbox (a worker killed after committing).
        sync.drain_quietly(current_app._get_current_object())
        try:
            page = queries.search(current_user, query)
        except Exception:
            # Never the words searched for: queries are not logged.
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
        recent=queries.recent_stories() if empty or unavailable else [],
        introductions=queries.introductions(current_user) if empty or unavailable else None,
    )
