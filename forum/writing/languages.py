"""Which language a new post is stored in: the one chosen on the form, else the member's."""

from flask import has_request_context

from forum.i18n import current_locale
from forum.posts.languages import forum_default, known


def default_language_for(member) -> str:
    """The language a member's posts are written in unless they choose another on the form.

    The member's language setting (a `locale` such as "es") comes first; with none, or one
    posts cannot be written in, the language the page they write on is shown in, else the
    forum's."""
    for setting in (getattr(member, "locale", None), has_request_context() and current_locale()):
        language = known((setting or "").split("_")[0].split("-")[0].lower())
        if language:
            return language
    return forum_default()


def language_for(member, chosen: str | None) -> str:
    """The language chosen on the form if it is one posts can be written in, else the
    member's default."""
    return known(chosen) or default_language_for(member)
