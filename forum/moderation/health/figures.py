"""The health figures, week by week: counted in Python from the rows `queries` reads, so
that SQLite and PostgreSQL give the same numbers and every figure is tested on its own."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from forum.moderation.health import queries
from forum.moderation.health.weeks import Week, last_weeks, median, minutes_between, percentile
from forum.moderation.models import ReportState
from forum.timeutil import utcnow


@dataclass(frozen=True)
class WeekFigures:
    week: Week
    first_threads: int  # members' first threads started this week
    first_reply_median: float | None  # minutes, over those answered so far
    first_reply_p90: float | None
    unanswered: int  # of those first threads, how many nobody has answered yet
    care_reports: int
    care_action_median: float | None  # minutes from a care report to a moderator's first act
    care_action_p90: float | None
    care_waiting: int  # care reports of this week nobody has acted on yet
    queue_open: int  # items open at the week's end (now, for the week under way)
    queue_age_median: float | None  # minutes, of the items open at the week's end
    queue_age_oldest: float | None
    decided: int  # items settled by a moderator this week
    moderators: int  # how many moderators settled at least one
    most_by_one: int  # the most one moderator settled (who, never shown)
    upheld: int  # reports answered with an action
    dismissed: int  # reports answered with no action
    looked_after: int  # care reports answered with care

    @property
    def unanswered_share(self) -> float | None:
        return self.unanswered / self.first_threads if self.first_threads else None

    @property
    def per_moderator(self) -> float | None:
        return self.decided / self.moderators if self.moderators else None


def _gaps(rows, week: Week) -> tuple[list[float], int, int]:
    """Of (start, answered) pairs starting in `week`: the minutes to an answer, how many
    started, how many are unanswered."""
    started = [(start, end) for start, end in rows if week.holds(start)]
    gaps = [minutes_between(start, end) for start, end in started if end is not None]
    return gaps, len(started), len(started) - len(gaps)


def _open_at(spans, moment: datetime) -> list[float]:
    return [
        minutes_between(came, moment)
        for came, settled in spans
        if came < moment and (settled is None or settled >= moment)
    ]


def weekly(weeks: int = 8, now: datetime | None = None) -> list[WeekFigures]:
    """The last `weeks` weeks, oldest first; the last is the week under way."""
    now = now or utcnow()
    span = last_weeks(weeks, now)
    since = span[0].start
    threads = queries.first_threads(since)
    care = queries.care_reports(since)
    spans = queries.queue_spans(since)
    decided = queries.decisions(since)
    outcomes = queries.report_outcomes(since)
    found = []
    for week in span:
        reply_gaps, started, unanswered = _gaps(threads, week)
        care_gaps, reported, waiting = _gaps(care, week)
        ages = _open_at(spans, week.end)
        by_moderator = Counter(who for when, who in decided if week.holds(when))
        answered = Counter(state for when, state in outcomes if week.holds(when))
        found.append(
            WeekFigures(
                week=week,
                first_threads=started,
                first_reply_median=median(reply_gaps),
                first_reply_p90=percentile(reply_gaps, 90),
                unanswered=unanswered,
                care_reports=reported,
                care_action_median=median(care_gaps),
                care_action_p90=percentile(care_gaps, 90),
                care_waiting=waiting,
                queue_open=len(ages),
                queue_age_median=median(ages),
                queue_age_oldest=max(ages) if ages else None,
                decided=sum(by_moderator.values()),
                moderators=len(by_moderator),
                most_by_one=max(by_moderator.values(), default=0),
                upheld=answered[ReportState.ACTION_TAKEN],
                dismissed=answered[ReportState.NO_ACTION],
                looked_after=answered[ReportState.REVIEWED],
            )
        )
    return found


def care_waiting_now(now: datetime | None = None) -> tuple[int, float | None]:
    """Care reports no moderator has acted on yet, whenever they came, and the minutes the
    oldest of them has waited."""
    now = now or utcnow()
    unseen = [
        minutes_between(made, now)
        for made, acted in queries.care_reports(None, waiting=True)
        if acted is None
    ]
    return len(unseen), max(unseen, default=None)


@dataclass(frozen=True)
class ModeratorLoad:
    pseudonym: str
    today: int
    week: int  # the last 7 days
    month: int  # the last 28 days
    care: int  # of the last 28 days' items, those with a care report


def load_per_moderator(now: datetime | None = None) -> list[ModeratorLoad]:
    """For admins only: how many items each moderator settled lately."""
    now = now or utcnow()
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    month_ago = now - timedelta(days=28)
    week_ago = now - timedelta(days=7)
    return [
        ModeratorLoad(
            pseudonym,
            today=sum(1 for when, _ in settled if when >= midnight),
            week=sum(1 for when, _ in settled if when >= week_ago),
            month=len(settled),
            care=sum(1 for _, care in settled if care),
        )
        for pseudonym, settled in queries.load_by_moderator(month_ago)
    ]
