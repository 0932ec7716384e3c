"""Members' reports (with their limits and auto-hide), Hearth's care reports, and the queue
items of posts held for approval."""

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from forum.accounts.models import User
from forum.errors import Conflict, ForumError, NotAllowed
from forum.extensions import db
from forum.moderation import log
from forum.moderation.models import (
    ItemKind,
    ItemState,
    Reason,
    Report,
    ReportState,
    ReviewItem,
    TargetType,
)
from forum.notices.models import NoticeKind
from forum.notices.services import notify
from forum.posts.lifecycle import set_post_status
from forum.posts.models import Post, PostStatus
from forum.posts.permissions import can_respond_to
from forum.timeutil import utcnow
from forum.web.limits import SlowDown, member_key, take_one


class TooManyReports(ForumError):
    status_code = 429


class AlreadyReported(Conflict):
    pass


# --- reporting ---------------------------------------------------------------------------------


def report_post(reporter: User, post: Post, reason: Reason, note: str = "") -> Report:
    """File a member's report; it joins the post's open queue item. Caller commits."""
    if not can_respond_to(reporter, post):
        raise NotAllowed("You can't report this post.")
    if _open_report(post, reporter) is not None:
        raise AlreadyReported(
            "You have already reported this post. The moderators will look at it."
        )
    _check_report_limits(reporter, post, reason)
    item = _open_item(post, ItemKind.REPORTED)
    report = Report(
        item_id=item.id,
        post_id=post.id,
        reporter_id=reporter.id,
        subject_id=post.author_id,
        reason=reason,
        note=(note or "").strip()[:500],
    )
    try:
        with db.session.begin_nested():
            db.session.add(report)
    except sa.exc.IntegrityError:
        raise AlreadyReported("You have already reported this post.") from None
    _update_item_after_report(item, reason)
    return report


def raise_care_report(post: Post, note: str) -> Report:
    """A care report from Hearth itself (a risk phrase in a post). Caller commits."""
    item = _open_item(post, ItemKind.REPORTED)
    report = Report(
        item_id=item.id,
        post_id=post.id,
        reporter_id=None,
        subject_id=post.author_id,
        reason=Reason.AT_RISK,
        note=note[:500],
    )
    db.session.add(report)
    _update_item_after_report(item, Reason.AT_RISK)
    return report


def _open_report(post: Post, reporter: User) -> Report | None:
    return db.session.scalar(
        sa.select(Report).where(
            Report.post_id == post.id,
            Report.reporter_id == reporter.id,
            Report.state == ReportState.OPEN,
        )
    )


def _check_report_limits(reporter: User, post: Post, reason: Reason) -> None:
    now = utcnow()
    if reason == Reason.AT_RISK and post.author_id is not None:
        care_today = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Report)
            .where(
                Report.reporter_id == reporter.id,
                Report.reason == Reason.AT_RISK,
                Report.subject_id == post.author_id,
                Report.created_at > now - timedelta(days=1),
            )
        )
        if care_today:
            raise TooManyReports(
                "You already raised a care report about this member today, "
                "and the moderators have it. "
                "If someone is in danger right now, the help page lists who to call."
            )
    # Counted last, in the same storage as every other limit, once nothing else refuses.
    per_hour = current_app.config["REPORTS_PER_HOUR"]
    try:
        take_one(f"{per_hour} per hour", "reports", member_key(reporter))
    except SlowDown:
        raise TooManyReports(
            f"You can report up to {per_hour} posts an hour. Thank you for looking out for others: "
            "please try again a little later."
        ) from None


def _open_item(post: Post, kind: ItemKind) -> ReviewItem:
    """The post's unresolved queue item, created if there is none (safe against a race)."""
    item = db.session.scalar(
        sa.select(ReviewItem).where(
            ReviewItem.post_id == post.id, ReviewItem.state == ItemState.OPEN
        )
    )
    if item is not None:
        return item
    item = ReviewItem(post=post, kind=kind, state=ItemState.OPEN, reporter_count=0, has_care=False)
    try:
        with db.session.begin_nested():
            db.session.add(item)
    except sa.exc.IntegrityError:
        return db.session.scalar(
            sa.select(ReviewItem).where(
                ReviewItem.post_id == post.id, ReviewItem.state == ItemState.OPEN
            )
        )
    return item


def _update_item_after_report(item: ReviewItem, reason: Reason) -> None:
    db.session.flush()
    db.session.expire(item, ["reports"])
    item.reporter_count = db.session.scalar(
        sa.select(sa.func.count(sa.distinct(Report.reporter_id))).where(
            Report.item_id == item.id,
            Report.state == ReportState.OPEN,
            Report.reporter_id.is_not(None),
        )
    )
    if reason == Reason.AT_RISK:
        item.has_care = True
    post = item.post
    threshold = current_app.config["AUTO_HIDE_REPORTS"]
    if (
        threshold
        and not item.auto_hidden
        and item.reporter_count >= threshold
        and post.status == PostStatus.VISIBLE
    ):
        set_post_status(post, PostStatus.HIDDEN)
        item.auto_hidden = True
        action = log.record(
            None,
            "auto_hide",
            TargetType.POST,
            post.id,
            f"Hidden automatically after {item.reporter_count} members reported it, "
            "until a moderator reviews it.",
            post.author_id,
        )
        notify(
            post.author_id,
            NoticeKind.MODERATION,
            "Your post is hidden while the moderators look at it",
            "Several members reported it. A moderator will review it soon and let you know.",
            post_id=post.id,
            action_id=action.id,
        )


# --- pre-moderation ------------------------------------------------------------------------------


def hold_for_approval(post: Post) -> ReviewItem:
    """Put a newcomer's post in the queue. Caller commits."""
    return _open_item(post, ItemKind.PENDING)
