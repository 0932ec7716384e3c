"""What templates can call: the permission predicates, time formatting and link helpers."""

from datetime import datetime

from flask import Flask
from markupsafe import Markup, escape

from forum.permissions import Role
from forum.posts.content_notes import note_label, reader_mode
from forum.posts.permissions import PREDICATES
from forum.text import stored_html
from forum.timeutil import utcnow
from forum.web.urls import thread_url


def ago(moment: datetime | None) -> str:
    """'3 hours ago', in words a person says."""
    if moment is None:
        return ""
    seconds = int((utcnow() - moment).total_seconds())
    if seconds < 60:
        return "just now"
    for unit, size in (
        ("year", 31_536_000),
        ("month", 2_592_000),
        ("week", 604_800),
        ("day", 86_400),
        ("hour", 3_600),
        ("minute", 60),
    ):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''} ago"
    return "just now"


def timestamp(moment: datetime | None) -> Markup:
    """A <time> element: relative words, with the exact UTC time for machines and tooltips."""
    if moment is None:
        return Markup("")
    # Built with escape() rather than Markup.format(): a thread page has dozens of these.
    machine = escape(moment.isoformat(timespec="seconds") + "Z")
    exact = escape(moment.strftime("%Y-%m-%d %H:%M UTC"))
    return Markup(f'<time datetime="{machine}" title="{exact}">{escape(ago(moment))}</time>')


def month_year(moment: datetime) -> str:
    return moment.strftime("%B %Y")


def author_name(user) -> str:
    return user.pseudonym if user is not None else "a former member"


def register_jinja(app: Flask) -> None:
    """What every template may call; a feature adds its own through its blueprint
    (app_template_global), so that nothing here imports a feature."""
    app.jinja_env.globals.update(
        PREDICATES,
        Role=Role,
        thread_url=thread_url,
        note_label=note_label,
        reader_mode=reader_mode,
    )
    app.jinja_env.filters.update(
        ago=ago,
        timestamp=timestamp,
        month_year=month_year,
        author_name=author_name,
        post_html=stored_html,
        escape=escape,
    )
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
