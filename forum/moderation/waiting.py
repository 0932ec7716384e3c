"""What an open item still waits for: a care report's outcome, a held post's approval. A
decision on one part of an item never ends the other."""

from flask_babel import gettext as _

from forum.moderation.models import ItemKind, ItemState, Reason, ReportState, ReviewItem
from forum.moderation.rules import (
    CARE_OUTCOMES,
)
from forum.posts.models import PostStatus


def care_waiting(item: ReviewItem) -> bool:
    """A care report on the item waits for a care outcome (whatever else was decided)."""
    return item.state == ItemState.OPEN and any(
        report.reason == Reason.AT_RISK and report.state == ReportState.OPEN
        for report in item.reports
    )


def approval_waiting(item: ReviewItem) -> bool:
    """The item's post is a newcomer's, still waiting to be approved or rejected."""
    return (
        item.state == ItemState.OPEN
        and item.kind == ItemKind.PENDING
        and item.post is not None
        and item.post.status == PostStatus.PENDING
    )


def leaves_open(item: ReviewItem, verb: str) -> bool:
    """Does the item stay open after this decision? A decision on the post or the member
    leaves a waiting care report open, and a care outcome leaves a waiting approval open:
    neither part of an item ends the other."""
    if verb in CARE_OUTCOMES:
        return approval_waiting(item)
    return verb != "escalate" and care_waiting(item)


def still_to_do(item: ReviewItem) -> str | None:
    """What an open item still waits for, in the words its page and the flash use."""
    if care_waiting(item):
        return _("The care report stays open until you record how they were looked after.")
    if approval_waiting(item):
        return _("The post still waits to be approved or rejected.")
    return None
