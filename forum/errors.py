"""ForumError, the rules a service can refuse with, and the pages for HTTP errors."""

import logging

import sqlalchemy as sa
from flask import Flask, current_app, g, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from forum.extensions import db, login_manager

log = logging.getLogger(__name__)


class ForumError(Exception):
    """A rule of the forum that a request broke; the message is shown to the person."""

    status_code = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(ForumError):
    status_code = 403


class NotFound(ForumError):
    status_code = 404


class Conflict(ForumError):
    status_code = 409


ERROR_PAGES = {
    400: ("Something in that request was not right", "Please go back and try again."),
    403: (
        "You can't do that here",
        "Your account does not have permission for this page or action.",
    ),
    404: ("We couldn't find that page", "It may have been moved, or the address may be mistyped."),
    405: ("That action isn't available here", "Please go back and use the page's own buttons."),
    409: ("That has changed meanwhile", "Someone acted on this just before you. Please reload."),
    413: (
        "That was too long to send",
        "Requests are limited to 128 KiB. Go back, shorten what you wrote and send it again.",
    ),
    429: (
        "Please slow down a little",
        "You have done that many times in a short while. Wait a moment and try again.",
    ),
    500: (
        "Something went wrong on our side",
        "Nothing you did caused this, and nothing was half-saved. Please try again in a moment.",
    ),
    503: (
        "Hearth is resting for a moment",
        "The forum can't reach its database right now. Please try again shortly.",
    ),
}


def render_error(status: int, message: str | None = None):
    title, default = ERROR_PAGES.get(status, ERROR_PAGES[500])
    return render_template(
        "errors/error.html", status=status, title=title, message=message or default
    ), status


# What SQLAlchemy may raise when the database can't be reached (refused, dropped, pool empty).
DATABASE_ERRORS = (
    sa.exc.OperationalError,
    sa.exc.InterfaceError,
    sa.exc.DisconnectionError,
    sa.exc.TimeoutError,
)


def database_unreachable(error: Exception) -> bool:
    """Whether the error says the database is away (503), not that something broke (500)."""
    if isinstance(error, sa.exc.DisconnectionError | sa.exc.TimeoutError):
        return True
    if getattr(error, "connection_invalidated", False):
        return True
    # psycopg raises OperationalError for a server that refuses or drops the connection;
    # SQLite's ("disk I/O error", "database is locked") are failures of this machine.
    return type(getattr(error, "orig", None)).__module__.startswith("psycopg")


def database_error(error: Exception):
    """The calm 503 page while the database is away, rendered without it (signed out)."""
    if not database_unreachable(error):
        return unexpected_error(error)
    try:
        db.session.rollback()  # the transaction went with the connection; forget it here too
    except sa.exc.SQLAlchemyError:
        pass
    # The driver's own words (never the statement's parameters, which may hold a post).
    cause = getattr(error, "orig", None) or error
    log.error("Database unavailable on %s %s: %s", request.method, request.path, cause)
    # The header would ask the database for the member's notices: show the page signed out.
    g._login_user = login_manager.anonymous_user()
    response = current_app.make_response(render_error(503))
    response.headers["Retry-After"] = "30"
    return response


def unexpected_error(error: Exception):
    # Whatever was half-written in this request is rolled back before the page renders.
    db.session.rollback()
    log.exception("Unhandled error on %s %s", request.method, request.path)
    return render_error(500)


def register_error_handlers(app: Flask) -> None:
    for kind in DATABASE_ERRORS:
        app.register_error_handler(kind, database_error)
    app.register_error_handler(Exception, unexpected_error)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_error(
            400,
            "This form had expired or was sent from somewhere else, so nothing was saved. "
            "Please go back, reload the page and send it again.",
        )

    @app.errorhandler(ForumError)
    def forum_error(error: ForumError):
        db.session.rollback()
        return render_error(error.status_code, error.message)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        if error.code not in ERROR_PAGES:
            return error
        return render_error(error.code)
