"""Reading counters: a member's own, their answered milestones, and the days their posts show."""

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from forum.accounts.models import User
from forum.extensions import db
from forum.permissions import is_member
from forum.posts.models import Board
from forum.recovery.milestones import open_milestones
from forum.recovery.models import (
    Counter,
    Milestone,
    MilestoneAnswer,
    PostDay,
    Streak,
    local_today,
)

MILESTONES_BOARD = "milestones"


def counters_of(member) -> list[Counter]:
    stmt = sa.select(Counter).where(Counter.user_id == member.id).order_by(Counter.id)
    return list(db.session.scalars(stmt))


def time_zone_of(member) -> str:
    """The member's own time zone, as their oldest counter keeps it (UTC without one)."""
    zone = db.session.scalar(
        sa.select(Counter.time_zone)
        .where(Counter.user_id == member.id)
        .order_by(Counter.id)
        .limit(1)
    )
    return zone or "UTC"


def counter_of(member, counter_id: int) -> Counter | None:
    """One of the member's own counters; someone else's is as good as missing."""
    if not is_member(member):
        return None
    stmt = sa.select(Counter).where(Counter.id == counter_id, Counter.user_id == member.id)
    return db.session.scalar(stmt)


def answered_milestones(counters: list[Counter]) -> dict[int, set[int]]:
    """For each counter, the milestones of its current streak already shared or set aside."""
    if not counters:
        return {}
    current = sa.tuple_(Milestone.counter_id, Milestone.streak).in_(
        [(c.id, c.streak) for c in counters]
    )
    found: dict[int, set[int]] = {c.id: set() for c in counters}
    for counter_id, days in db.session.execute(
        sa.select(Milestone.counter_id, Milestone.days).where(current)
    ):
        found[counter_id].add(days)
    return found


def answer_to(counter: Counter, days: int) -> Milestone | None:
    """How the member answered this milestone in the current streak, if they have."""
    return db.session.scalar(
        sa.select(Milestone).where(
            Milestone.counter_id == counter.id,
            Milestone.streak == counter.streak,
            Milestone.days == days,
        )
    )


def shared_in_an_earlier_streak(counter: Counter) -> bool:
    """Whether the member shared a milestone before their last slip: a new one would let
    readers who saw it work out that they started again."""
    stmt = sa.select(Milestone.id).where(
        Milestone.counter_id == counter.id,
        Milestone.streak < counter.streak,
        Milestone.answer == MilestoneAnswer.SHARED,
    )
    return db.session.scalar(stmt.limit(1)) is not None


def earlier_streaks(counters: list[Counter]) -> dict[int, list[Streak]]:
    """Each counter's closed streaks, newest first, in one query."""
    if not counters:
        return {}
    found: dict[int, list[Streak]] = {c.id: [] for c in counters}
    stmt = (
        sa.select(Streak)
        .where(Streak.counter_id.in_([c.id for c in counters]))
        .order_by(Streak.number.desc())
    )
    for streak in db.session.scalars(stmt):
        found[streak.counter_id].append(streak)
    return found


@dataclass
class CounterSummary:
    """What the member's home page shows of one counter."""

    counter: Counter
    today: date
    streak_days: int
    total_days: int
    offers: list[int]
    earlier: list[Streak]


def summaries_for(member, now: datetime | None = None) -> list[CounterSummary]:
    """The member's counters with their days and open milestone offers, in three queries."""
    counters = counters_of(member)
    answered = answered_milestones(counters)
    earlier = earlier_streaks(counters)
    found = []
    for counter in counters:
        today = local_today(counter.time_zone, now)
        # The current streak was added when the last slip was recorded, if there was one.
        added_at = earlier[counter.id][0].created_at if earlier[counter.id] else None
        found.append(
            CounterSummary(
                counter,
                today,
                counter.streak_days(today),
                counter.total_days(today),
                open_milestones(counter, answered[counter.id], today, added_at),
                earlier[counter.id],
            )
        )
    return found


def sees_day_counts(viewer) -> bool:
    """Visitors see them; a member may have turned them off."""
    return not is_member(viewer) or bool(viewer.show_day_counts)


def shown_day_counts(viewer, posts) -> dict[int, int]:
    """post id -> the day its author showed when writing it, in one query.

    Only days written while a counter was shown exist, and only those of a counter still
    shown are read: a private counter, or today's count after a slip, can't reach a page.
    """
    ids = [p.id for p in posts]
    if not ids or not sees_day_counts(viewer):
        return {}
    stmt = (
        sa.select(PostDay.post_id, PostDay.day)
        .join(Counter, Counter.id == PostDay.counter_id)
        .where(PostDay.post_id.in_(ids), Counter.is_shown.is_(True))
    )
    return {post_id: day for post_id, day in db.session.execute(stmt)}


def milestones_board() -> Board | None:
    """The board milestone threads go to, while it is open."""
    stmt = sa.select(Board).where(Board.slug == MILESTONES_BOARD, Board.is_archived.is_(False))
    return db.session.scalar(stmt)


def counters_for_export(user: User) -> list[dict]:
    """A member's counters with their earlier streaks, for their data export."""
    counters = db.session.scalars(
        sa.select(Counter).where(Counter.user_id == user.id).order_by(Counter.id)
    ).all()
    streaks = (
        db.session.scalars(
            sa.select(Streak)
            .where(Streak.counter_id.in_([c.id for c in counters]))
            .order_by(Streak.id)
        ).all()
        if counters
        else []
    )
    days_on_posts: dict[int, list[dict]] = {c.id: [] for c in counters}
    if counters:
        for counter_id, post_id, day in db.session.execute(
            sa.select(PostDay.counter_id, PostDay.post_id, PostDay.day)
            .where(PostDay.counter_id.in_([c.id for c in counters]))
            .order_by(PostDay.post_id)
        ):
            days_on_posts[counter_id].append({"post_id": post_id, "day": day})
    return [
        {
            "label": c.label,
            "time_zone": c.time_zone,
            "current_start": c.started_on.isoformat(),
            "shown_beside_posts": c.is_shown,
            "paused_since_a_slip": c.is_paused,
            "days_shown_on_posts": days_on_posts[c.id],
            "earlier_streaks": [
                {
                    "started": s.started_on.isoformat(),
                    "ended": s.ended_on.isoformat(),
                    "days": s.days,
                }
                for s in streaks
                if s.counter_id == c.id
            ],
        }
        for c in counters
    ]
