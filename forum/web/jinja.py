"""What templates can call: the permission predicates, time formatting and link helpers."""

from datetime import datetime, timedelta
from functools import lru_cache

from flask import Flask
from flask_babel import (
    format_date,
    format_datetime,
    format_number,
    format_timedelta,
    gettext,
)
from markupsafe import Markup, escape

from forum.i18n import current_locale, reader_clock
from forum.i18n import lazy_gettext as _l
from forum.permissions import Role
from forum.posts.content_notes import note_label, reader_mode
from forum.posts.permissions import PREDICATES
from forum.text import stored_html
from forum.timeutil import utcnow
from forum.web.fragments import CSRF_SLOT
from forum.web.urls import thread_path, thread_url

# A year, a month, a week, a day, an hour, a minute: the units the formatter counts in.
_UNIT_SECONDS = (31_536_000, 2_592_000, 604_800, 86_400, 3_600, 60)


def ago(moment: datetime | None, now: datetime | None = None, locale: str | None = None) -> str:
    """'3 hours ago' ('hace 3 horas'), in words a person says in the reader's language."""
    if moment is None:
        return ""
    elapsed = (now or utcnow()) - moment
    if elapsed < timedelta(minutes=1):
        return gettext("just now")
    # Whole units, counted down ("1 hour ago" until the second hour has passed), where the
    # formatter alone would round 90 minutes up to "2 hours".
    seconds = int(elapsed.total_seconds())
    unit = next(size for size in _UNIT_SECONDS if seconds >= size)
    return _ago_in(seconds - seconds % unit, locale or current_locale())


# A thread page writes dozens of times; the words for each one are worked out once a worker.
# The language and time zone are part of the key, and are the request's when a key is new.
@lru_cache(maxsize=4096)
def _ago_in(whole_seconds: int, _locale: str) -> str:
    return format_timedelta(-timedelta(seconds=whole_seconds), threshold=1, add_direction=True)


@lru_cache(maxsize=4096)
def _exact_in(moment: datetime, _locale: str, _zone: str) -> str:
    return format_datetime(moment, "medium")


def timestamp(moment: datetime | None) -> Markup:
    """A <time> element: relative words, with the exact time (in the member's time zone and
    the reader's language) for tooltips and the UTC time for machines."""
    return time_element(moment, *reader_clock())


def time_element(moment: datetime | None, now: datetime, locale: str, zone: str) -> Markup:
    """timestamp() for a page that writes many: the moment, language and zone asked once."""
    if moment is None:
        return Markup("")
    # Built with escape() rather than Markup.format(): a thread page has dozens of these.
    machine = escape(moment.isoformat(timespec="seconds") + "Z")
    exact = escape(_exact_in(moment, locale, zone))
    return Markup(
        f'<time datetime="{machine}" title="{exact}">{escape(ago(moment, now, locale))}</time>'
    )


def month_year(moment: datetime) -> str:
    return format_date(moment, "LLLL y")


# "3 December 2026" and "Thursday 3 December 2026" as each language writes them; a language
# not listed writes them the English way.
_DAY_MONTH_YEAR = {"es": "d 'de' MMMM 'de' y"}
_WEEKDAY_DAY_MONTH_YEAR = {"es": "EEEE, d 'de' MMMM 'de' y"}


def day_month_year(day) -> str:
    return format_date(day, _DAY_MONTH_YEAR.get(current_locale(), "d MMMM y"))


def weekday_day_month_year(day) -> str:
    return format_date(day, _WEEKDAY_DAY_MONTH_YEAR.get(current_locale(), "EEEE d MMMM y"))


# The words for a post's state and kind, where a page shows them as a badge or a choice.
_STATUS_WORDS = {
    "visible": _l("Visible"),
    "pending": _l("Pending"),
    "hidden": _l("Hidden"),
    "removed": _l("Removed"),
    "deleted": _l("Deleted"),
    "rejected": _l("Rejected"),
    "withdrawn": _l("Withdrawn"),
}
_KIND_WORDS = {"story": _l("Story"), "milestone": _l("Milestone"), "reply": _l("Reply")}


def status_words(value: str) -> str:
    return str(_STATUS_WORDS.get(value, value.capitalize()))


def kind_words(value: str) -> str:
    return str(_KIND_WORDS.get(value, value.capitalize()))


def author_name(user) -> str:
    return user.pseudonym if user is not None else gettext("a former member")


def register_jinja(app: Flask) -> None:
    """What every template may call; a feature adds its own through its blueprint
    (app_template_global), so that nothing here imports a feature."""
    app.jinja_env.globals.update(
        PREDICATES,
        Role=Role,
        thread_url=thread_url,
        thread_path=thread_path,
        note_label=note_label,
        reader_mode=reader_mode,
        status_words=status_words,
        kind_words=kind_words,
        csrf_slot=CSRF_SLOT,
    )
    app.jinja_env.filters.update(
        ago=ago,
        timestamp=timestamp,
        month_year=month_year,
        day_month_year=day_month_year,
        weekday_day_month_year=weekday_day_month_year,
        number=format_number,
        author_name=author_name,
        post_html=stored_html,
        escape=escape,
    )
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
