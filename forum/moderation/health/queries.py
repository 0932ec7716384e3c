"""The rows the health figures are counted from, each read once for the whole window.

Timestamps only: no pseudonym, no text. The one exception, `load_by_moderator`, is for
admins (the view decides who sees it).
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from forum.accounts.models import User
from forum.extensions import db
from forum.moderation.models import ItemState, Reason, Report, ReportState, ReviewItem
from forum.moderation.notes import HandOffNote
from forum.permissions import Role
from forum.posts.models import Post, PostStatus, Thread, ThreadStatus
from forum.posts.visibility import NEVER_PUBLIC

# A first thread that was spam turned away, or taken back by its author, asked nobody anything.
_NOT_ASKED = (PostStatus.REJECTED, PostStatus.WITHDRAWN)


def first_threads(since: datetime) -> list[tuple[datetime, datetime | None]]:
    """Each member's first thread started since `since`: when it was posted, and when someone
    else first answered it in a post readers could see (None: nobody has yet)."""
    first = (
        sa.select(sa.func.min(Thread.id))
        .where(Thread.author_id.is_not(None))
        .group_by(Thread.author_id)
        .scalar_subquery()
    )
    reply = aliased(Post)
    answered = (
        sa.select(sa.func.min(reply.created_at))
        .where(
            reply.thread_id == Thread.id,
            reply.is_opening.is_(False),
            reply.author_id.is_distinct_from(Thread.author_id),
            reply.status.not_in(NEVER_PUBLIC),
        )
        .correlate(Thread)
        .scalar_subquery()
    )
    opening = aliased(Post)
    rows = db.session.execute(
        sa.select(Thread.created_at, answered)
        .join(opening, sa.and_(opening.thread_id == Thread.id, opening.is_opening.is_(True)))
        .where(
            Thread.id.in_(first),
            Thread.created_at >= since,
            Thread.status != ThreadStatus.DELETED,
            opening.status.not_in(_NOT_ASKED),
        )
    )
    return [(posted, reply_at) for posted, reply_at in rows]


def care_reports(
    since: datetime | None, waiting: bool = False
) -> list[tuple[datetime, datetime | None]]:
    """Each care report made since `since` (or still waiting for an answer, with `waiting`),
    and when a moderator first acted on it: claimed its item, left a hand-off note on it, or
    answered it (None: nobody has yet)."""
    first_note = (
        sa.select(sa.func.min(HandOffNote.created_at))
        .where(HandOffNote.item_id == Report.item_id, HandOffNote.created_at >= Report.created_at)
        .correlate(Report)
        .scalar_subquery()
    )
    rows = db.session.execute(
        sa.select(Report.created_at, Report.resolved_at, ReviewItem.claimed_at, first_note)
        .join(ReviewItem, ReviewItem.id == Report.item_id)
        .where(
            Report.reason == Reason.AT_RISK,
            Report.state == ReportState.OPEN if waiting else Report.created_at >= since,
        )
    )
    found = []
    for made, answered, claimed, noted in rows:
        moments = [m for m in (answered, claimed, noted) if m is not None and m >= made]
        found.append((made, min(moments) if moments else None))
    return found


def queue_spans(since: datetime) -> list[tuple[datetime, datetime | None]]:
    """Every queue item still open at some moment since `since`: when it came, when it was
    settled (None: still open)."""
    return list(
        db.session.execute(
            sa.select(ReviewItem.created_at, ReviewItem.resolved_at).where(
                sa.or_(ReviewItem.state == ItemState.OPEN, ReviewItem.resolved_at >= since)
            )
        )
    )


def decisions(since: datetime) -> list[tuple[datetime, int]]:
    """Each item a moderator settled since `since`: when, and who (an id, never shown)."""
    return list(
        db.session.execute(
            sa.select(ReviewItem.resolved_at, ReviewItem.resolved_by_id).where(
                ReviewItem.state == ItemState.RESOLVED,
                ReviewItem.resolved_at >= since,
                ReviewItem.resolved_by_id.is_not(None),
            )
        )
    )


def report_outcomes(since: datetime) -> list[tuple[datetime, ReportState]]:
    """Each report answered since `since`: when, and whether it was upheld, dismissed or (a
    care report) looked after."""
    return list(
        db.session.execute(
            sa.select(Report.resolved_at, Report.state).where(
                Report.state != ReportState.OPEN, Report.resolved_at >= since
            )
        )
    )


def load_by_moderator(since: datetime) -> list[tuple[str, list[tuple[datetime, bool]]]]:
    """For admins: each moderator's pseudonym and the items they settled since `since` (when,
    and whether a care report was among them), moderators with none included."""
    team = db.session.execute(
        sa.select(User.id, User.pseudonym)
        .where(User.role.in_((Role.MODERATOR, Role.ADMIN)))
        .order_by(User.pseudonym)
    ).all()
    settled: dict[int, list[tuple[datetime, bool]]] = {user_id: [] for user_id, _ in team}
    rows = db.session.execute(
        sa.select(ReviewItem.resolved_by_id, ReviewItem.resolved_at, ReviewItem.has_care).where(
            ReviewItem.state == ItemState.RESOLVED,
            ReviewItem.resolved_at >= since,
            ReviewItem.resolved_by_id.in_(list(settled)),
        )
    )
    for user_id, resolved_at, has_care in rows:
        settled[user_id].append((resolved_at, bool(has_care)))
    return [(pseudonym, settled[user_id]) for user_id, pseudonym in team]
