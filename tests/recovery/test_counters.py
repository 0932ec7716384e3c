"""The rules of counters: days in a streak, the total across slips, time zones and privacy."""

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from forum.errors import ForumError, NotAllowed, NotFound
from forum.extensions import db
from forum.moderation.models import ModAction
from forum.notices.models import Notice
from forum.posts.models import Post
from forum.recovery import services
from forum.recovery.models import Counter, Streak, local_today
from forum.timeutil import utcnow
from tests.factories import make_user
from tests.recovery.helpers import make_counter


def test_the_start_date_is_day_one_and_the_streak_grows_a_day_at_a_time(app):
    """A member who started on 1 March is on day 1 that day and day 31 on 31 March."""
    counter = make_counter(make_user(), date(2025, 3, 1))
    assert counter.streak_days(date(2025, 3, 1)) == 1
    assert counter.streak_days(date(2025, 3, 31)) == 31
    assert counter.total_days(date(2025, 3, 31)) == 31


def test_a_slip_starts_a_new_streak_and_keeps_the_days_already_counted(app):
    """After a slip the streak starts again while the total keeps every earlier day."""
    member = make_user()
    counter = make_counter(member, date(2025, 1, 1))
    services.record_slip(member, counter, today=date(2025, 1, 11))
    db.session.commit()
    assert counter.started_on == date(2025, 1, 11)
    assert counter.streak_days(date(2025, 1, 11)) == 1
    assert counter.total_days(date(2025, 1, 11)) == 11
    assert counter.total_days(date(2025, 2, 9)) == 40


def test_two_slips_keep_both_earlier_streaks_in_the_history(app):
    """Each slip leaves its streak in the history, and the total is their sum plus today's."""
    member = make_user()
    counter = make_counter(member, date(2025, 1, 1))
    services.record_slip(member, counter, today=date(2025, 1, 31))
    services.record_slip(member, counter, new_start=date(2025, 3, 2), today=date(2025, 3, 5))
    db.session.commit()
    streaks = db.session.scalars(sa.select(Streak).order_by(Streak.number)).all()
    assert [(s.number, s.started_on, s.ended_on, s.days) for s in streaks] == [
        (1, date(2025, 1, 1), date(2025, 1, 31), 30),
        (2, date(2025, 1, 31), date(2025, 3, 2), 30),
    ]
    assert counter.streak == 3
    assert counter.streak_days(date(2025, 3, 5)) == 4
    assert counter.total_days(date(2025, 3, 5)) == 64


def test_a_slip_on_the_first_day_keeps_a_total_of_one_day(app):
    """Starting again on the day the streak began adds nothing and takes nothing away."""
    member = make_user()
    counter = make_counter(member, date(2025, 5, 5))
    services.record_slip(member, counter, today=date(2025, 5, 5))
    db.session.commit()
    assert counter.streak_days(date(2025, 5, 5)) == 1
    assert counter.total_days(date(2025, 5, 5)) == 1


@pytest.mark.parametrize(
    ("new_start", "message"),
    [
        (date(2025, 6, 2), "can't be in the future"),
        (date(2024, 12, 31), "can't be before the current one"),
    ],
)
def test_a_new_start_must_fall_within_the_current_streak(app, new_start, message):
    """The new streak can start neither tomorrow nor before the one it replaces."""
    member = make_user()
    counter = make_counter(member, date(2025, 1, 1))
    with pytest.raises(ForumError, match=message):
        services.record_slip(member, counter, new_start=new_start, today=date(2025, 6, 1))


def test_a_slip_is_never_announced(app):
    """Recording a slip writes no notice, no post and no moderation log row."""
    member = make_user()
    counter = make_counter(member, date(2025, 1, 1), show=True)
    services.record_slip(member, counter, today=date(2025, 4, 1))
    db.session.commit()
    for model in (Notice, Post, ModAction):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(model)) == 0


def test_today_is_the_members_own_date_in_their_time_zone(app):
    """At 23:30 UTC on 1 March it is already 2 March in Auckland and still 1 March in Denver."""
    moment = datetime(2025, 3, 1, 23, 30, tzinfo=UTC)
    assert local_today("Pacific/Auckland", moment) == date(2025, 3, 2)
    assert local_today("America/Denver", moment) == date(2025, 3, 1)
    assert local_today("UTC", moment) == date(2025, 3, 1)


def test_a_counter_in_auckland_turns_a_day_before_one_in_utc(app):
    """Two counters started the same day show different days at the same moment."""
    member = make_user()
    far = make_counter(member, date(2025, 3, 1), time_zone="Pacific/Auckland")
    near = make_counter(member, date(2025, 3, 1), label="gambling")
    moment = datetime(2025, 3, 7, 12, 0, tzinfo=UTC)
    assert far.streak_days(local_today(far.time_zone, moment)) == 8
    assert near.streak_days(local_today(near.time_zone, moment)) == 7


def test_a_start_date_in_the_future_is_refused(app):
    """Nobody can start counting from a day that hasn't come yet where they live."""
    with pytest.raises(ForumError, match="future"):
        services.add_counter(make_user(), "alcohol", date(2025, 3, 2), today=date(2025, 3, 1))


@pytest.mark.parametrize(
    ("label", "zone"), [("", "UTC"), ("x" * 41, "UTC"), ("alcohol", "Mars/Olympus_Mons")]
)
def test_a_counter_needs_a_short_name_and_a_real_time_zone(app, label, zone):
    """An empty or long name, or a zone not in the IANA list, is refused."""
    with pytest.raises(ForumError):
        services.add_counter(make_user(), label, date(2025, 1, 1), zone, today=date(2025, 2, 1))


def test_counters_are_private_until_the_member_shows_one(app):
    """A new counter is not shown beside the pseudonym unless asked."""
    counter = make_counter(make_user(), date(2025, 1, 1))
    assert counter.is_shown is False


def test_only_one_counter_is_shown_at_a_time(app):
    """Showing a second counter stops showing the first."""
    member = make_user()
    first = make_counter(member, date(2025, 1, 1), show=True)
    second = make_counter(member, date(2025, 2, 1), label="gambling")
    services.show_counter(member, second)
    db.session.commit()
    shown = db.session.scalars(sa.select(Counter.id).where(Counter.is_shown.is_(True))).all()
    assert shown == [second.id]
    services.show_counter(member, None)
    db.session.commit()
    db.session.refresh(first)
    assert not first.is_shown and not second.is_shown


def test_nobody_can_touch_another_members_counter(app):
    """Another member's counter is treated as missing."""
    counter = make_counter(make_user(), date(2025, 1, 1))
    with pytest.raises(NotFound):
        services.record_slip(make_user(), counter, today=date(2025, 2, 1))


def test_a_suspended_member_cannot_add_a_counter(app):
    """While suspended, a member only reads."""
    member = make_user(suspended_until=utcnow() + timedelta(days=3), suspension_reason="Rude")
    with pytest.raises(NotAllowed):
        services.add_counter(member, "alcohol", date(2025, 1, 1), today=date(2025, 2, 1))


def test_removing_a_counter_removes_its_history(app):
    """A removed counter leaves no streaks behind."""
    member = make_user()
    counter = make_counter(member, date(2025, 1, 1))
    services.record_slip(member, counter, today=date(2025, 2, 1))
    db.session.commit()
    services.delete_counter(member, counter)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Streak)) == 0
