"""Which day counts are milestones, how one reads ("90 days", "2 years"), which to offer."""

import re
from datetime import date, datetime, timedelta

from flask_babel import force_locale, ngettext

from forum.recovery.models import Counter, local_date

# None under a week: a streak's first days are also the days just after a slip, and a
# shared "1 day" or "3 days" would tell readers who saw an earlier milestone what happened.
FIRST_MILESTONES = (7, 30, 60, 90, 180)
YEAR = 365


def milestones_up_to(days: int) -> list[int]:
    """The milestones a streak of `days` days has reached, smallest first."""
    reached = [m for m in FIRST_MILESTONES if m <= days]
    reached += [YEAR * years for years in range(1, days // YEAR + 1)]
    return reached


def milestone_name(days: int) -> str:
    """The milestone in the reader's words: "7 days", "90 days", "1 year" ("1 año")."""
    if days % YEAR == 0:
        return ngettext("%(num)s year", "%(num)s years", days // YEAR)
    return ngettext("%(num)s day", "%(num)s days", days)


def milestone_badge(days: int) -> str:
    """The badge as the thread stores it: in English whoever shares it, like every stored
    word (`badge_words` says it in each reader's language)."""
    with force_locale("en"):
        return milestone_name(days)


_STORED_BADGE = re.compile(r"(\d+) (day|year)s?")


def badge_words(badge: str | None) -> str | None:
    """A stored badge ("90 days", "2 years") in the reader's words; any other as it is."""
    found = _STORED_BADGE.fullmatch(badge or "")
    if found is None:
        return badge
    number = int(found.group(1))
    return milestone_name(number * YEAR if found.group(2) == "year" else number)


def open_milestones(
    counter: Counter, answered: set[int], today: date, streak_added_at: datetime | None = None
) -> list[int]:
    """The milestones to offer: reached in this streak, not yet shared or set aside.

    Those the streak had already passed when it was added (a backdated counter, or a slip
    recorded days later, `streak_added_at`) are not offered one by one; only the latest is.
    """
    reached = milestones_up_to(counter.streak_days(today))
    added_at = streak_added_at or counter.created_at
    added_on = local_date(counter.time_zone, added_at) if added_at else today
    return [
        days
        for days in reached
        if days not in answered
        and (days == reached[-1] or counter.started_on + timedelta(days=days - 1) >= added_on)
    ]
