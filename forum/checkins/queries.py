"""Reading the daily rhythm: which thread is a check-in, today's, a member's pledges."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import force_locale, format_date, gettext

from forum.checkins.bands import BANDS, BY_KEY, OPENS_AT, Band
from forum.checkins.models import CheckinThread, Pledge
from forum.extensions import db
from forum.i18n import current_locale, default_locale
from forum.i18n import lazy_gettext as _l
from forum.permissions import is_member
from forum.posts.models import Board, Thread, ThreadStatus
from forum.recovery.queries import time_zone_of
from forum.timeutil import utcnow

# A day's thread opens with the board's own text, or this one (posted in the forum's own
# language; the moderators read it in theirs).
DEFAULT_TEXT = _l(
    "Good morning, and welcome to today's check-in.\n\n"
    "Say how you are, what today holds, or only that you're here: every reply counts. If you "
    'like, pledge for today ("Today I won\'t drink or use") with the button on this page; '
    "nobody sees your pledge unless you say so.\n\n"
    "If today is hard, you don't have to carry it alone: reply here, or find the help lines "
    "on the Help page. One day at a time, together."
)
# What a check-in reply begins with when its author chooses to say they pledged.
PLEDGED_LINE = "*Pledged today.*"
# "Tuesday 10 March" as each language writes a day in a title; a language not listed
# writes it the English way.
_TITLE_DAY = {"es": "EEEE d 'de' MMMM"}


def default_text() -> str:
    """The default opening text as the forum posts it: in the forum's own language."""
    with force_locale(default_locale()):
        return str(DEFAULT_TEXT)


def opening_text(board: Board) -> str:
    return board.checkin_text or default_text()


def with_pledged_line(body: str) -> str:
    return body if body.startswith(PLEDGED_LINE) else f"{PLEDGED_LINE}\n\n{body}"


def checkin_title(band: Band, day: date) -> str:
    """A day's check-in title in the reader's language: "Daily check-in: Tuesday 10 March,
    morning in Europe and Africa"."""
    words = format_date(day, _TITLE_DAY.get(current_locale(), "EEEE d MMMM"))
    return gettext("Daily check-in: %(day)s, %(band)s", day=words, band=band.label)


def stored_title(band: Band, day: date) -> str:
    """The title a day's thread opens with: in English, like every stored word."""
    with force_locale("en"):
        return checkin_title(band, day)


def shown_title(checkin: CheckinThread) -> str:
    """What the check-ins page calls a day's thread: its title in the reader's words, unless
    the moderators gave it another."""
    band, title = band_of(checkin), checkin.thread.title
    if band is not None and title == stored_title(band, checkin.day):
        return checkin_title(band, checkin.day)
    return title


def checkin_of(thread: Thread) -> CheckinThread | None:
    return db.session.scalar(sa.select(CheckinThread).where(CheckinThread.thread_id == thread.id))


def bands() -> tuple[tuple[Band, ...], object]:
    """The bands a check-in thread opens for, and the local time each opens at."""
    return BANDS, OPENS_AT


def band_of(checkin: CheckinThread) -> Band | None:
    return BY_KEY.get(checkin.band)


def open_checkins() -> list[CheckinThread]:
    """The check-in threads pinned now (each band's latest), on boards readers can open."""
    return list(
        db.session.scalars(
            sa.select(CheckinThread)
            .join(CheckinThread.thread)
            .join(Board, Board.id == Thread.board_id)
            .where(
                Thread.is_pinned.is_(True),
                Thread.status == ThreadStatus.VISIBLE,
                Board.is_archived.is_(False),
                Board.has_checkins.is_(True),
            )
            .order_by(CheckinThread.day.desc(), CheckinThread.band)
        )
    )


def member_day(member, now: datetime | None = None) -> date:
    """The member's own date now: their counter's time zone, else UTC."""
    now = (now or utcnow()).replace(tzinfo=ZoneInfo("UTC"))
    return now.astimezone(ZoneInfo(time_zone_of(member))).date()


def pledged_on(member, day: date) -> bool:
    if not is_member(member):
        return False
    return db.session.scalar(
        sa.select(sa.exists().where(Pledge.user_id == member.id, Pledge.day == day))
    )


def pledged_today(member, now: datetime | None = None) -> bool:
    return is_member(member) and pledged_on(member, member_day(member, now))


def streak(member, now: datetime | None = None) -> int:
    """Days in a row the member pledged, up to today (or up to yesterday, while today's
    pledge is still to come: a morning not yet pledged breaks nothing)."""
    today = member_day(member, now)
    days = set(
        db.session.scalars(
            sa.select(Pledge.day).where(
                Pledge.user_id == member.id, Pledge.day >= today - timedelta(days=3660)
            )
        )
    )
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def pledges_for_export(member) -> list[str]:
    days = db.session.scalars(
        sa.select(Pledge.day).where(Pledge.user_id == member.id).order_by(Pledge.day)
    )
    return [day.isoformat() for day in days]
