"""The rules of counters: add one, show one, start again after a slip, answer a milestone,
and keep on each new post the day its author showed.

A slip is the member's own business: it writes no notice, no post and no log row, and it
changes no page anyone else sees.
"""

from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from forum.accounts.models import User
from forum.errors import Conflict, ForumError, NotAllowed, NotFound
from forum.extensions import db
from forum.permissions import can_write, is_member
from forum.posts.models import Post, Thread, ThreadKind
from forum.recovery.milestones import milestone_badge, milestones_up_to
from forum.recovery.models import (
    LABEL_MAX,
    Counter,
    Milestone,
    MilestoneAnswer,
    PostDay,
    Streak,
    local_today,
    time_zones,
)
from forum.recovery.queries import answered_milestones, milestones_board
from forum.writing.checks import Draft
from forum.writing.services import Written, write_thread


def _today(counter: Counter, today: date | None) -> date:
    return today or local_today(counter.time_zone)


def _own(member: User, counter: Counter) -> None:
    if not is_member(member) or counter.user_id != member.id:
        raise NotFound(_("We couldn't find that counter."))


def _checked_label(label: str, time_zone: str) -> str:
    label = label.strip()
    if not label or len(label) > LABEL_MAX:
        raise ForumError(_("Give the counter a name of 1 to %(num)s characters.", num=LABEL_MAX))
    if time_zone not in time_zones():
        raise ForumError(_("Please choose a time zone from the list."))
    return label


def add_counter(
    member: User,
    label: str,
    started_on: date,
    time_zone: str = "UTC",
    show: bool = False,
    today: date | None = None,
) -> Counter:
    """Start counting days from `started_on` (day 1), privately unless `show`. Caller commits."""
    if not can_write(member):
        raise NotAllowed(_("Your account can't add counters right now."))
    label = _checked_label(label, time_zone)
    if started_on > (today or local_today(time_zone)):
        raise ForumError(_("The start date can't be in the future."))
    counter = Counter(user_id=member.id, label=label, time_zone=time_zone, started_on=started_on)
    db.session.add(counter)
    db.session.flush()
    if show:
        show_counter(member, counter)
    return counter


def rename_counter(member: User, counter: Counter, label: str, time_zone: str) -> None:
    """Change what a counter is called and where its days turn over; its days stay. Caller commits.

    The start date is not changed here: a new start is a slip, recorded on its own page.
    """
    _own(member, counter)
    counter.label = _checked_label(label, time_zone)
    counter.time_zone = time_zone


def show_counter(member: User, counter: Counter | None) -> None:
    """Show this counter's days beside the member's pseudonym on the posts they write from
    now on, or none (None); showing a counter paused by a slip turns its days back on.

    Posts keep the day they were written on; none is dated afresh here. Caller commits.
    """
    if counter is not None:
        _own(member, counter)
    # Hide the others first: the database allows one shown counter per member.
    others = Counter.user_id == member.id
    if counter is not None:
        others = sa.and_(others, Counter.id != counter.id)
    db.session.execute(
        sa.update(Counter).where(others, Counter.is_shown.is_(True)).values(is_shown=False)
    )
    if counter is not None:
        counter.is_shown = True
        counter.is_paused = False


def record_slip(
    member: User, counter: Counter, new_start: date | None = None, today: date | None = None
) -> Streak:
    """Close the current streak and start a new one on `new_start` (default today); the days
    counted so far stay in the total. Nothing is announced: posts keep the days they showed,
    and a shown counter is paused, so that new posts show no day until the member shows it
    again. Caller commits."""
    _own(member, counter)
    today = _today(counter, today)
    new_start = new_start or today
    if new_start > today:
        raise ForumError(_("The new start can't be in the future."))
    if new_start < counter.started_on:
        raise ForumError(_("The new start can't be before the current one."))
    days = (new_start - counter.started_on).days
    closed = Streak(
        counter_id=counter.id,
        number=counter.streak,
        started_on=counter.started_on,
        ended_on=new_start,
        days=days,
    )
    db.session.add(closed)
    counter.earlier_days += days
    counter.streak += 1
    counter.started_on = new_start
    counter.is_paused = counter.is_shown
    return closed


def _check_open(counter: Counter, days: int, today: date | None) -> None:
    """Refuse a milestone the current streak hasn't reached, or one already answered."""
    if days not in milestones_up_to(counter.streak_days(_today(counter, today))):
        raise NotAllowed(_("This milestone isn't reached yet on this counter."))
    if days in answered_milestones([counter])[counter.id]:
        raise Conflict(_("You have already answered this milestone."))


def _record(
    counter: Counter, days: int, answer: MilestoneAnswer, thread: Thread | None = None
) -> Milestone:
    mark = Milestone(
        counter_id=counter.id, streak=counter.streak, days=days, answer=answer, thread=thread
    )
    db.session.add(mark)
    try:
        db.session.flush()
    except IntegrityError:
        # Two tabs answered the same milestone at once; the error handler rolls back.
        raise Conflict(_("You have already answered this milestone.")) from None
    return mark


def share_milestone(
    member: User, counter: Counter, days: int, draft: Draft, today: date | None = None
) -> Written:
    """Start a milestone thread, with its badge, in the Milestones board, through the one
    write rule (identity hints, pre-moderation, content note, care check).

    Caller commits, or rolls back on a ForumError (a second answer raises Conflict; a text
    that may identify someone raises SecondLookNeeded before anything is stored).
    """
    _own(member, counter)
    board = milestones_board()
    if board is None:
        raise NotFound(_("The Milestones board isn't open right now."))
    _check_open(counter, days, today)
    written = write_thread(
        member, board, draft, kind=ThreadKind.MILESTONE, badge=milestone_badge(days)
    )
    _record(counter, days, MilestoneAnswer.SHARED, written.post.thread)
    return written


def dismiss_milestone(
    member: User, counter: Counter, days: int, today: date | None = None
) -> Milestone:
    """Set a milestone aside ("Not now"): it is not offered again. Caller commits."""
    _own(member, counter)
    _check_open(counter, days, today)
    return _record(counter, days, MilestoneAnswer.DISMISSED)


def delete_counter(member: User, counter: Counter) -> None:
    """Remove a counter with its history. Caller commits."""
    _own(member, counter)
    db.session.delete(counter)


def on_post_created(post: Post) -> None:
    """A new post keeps the day its author shows today, if they show one (connected in
    create_app): a later slip, or the days going on, never changes it."""
    if post.author_id is None:
        return
    counter = db.session.scalar(
        sa.select(Counter).where(
            Counter.user_id == post.author_id,
            Counter.is_shown.is_(True),
            Counter.is_paused.is_(False),
        )
    )
    if counter is None:
        return
    day = counter.day_at(post.created_at)
    if day > 0:
        db.session.add(PostDay(post_id=post.id, counter_id=counter.id, day=day))


def set_day_count_preference(member: User, show: bool) -> None:
    """Whether this reader sees the day counts others show. Caller commits."""
    member.show_day_counts = show
