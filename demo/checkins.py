"""The demo's daily rhythm: check-ins in the Community Lounge, today's threads open with a
few replies, and some members' pledges (their own; the demo shows them only to them)."""

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from forum.accounts.models import User
from forum.checkins.bands import BY_KEY, OPENS_AT
from forum.checkins.models import Pledge
from forum.checkins.queries import member_day, with_pledged_line
from forum.checkins.services import keeper, open_due_checkins
from forum.extensions import db
from forum.posts.models import Board, Post
from forum.timeutil import utcnow
from forum.writing.checks import Draft
from forum.writing.services import write_reply

CHECKIN_BOARD = "community-lounge"
REPLIES = (
    "Here. Slept badly but I'm up and I'm not drinking today.",
    "Day by day. Going to a meeting at lunch.",
    "Checking in from the night shift. Tea, not beer.",
    "Rough morning, cravings came early. Writing here instead of going to the shop.",
    "Walked the dog at sunrise. That's my plan for today: one walk at a time.",
    "Here and grateful. A year ago I couldn't have written this.",
)


def seed_checkins(rng: random.Random, members: list[User]) -> int:
    """Turn check-ins on, open today's threads, and add replies and pledges. Returns how many
    threads opened. Caller commits."""
    board = db.session.scalar(sa.select(Board).where(Board.slug == CHECKIN_BOARD))
    if board is None or board.is_archived:
        return 0
    board.has_checkins = True
    now = utcnow()
    keeper().created_at = now - timedelta(days=2)  # there before this morning's threads
    opened = open_due_checkins(now)
    for checkin in opened:
        thread = checkin.thread
        # The thread opened at 07:00 in its band; the replies came in since.
        began = _morning_of(checkin, now)
        repliers = rng.sample(members, k=min(3, len(members)))
        times = sorted(began + (now - began) * rng.random() for _ in repliers)
        for member, when in zip(repliers, times, strict=True):
            pledged = _pledge_a_streak(rng, member, now)
            body = rng.choice(REPLIES)
            if pledged and rng.random() < 0.5:
                body = with_pledged_line(body)
            write_reply(member, thread, Draft(body, post_anyway=True)).post.created_at = when
        opening = db.session.scalar(
            sa.select(Post).where(Post.thread_id == thread.id, Post.is_opening.is_(True))
        )
        thread.created_at = opening.created_at = began
        thread.last_activity_at = times[-1] if times else began
    return len(opened)


def _morning_of(checkin, now: datetime) -> datetime:
    band = BY_KEY[checkin.band]
    local = datetime.combine(checkin.day, OPENS_AT, tzinfo=ZoneInfo(band.time_zone))
    return min(local.astimezone(UTC).replace(tzinfo=None), now)


def _pledge_a_streak(rng: random.Random, member: User, now) -> bool:
    """Some members pledged each day for a while, up to today."""
    if rng.random() < 0.4:
        return False
    today = member_day(member, now)
    taken = set(db.session.scalars(sa.select(Pledge.day).where(Pledge.user_id == member.id)))
    for back in range(rng.randint(1, 40)):
        day = today - timedelta(days=back)
        if day not in taken:
            db.session.add(Pledge(user_id=member.id, day=day))
    db.session.flush()
    return True
