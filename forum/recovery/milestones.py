"""Which day counts are milestones, how one reads ("90 days", "2 years"), which to offer."""

from datetime import date, timedelta

from forum.recovery.models import Counter, local_date

FIRST_MILESTONES = (1, 7, 30, 60, 90, 180)
YEAR = 365


def milestones_up_to(days: int) -> list[int]:
    """The milestones a streak of `days` days has reached, smallest first."""
    reached = [m for m in FIRST_MILESTONES if m <= days]
    reached += [YEAR * years for years in range(1, days // YEAR + 1)]
    return reached


def milestone_name(days: int) -> str:
    """The words on the badge and in the title: "1 day", "90 days", "1 year", "3 years"."""
    if days % YEAR == 0:
        years = days // YEAR
        return f"{years} year{'s' if years != 1 else ''}"
    return f"{days} day{'s' if days != 1 else ''}"


def open_milestones(counter: Counter, answered: set[int], today: date) -> list[int]:
    """The milestones to offer: reached in this streak, not yet shared or set aside.

    Those a backdated counter had already passed when it was added are not offered one by
    one; only the latest of them is.
    """
    reached = milestones_up_to(counter.streak_days(today))
    added_on = local_date(counter.time_zone, counter.created_at) if counter.created_at else today
    return [
        days
        for days in reached
        if days not in answered
        and (days == reached[-1] or counter.started_on + timedelta(days=days - 1) >= added_on)
    ]
