"""Weeks (Monday to Monday, UTC), and the few statistics the health page shows."""

import math
import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import format_date
from flask_babel import gettext as _

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Week:
    start: datetime
    end: datetime  # the next Monday, or now for the week under way

    @property
    def label(self) -> str:
        """The week's Monday in the reader's language: "24 Nov", "24 nov"."""
        return format_date(self.start, "d MMM", rebase=False)

    def holds(self, moment: datetime | None) -> bool:
        return moment is not None and self.start <= moment < self.end


def last_weeks(count: int, now: datetime) -> list[Week]:
    """The last `count` weeks, oldest first; the last one is the week under way."""
    monday = (now - timedelta(days=now.weekday())).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    starts = [monday - WEEK * back for back in range(count - 1, -1, -1)]
    return [Week(start, min(start + WEEK, now)) for start in starts]


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def percentile(values: list[float], share: int) -> float | None:
    """The nearest-rank percentile: the smallest value at least `share`% of them reach."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(share / 100 * len(ordered)) - 1, 0)]


def minutes_between(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 60


def span(minutes: float | None) -> str:
    """A length of time as people say it: "12 min", "3 h 5 min", "2 days 4 h"; "–" for none.
    Always two days or more when days are counted, so the plural is the only form."""
    if minutes is None:
        return "–"
    whole = int(round(minutes))
    if whole < 60:
        return f"{whole} min"
    hours, rest = divmod(whole, 60)
    if hours < 48:
        return f"{hours} h {rest} min" if rest else f"{hours} h"
    days, hours = divmod(hours, 24)
    if hours:
        return _("%(days)s days %(hours)s h", days=days, hours=hours)
    return _("%(days)s days", days=days)
