"""The help page: the crisis lines of the reader's chosen country, then the instance
folder's help.md (or the shipped default); the list of every country's lines."""

from pathlib import Path

from flask import Blueprint, current_app, render_template, request
from flask.wrappers import Response
from flask_babel import gettext as _
from flask_login import current_user, login_required

from forum.boards.queries import (
    featured_threads,
    stories_of_getting_through,
    unanswered_first_threads,
)
from forum.errors import NotAllowed
from forum.i18n import current_locale
from forum.permissions import can_greet
from forum.support.lines import DIRECTORY_URL, country_choices, every_country, lines_for
from forum.support.phones import link_phone_numbers
from forum.text import render_post_body
from forum.web.pagecache import cached_for_readers, revalidate_for_readers
from forum.web.paging import id_from

bp = Blueprint("support", __name__)

# Pages a signed-out reader may keep and revalidate: the same for everyone at one address.
_CONDITIONAL = frozenset({"support.help", "support.lines"})


@bp.after_request
def _conditional_for_readers(response: Response) -> Response:
    if request.endpoint not in _CONDITIONAL:
        return response
    return revalidate_for_readers(response)


_SHIPPED = Path(__file__).parent


def _page_markdown(name: str) -> str:
    """The instance's own page in the reader's language (help.es.md), else its help.md, else
    the default shipped with Hearth in that language (default-help.es.md), else in English."""
    locale, instance = current_locale(), Path(current_app.instance_path)
    for path in (
        instance / f"{name}.{locale}.md",
        instance / f"{name}.md",
        _SHIPPED / f"default-{name}.{locale}.md",
    ):
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return (_SHIPPED / f"default-{name}.md").read_text(encoding="utf-8")


def help_markdown() -> str:
    return _page_markdown("help")


def guidelines_markdown() -> str:
    """The guidelines, chosen like the help (guidelines.es.md, guidelines.md, then the
    shipped default in the reader's language, then in English)."""
    return _page_markdown("guidelines")


@bp.get("/help")
@cached_for_readers
def help():
    # The country picked here (kept in the address only), else the one chosen in Settings;
    # never one guessed from the address or the browser's language.
    asked = request.args.get("country", "")
    country = lines_for(asked) or lines_for(current_user.country)
    return render_template(
        "help/index.html",
        resources=link_phone_numbers(render_post_body(help_markdown())),
        after=id_from(request.args.get("after", "")),
        stories=stories_of_getting_through(),
        country=country,
        choices=country_choices(),
    )


@bp.get("/help/lines")
@cached_for_readers
def lines():
    return render_template(
        "help/lines.html", countries=every_country(), directory_url=DIRECTORY_URL
    )


@bp.get("/guidelines")
def guidelines():
    return render_template(
        "help/guidelines.html", guidelines=render_post_body(guidelines_markdown())
    )


@bp.get("/welcome")
def welcome():
    return render_template(
        "help/welcome.html",
        guidelines=render_post_body(guidelines_markdown()),
        featured=featured_threads(current_user),
    )


@bp.get("/greet")
@login_required
def greet():
    """Newcomers' first threads with no reply yet, oldest first: no first post goes unanswered."""
    if not can_greet(current_user):
        raise NotAllowed(_("This page is for moderators and members who chose to greet newcomers."))
    return render_template("help/greet.html", threads=unanswered_first_threads())
