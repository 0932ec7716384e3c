"""Members' reports on posts and on the private conversations they are in (with auto-hide;
how often a member may report is report_limits.py), Hearth's care reports, and the queue
items of posts held for approval.

A report on a conversation points at it: its messages, as they are, are the evidence the
moderators read through the item (each reading logged), so nobody needs a screenshot and no
copy of anyone's words is made.
"""

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from forum.accounts.models import User
from forum.conversations.models import Conversation, Membership
from forum.errors import Conflict, NotAllowed
from forum.extensions import db
from forum.i18n import lazy_gettext as _l
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
from forum.moderation.report_limits import check_report_limits
from forum.moderation.weight import report_weights
from forum.notices.models import NoticeKind
from forum.notices.services import notify
from forum.notices.words import N_
from forum.posts.lifecycle import set_post_status
from forum.posts.models import Post, PostStatus
from forum.posts.permissions import can_respond_to


class AlreadyReported(Conflict):
    pass


# --- reporting ---------------------------------------------------------------------------------


def report_post(reporter: User, post: Post, reason: Reason, note: str = "") -> Report:
    """File a member's report; it joins the post's open queue item. Caller commits."""
    if not can_respond_to(reporter, post):
        raise NotAllowed(_("You can't report this post."))
    return _file_report(
        reporter, "post", reason, note, post.author_id, ItemKind.REPORTED, post=post
    )


def report_conversation(
    reporter: User,
    conversation: Conversation,
    reason: Reason,
    note: str = "",
    about: User | None = None,
) -> Report:
    """File a report on a conversation the reporter is in; `about` is the person it concerns
    (the only other one, when there is one). Caller commits."""
    if conversation.with_team:
        raise NotAllowed(_("This conversation is with the moderators: write to them in it."))
    others = others_in_conversation(reporter, conversation)
    if others is None:
        raise NotAllowed(_("You can only report a conversation you are in."))
    if about is None and len(others) == 1:
        about = others[0]
    if about is not None and about.id not in {other.id for other in others}:
        raise NotAllowed(_("Choose someone in this conversation."))
    subject_id = about.id if about else None
    return _file_report(
        reporter,
        "conversation",
        reason,
        note,
        subject_id,
        ItemKind.CONVERSATION,
        conversation=conversation,
    )


_ALREADY_REPORTED = {
    "post": _l("You have already reported this post. The moderators will look at it."),
    "conversation": _l(
        "You have already reported this conversation. The moderators will look at it."
    ),
}


def _file_report(
    reporter: User, what: str, reason: Reason, note: str, subject_id, kind: ItemKind, **target
) -> Report:
    """One member's report on a post or a conversation (`target`), joined to its open queue
    item; a second one from them, or a double submit, is refused kindly."""
    if _open_report(reporter, **target) is not None:
        raise AlreadyReported(_ALREADY_REPORTED[what])
    check_report_limits(reporter, subject_id, reason)
    item = open_item(kind, **target)
    columns = {f"{name}_id": thing.id for name, thing in target.items()}
    report = Report(
        item_id=item.id,
        reporter_id=reporter.id,
        subject_id=subject_id,
        reason=reason,
        note=(note or "").strip()[:500],
        **columns,
    )
    try:
        with db.session.begin_nested():
            db.session.add(report)
    except sa.exc.IntegrityError:
        raise AlreadyReported(_ALREADY_REPORTED[what]) from None
    _update_item_after_report(item, reason)
    return report


def others_in_conversation(member: User, conversation: Conversation) -> list[User] | None:
    """The other people who were ever in the conversation (those who left included: what
    they wrote is still there), or None when `member` is not in it now."""
    rows = db.session.execute(
        sa.select(Membership.user_id, Membership.left_at).where(
            Membership.conversation_id == conversation.id
        )
    ).all()
    if not any(user_id == member.id and left is None for user_id, left in rows):
        return None
    ids = [user_id for user_id, _ in rows if user_id != member.id]
    if not ids:
        return []
    return list(db.session.scalars(sa.select(User).where(User.id.in_(ids)).order_by(User.id)))


def raise_care_report(post: Post, note: str) -> Report:
    """A care report from Hearth itself (a risk phrase in a post). Caller commits."""
    return _report_from_hearth(post, Reason.AT_RISK, note)


def raise_watched_report(post: Post, note: str) -> Report:
    """Hearth puts a post in front of the moderators for a watched word: as a report on it,
    or, for a post held back, beside it in its waiting item. Caller commits."""
    return _report_from_hearth(post, Reason.OTHER, note)


def _report_from_hearth(post: Post, reason: Reason, note: str) -> Report:
    held = post.status == PostStatus.PENDING
    item = open_item(ItemKind.PENDING if held else ItemKind.REPORTED, post=post)
    report = Report(
        item_id=item.id,
        post_id=post.id,
        reporter_id=None,
        subject_id=post.author_id,
        reason=reason,
        note=note[:500],
    )
    db.session.add(report)
    _update_item_after_report(item, reason)
    return report


def _open_report(
    reporter: User, post: Post | None = None, conversation: Conversation | None = None
) -> Report | None:
    target = (
        Report.post_id == post.id if post is not None else Report.conversation_id == conversation.id
    )
    return db.session.scalar(
        sa.select(Report).where(
            target, Report.reporter_id == reporter.id, Report.state == ReportState.OPEN
        )
    )


def open_item(kind: ItemKind, **target) -> ReviewItem:
    """The target's unresolved queue item (`post=`, `conversation=` or `member=`), created
    if there is none (safe against a race: the partial unique indexes decide)."""
    ((name, value),) = target.items()
    column = getattr(ReviewItem, f"{name}_id")
    find = sa.select(ReviewItem).where(column == value.id, ReviewItem.state == ItemState.OPEN)
    if name == "member":
        find = find.where(ReviewItem.kind == kind)
    item = db.session.scalar(find)
    if item is not None:
        return item
    item = ReviewItem(kind=kind, state=ItemState.OPEN, reporter_count=0, has_care=False, **target)
    try:
        with db.session.begin_nested():
            db.session.add(item)
    except sa.exc.IntegrityError:
        return db.session.scalar(find)
    return item


def _update_item_after_report(item: ReviewItem, reason: Reason) -> None:
    db.session.flush()
    db.session.expire(item, ["reports"])
    reporters = set(
        db.session.scalars(
            sa.select(Report.reporter_id).where(
                Report.item_id == item.id,
                Report.state == ReportState.OPEN,
                Report.reporter_id.is_not(None),
            )
        )
    )
    item.reporter_count = len(reporters)
    if reason == Reason.AT_RISK:
        item.has_care = True
    post = item.post
    threshold = current_app.config["AUTO_HIDE_REPORTS"]
    if (
        post is not None
        and threshold
        and not item.auto_hidden
        and post.status == PostStatus.VISIBLE
        and sum(report_weights(reporters).values()) >= threshold
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
            N_("Your post is hidden while the moderators look at it"),
            N_("Several members reported it. A moderator will review it soon and let you know."),
            post_id=post.id,
            action_id=action.id,
        )


# --- pre-moderation ------------------------------------------------------------------------------


def hold_for_approval(post: Post) -> ReviewItem:
    """Put a newcomer's post in the queue. Caller commits."""
    return open_item(ItemKind.PENDING, post=post)
