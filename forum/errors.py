"""ForumError, the rules a service can refuse with, and the pages for HTTP errors."""

import logging

import sqlalchemy as sa
from flask import Flask, current_app, g, render_template, request
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from forum.extensions import db, login_manager
from forum.i18n import lazy_gettext as _l

log = logging.getLogger(__name__)


class ForumError(Exception):
    """A rule of the forum that a request broke; the message is shown to the person.

    A marked message (lazy_gettext) is read in the person's language when the error is
    raised, and is plain text from then on: a flash, a form's errors or a JSON answer can
    all take it. Nothing translated is ever stored from it."""

    status_code = 400

    def __init__(self, message: str):
        message = str(message)
        super().__init__(message)
        self.message = message


class NotAllowed(ForumError):
    status_code = 403


class NotFound(ForumError):
    status_code = 404


class Conflict(ForumError):
    status_code = 409


ERROR_PAGES = {
    400: (
        _l("Something in that request was not right"),
        _l("Please go back and try again."),
    ),
    403: (
        _l("You can't do that here"),
        _l("Your account does not have permission for this page or action."),
    ),
    404: (
        _l("We couldn't find that page"),
        _l("It may have been moved, or the address may be mistyped."),
    ),
    405: (
        _l("That action isn't available here"),
        _l("Please go back and use the page's own buttons."),
    ),
    409: (
        _l("That has changed meanwhile"),
        _l("Someone acted on this just before you. Please reload."),
    ),
    413: (
        _l("That was too long to send"),
        _l("Requests are limited to 128 KiB. Go back, shorten what you wrote and send it again."),
    ),
    429: (
        _l("Please slow down a little"),
        _l("You have done that many times in a short while. Wait a moment and try again."),
    ),
    500: (
        _l("Something went wrong on our side"),
        _l(
            "Nothing you did caused this, and nothing was half-saved. Please try again in a moment."
        ),
    ),
    503: (
        _l("Hearth is resting for a moment"),
        _l("The forum can't reach its database right now. Please try again shortly."),
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


def forget_transaction() -> bool:
    """Roll back whatever this request left unfinished; False when even that failed because
    the connection went with the database (its connections are then dropped unused)."""
    try:
        db.session.rollback()
    except Exception as error:  # a dead connection: nothing more can be said to it
        log.warning("Rolling back failed (%s); the session's connections are dropped.", error)
        try:
            db.session().invalidate()
        except Exception:  # already gone as far as it can go
            pass
        return False
    return True


def database_error(error: Exception):
    """The calm 503 page while the database is away, rendered without it (signed out)."""
    if not database_unreachable(error):
        return unexpected_error(error)
    forget_transaction()  # the transaction went with the connection; forget it here too
    return _resting_page(error)


def _resting_page(error: Exception):
    # The driver's own words (never the statement's parameters, which may hold a post).
    cause = getattr(error, "orig", None) or error
    log.error("Database unavailable on %s %s: %s", request.method, request.path, cause)
    # The header would ask the database for the member's notices: show the page signed out.
    g._login_user = login_manager.anonymous_user()
    response = current_app.make_response(render_error(503))
    response.headers["Retry-After"] = "30"
    return response


def unexpected_error(error: Exception):
    # Whatever was half-written in this request is rolled back before the page renders;
    # when that fails, the database is away, and that is what the visitor is told.
    if not forget_transaction():
        return _resting_page(error)
    log.exception("Unhandled error on %s %s", request.method, request.path)
    return render_error(500)


def end_session(error: BaseException | None = None) -> None:
    """The request's teardown: end its session whatever state the connection is in. A
    rollback on a connection the database dropped must not turn a page into a bare 500.
    The rollback comes first: when it fails, forget_transaction() invalidates the session's
    connections while it still holds them, so each is closed rather than left to the GC."""
    forget_transaction()
    try:
        db.session.remove()
    except Exception as failure:
        log.warning("Ending the session failed (%s); its connections are dropped.", failure)
        try:
            db.session().invalidate()
        except Exception:  # already gone as far as it can go
            pass
        db.session.registry.clear()


def register_error_handlers(app: Flask) -> None:
    # Teardowns run last-registered first: this one ends the session before the extension's.
    app.teardown_appcontext(end_session)
    for kind in DATABASE_ERRORS:
        app.register_error_handler(kind, database_error)
    app.register_error_handler(Exception, unexpected_error)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_error(
            400,
            gettext(
                "This form had expired or was sent from somewhere else, so nothing was saved. "
                "Please go back, reload the page and send it again."
            ),
        )

    @app.errorhandler(ForumError)
    def forum_error(error: ForumError):
        if not forget_transaction():
            return _resting_page(error)
        return render_error(error.status_code, error.message)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        if error.code not in ERROR_PAGES:
            return error
        return render_error(error.code)
