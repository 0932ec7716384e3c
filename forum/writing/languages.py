"""Which language a new post is stored in: the one chosen on the form, else the member's."""

from forum.posts.languages import forum_default, known


def default_language_for(member) -> str:
    """The language a member's posts are written in unless they choose another on the form.

    The member's language setting (a `locale` such as "es") comes first; with none, or one
    posts cannot be written in, the forum's."""
    setting = getattr(member, "locale", None) or ""
    return known(setting.split("_")[0].split("-")[0].lower()) or forum_default()


def language_for(member, chosen: str | None) -> str:
    """The language chosen on the form if it is one posts can be written in, else the
    member's default."""
    return known(chosen) or default_language_for(member)
