"""Readying a worker before its first reader: compiled templates and an open search index.

A worker that starts cold compiles each template, opens the index and builds its filter
sets on the first request that needs them, so the first newcomer to search after a start
or a deploy waits for all of it. gunicorn calls `warm_up` once per worker, before the worker
accepts a connection (gunicorn_config.py, post_worker_init); so can any other server.
"""

import logging
import time

from flask import Flask

from forum.extensions import db
from forum.permissions import Anonymous
from forum.search import queries
from forum.search.parse import parse

log = logging.getLogger(__name__)

# A word nearly every recovery forum holds: the search runs the whole path a reader's does
# (index, filter sets, the SQL that checks what may be shown, snippets), and shows nobody.
WARM_QUERY = "day"


def warm_up(app: Flask) -> float:
    """Compile every page template and run one signed-out search; the seconds it took.

    Nothing is written and nothing counted against a limit. A database or index that is
    away is not this function's failure to report: the worker starts, and its first
    reader gets the usual answer for that.
    """
    started = time.perf_counter()
    for name in app.jinja_env.list_templates(extensions=("html",)):
        app.jinja_env.get_template(name)
    with app.test_request_context("/search"):
        try:
            queries.search(Anonymous(), parse({"q": WARM_QUERY}), suggest=False)
        except Exception as error:  # away now; the first reader's request will say so
            log.warning("Warming the search index failed (%s); it opens on first use.", error)
        finally:
            db.session.remove()
    return time.perf_counter() - started
