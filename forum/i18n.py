"""The languages Hearth speaks, and which one each request gets: the member's choice, else
the reader's own choice this visit, else the browser's best match, else the forum's default."""

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Flask, Response, current_app, has_request_context, request, session
from flask_babel import LazyString, get_locale, get_timezone, gettext
from flask_login import current_user
from markupsafe import escape

from forum.extensions import babel
from forum.timeutil import utcnow

# Every language with a complete catalogue under forum/translations/ (English is the source).
SUPPORTED_LOCALES = ("en", "es")
# Each language named in itself, as the switch and Settings offer it.
LANGUAGE_NAMES = {"en": "English", "es": "Español"}
# Where a signed-out reader's choice is kept, only once they make one: a reader who never
# chose has an empty session, and so still gets the pages kept for readers.
SESSION_KEY = "locale"


class _LazyText(LazyString):
    """A sentence translated when it is shown, and escaped like any other text there."""

    def __html__(self) -> str:
        return str(escape(str(self)))


def lazy_gettext(string: str, **variables) -> LazyString:
    """Mark a sentence kept at import time (a form label, a module's message) for translation
    in the language of the request that shows it."""
    return _LazyText(gettext, string, **variables)


def lazy_text(words: Callable[[], str]) -> LazyString:
    """A sentence built when it is shown (a number in it formatted for the reader)."""
    return _LazyText(words)


def default_locale() -> str:
    return current_app.config["DEFAULT_LOCALE"]


def select_locale() -> str:
    """The member's setting, else this visit's choice, else Accept-Language, else the default."""
    if not has_request_context():
        return default_locale()
    for chosen in (getattr(current_user, "locale", None), session.get(SESSION_KEY)):
        if chosen in SUPPORTED_LOCALES:
            return chosen
    return request.accept_languages.best_match(SUPPORTED_LOCALES) or default_locale()


def select_time_zone() -> str:
    """The member's own time zone when they gave a valid one; UTC for everyone else."""
    zone = getattr(current_user, "time_zone", None) if has_request_context() else None
    if zone:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            return "UTC"
        return zone
    return "UTC"


def current_locale() -> str:
    return str(get_locale() or default_locale())


def reader_clock() -> tuple[datetime, str, str]:
    """(now, language, time zone): what every time a page shows is written from, asked once
    for a page that shows many."""
    return utcnow(), current_locale(), str(get_timezone())


def check_default_locale(app: Flask) -> None:
    """Refuse to start with a default the forum has no catalogue for."""
    if app.config["DEFAULT_LOCALE"] not in SUPPORTED_LOCALES:
        raise RuntimeError(
            f"DEFAULT_LOCALE must be one of {', '.join(SUPPORTED_LOCALES)}, "
            f"not {app.config['DEFAULT_LOCALE']!r}"
        )


def _say_the_language(response: Response) -> Response:
    """Every page says its language, and that it follows the browser's Accept-Language."""
    if response.mimetype == "text/html":
        response.vary.add("Accept-Language")
        response.headers.setdefault("Content-Language", current_locale())
    return response


def this_page() -> str:
    """The page being shown, for the language switch to come back to: its path and query,
    where the query is readable text (a page answering an unreadable address comes back
    to its path alone)."""
    try:
        query = request.query_string.decode("utf-8")
    except UnicodeDecodeError:
        query = ""
    return f"{request.path}?{query}" if query else request.path


def init_i18n(app: Flask) -> None:
    check_default_locale(app)
    babel.init_app(
        app,
        default_locale=app.config["DEFAULT_LOCALE"],
        locale_selector=select_locale,
        timezone_selector=select_time_zone,
    )
    # `{% trans %}` blocks read as prose in templates; their whitespace is not part of the text.
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.jinja_env.globals.update(
        current_locale=current_locale,
        this_page=this_page,
        SUPPORTED_LOCALES=SUPPORTED_LOCALES,
        LANGUAGE_NAMES=LANGUAGE_NAMES,
    )
    app.after_request(_say_the_language)
