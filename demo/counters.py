"""Demo counters for `flask seed demo`: one shown on posts, one with a slip, one milestone due."""

from datetime import timedelta

import sqlalchemy as sa

from forum.accounts.models import User
from forum.extensions import db
from forum.posts.models import Post
from forum.recovery import services
from forum.recovery.models import Counter, PostDay, local_today
from forum.timeutil import utcnow

# (label, time zone, days in the current streak, days of an earlier streak, shown on posts)
_MEMBER_COUNTERS = (
    ("alcohol", "America/Chicago", 142, 0, True),
    ("gambling", "Europe/London", 75, 48, False),
    ("cannabis", "Australia/Sydney", 12, 0, False),
    ("alcohol", "UTC", 400, 0, True),
)


def seed_counters(admin: User, members: list[User]) -> int:
    """Give a few members counters, and the admin a 30-day milestone waiting to be shared.

    Caller commits.
    """
    made = 0
    for member, (label, zone, streak, earlier, shown) in zip(
        members, _MEMBER_COUNTERS, strict=False
    ):
        today = local_today(zone)
        first_start = today - timedelta(days=streak - 1 + earlier)
        counter = services.add_counter(member, label, first_start, zone, shown, today=today)
        counter.created_at = utcnow() - timedelta(days=streak + earlier)
        if earlier:
            services.record_slip(member, counter, first_start + timedelta(days=earlier), today)
        if shown:
            _date_posts_of(member, counter)
        made += 1
    # Added ten days ago on day 20: the earlier milestones passed before it was added.
    counter = services.add_counter(admin, "alcohol", local_today("UTC") - timedelta(days=29))
    counter.created_at = utcnow() - timedelta(days=10)
    return made + 1


def _date_posts_of(member: User, counter: Counter) -> None:
    """The demo's posts were written before its counters: those of a shown counter's streak
    get the day they would have shown when written, as if it had been shown all along."""
    dated = db.session.execute(
        sa.select(Post.id, Post.created_at).where(Post.author_id == member.id)
    ).all()
    for post_id, created_at in dated:
        day = counter.day_at(created_at)
        if day > 0:
            db.session.add(PostDay(post_id=post_id, counter_id=counter.id, day=day))
