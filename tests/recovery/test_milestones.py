"""Milestones: which days count, which are offered, and what sharing or "Not now" does."""

from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from forum.errors import Conflict, NotAllowed, NotFound
from forum.extensions import db
from forum.posts.models import Post, PostStatus, ThreadKind, ThreadStatus
from forum.recovery import queries, services
from forum.recovery.milestones import milestone_name, milestones_up_to, open_milestones
from forum.recovery.models import Milestone, MilestoneAnswer
from forum.timeutil import utcnow
from forum.writing.checks import Draft
from tests.factories import make_board, make_user
from tests.recovery.helpers import make_counter

START = date(2025, 1, 1)
WEEK = date(2025, 1, 7)


def _offers(counter, today):
    return open_milestones(counter, queries.answered_milestones([counter])[counter.id], today)


@pytest.mark.parametrize(
    ("days", "reached"),
    [
        (0, []),
        (1, []),
        (6, []),
        (7, [7]),
        (90, [7, 30, 60, 90]),
        (364, [7, 30, 60, 90, 180]),
        (365, [7, 30, 60, 90, 180, 365]),
        (1095, [7, 30, 60, 90, 180, 365, 730, 1095]),
    ],
)
def test_milestones_are_the_first_weeks_and_months_then_each_year(days, reached):
    """7, 30, 60, 90 and 180 days, then every 365 days; nothing in the first week."""
    assert milestones_up_to(days) == reached


@pytest.mark.parametrize(
    ("days", "name"),
    [(1, "1 day"), (7, "7 days"), (90, "90 days"), (365, "1 year"), (730, "2 years")],
)
def test_a_milestone_reads_in_days_then_years(days, name):
    """Badges say "90 days" and "1 year", as people say them."""
    assert milestone_name(days) == name


def test_each_milestone_reached_since_the_counter_was_added_is_offered(app):
    """A member who added a counter on day 1 is offered 7 and 30 days on day 30."""
    counter = make_counter(make_user(), START, added_at=datetime(2025, 1, 1, 8))
    assert _offers(counter, START) == []
    assert _offers(counter, START + timedelta(days=29)) == [7, 30]


def test_a_backdated_counter_offers_only_its_latest_milestone(app):
    """Adding a counter at 100 days offers 90 days, not every milestone before it."""
    counter = make_counter(make_user(), START, added_at=datetime(2025, 4, 10, 9))
    assert _offers(counter, date(2025, 4, 10)) == [90]


def test_shared_and_dismissed_milestones_are_not_offered_again(app):
    """Once shared or set aside, a milestone leaves the offers; the others stay."""
    make_board("Milestones", "milestones")
    member = make_user()
    counter = make_counter(member, START, added_at=datetime(2025, 1, 1, 8))
    today = START + timedelta(days=29)
    services.share_milestone(member, counter, 30, Draft("Thank you all.", "30 days"), today=today)
    services.dismiss_milestone(member, counter, 7, today=today)
    db.session.commit()
    assert _offers(counter, today) == []
    assert _offers(counter, START + timedelta(days=59)) == [60]


def test_sharing_starts_a_milestone_thread_with_its_badge(app):
    """The thread goes to the Milestones board, of kind milestone, badged "90 days"."""
    board = make_board("Milestones", "milestones")
    member = make_user()
    counter = make_counter(member, START)
    thread = services.share_milestone(
        member,
        counter,
        90,
        Draft("I never thought I'd get here.", "Ninety days!"),
        today=date(2025, 4, 1),
    ).post.thread
    db.session.commit()
    assert (thread.board_id, thread.kind, thread.badge) == (
        board.id,
        ThreadKind.MILESTONE,
        "90 days",
    )
    assert thread.title == "Ninety days!"
    mark = db.session.scalar(sa.select(Milestone))
    assert (mark.answer, mark.thread_id, mark.streak) == (MilestoneAnswer.SHARED, thread.id, 1)


def test_a_held_milestone_thread_waits_for_a_moderator(app):
    """With pre-moderation on, a newcomer's milestone thread is pending like any other."""
    app.config["TRUST_NEW_POSTS_WAIT"] = True
    make_board("Milestones", "milestones")
    member = make_user()
    counter = make_counter(member, START)
    thread = services.share_milestone(
        member, counter, 7, Draft("A week.", "7 days"), today=date(2025, 1, 7)
    ).post.thread
    db.session.commit()
    assert thread.status == ThreadStatus.PENDING
    assert db.session.scalar(sa.select(Post.status)) == PostStatus.PENDING


def test_a_milestone_not_yet_reached_cannot_be_shared(app):
    """Day 29 is not 30 days."""
    make_board("Milestones", "milestones")
    member = make_user()
    counter = make_counter(member, START)
    with pytest.raises(NotAllowed):
        services.share_milestone(
            member, counter, 30, Draft("Soon.", "30 days"), today=date(2025, 1, 29)
        )


def test_the_same_milestone_cannot_be_answered_twice(app):
    """A second click on "Not now" is refused cleanly."""
    member = make_user()
    counter = make_counter(member, START)
    today = START + timedelta(days=6)
    services.dismiss_milestone(member, counter, 7, today=today)
    db.session.commit()
    with pytest.raises(Conflict):
        services.dismiss_milestone(member, counter, 7, today=today)


def test_after_a_slip_the_new_streak_offers_its_milestones_afresh(app):
    """The 7 days of a new streak is offered even if the first streak's was shared."""
    make_board("Milestones", "milestones")
    member = make_user()
    counter = make_counter(member, START, added_at=datetime(2025, 1, 1, 8))
    services.dismiss_milestone(member, counter, 7, today=date(2025, 1, 8))
    services.record_slip(member, counter, today=date(2025, 1, 10))
    db.session.commit()
    assert _offers(counter, date(2025, 1, 16)) == [7]


def test_no_milestone_thread_without_an_open_milestones_board(app):
    """If the Milestones board is archived, sharing says so and posts nothing."""
    make_board("Milestones", "milestones", is_archived=True)
    member = make_user()
    counter = make_counter(member, START)
    with pytest.raises(NotFound):
        services.share_milestone(member, counter, 7, Draft("A week.", "7 days"), today=WEEK)


def test_a_suspended_member_cannot_share_a_milestone(app):
    """While suspended, sharing is refused and nothing is recorded."""
    make_board("Milestones", "milestones")
    member = make_user()
    counter = make_counter(member, START)
    member.suspended_until = utcnow() + timedelta(days=1)
    db.session.commit()
    with pytest.raises(NotAllowed):
        services.share_milestone(member, counter, 7, Draft("A week.", "7 days"), today=WEEK)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Milestone)) == 0
