"""The languages a post can be written in: each is searched with its own stemming."""

from flask import current_app, has_app_context

# Code -> the name a member picks on the form, in its own language. Adding one also takes a
# Whoosh analyser (forum/search/engine/whoosh/schema.py) and a PostgreSQL text search
# configuration (forum/search/models.py and a migration).
LANGUAGES = {"en": "English", "es": "Español"}
FALLBACK = "en"


def forum_default() -> str:
    """The forum's own language: DEFAULT_LOCALE (FORUM_DEFAULT_LOCALE) when it is one posts
    can be written in, else English."""
    chosen = current_app.config.get("DEFAULT_LOCALE") if has_app_context() else None
    code = (chosen or "").split("_")[0].split("-")[0].lower()
    return code if code in LANGUAGES else FALLBACK


def known(code: str | None) -> str | None:
    """The code if posts can be written in it, else None."""
    return code if code in LANGUAGES else None
