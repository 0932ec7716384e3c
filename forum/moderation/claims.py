"""Who holds a queue item: a claim runs for CLAIM_MINUTES, then lapses by itself; an item
handled or held by someone else is `taken`, in the words the moderator reads.

The Python predicates and their SQL twins sit side by side and are tested against each other:
the pages ask the predicates, the conditional UPDATEs that settle a race use the SQL.
"""

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.accounts.models import User
from forum.errors import Conflict
from forum.moderation.models import ItemState, ReviewItem
from forum.moderation.rules import CLAIM_MINUTES
from forum.timeutil import utcnow

CLAIM_WINDOW = timedelta(minutes=CLAIM_MINUTES)


def _running(item: ReviewItem, now: datetime) -> bool:
    return (
        item.state == ItemState.OPEN
        and item.claimed_by_id is not None
        and item.claimed_at is not None
        and item.claimed_at >= now - CLAIM_WINDOW
    )


def claim_holder(item: ReviewItem) -> User | None:
    """The moderator whose claim on an open item is still running, if anyone's is."""
    return item.claimed_by if _running(item, utcnow()) else None


def claimed_by_someone_else(moderator: User, item: ReviewItem) -> bool:
    """Another moderator holds the item: until the claim lapses, only they act on it."""
    return _running(item, utcnow()) and item.claimed_by_id != moderator.id


def claim_running(now: datetime):
    """SQL twin of `claim_holder(item) is not None`."""
    return sa.and_(
        ReviewItem.state == ItemState.OPEN,
        ReviewItem.claimed_by_id.is_not(None),
        ReviewItem.claimed_at >= now - CLAIM_WINDOW,
    )


def free_for(moderator: User, now: datetime):
    """SQL twin of `not claimed_by_someone_else(moderator, item)`."""
    return sa.or_(ReviewItem.claimed_by_id == moderator.id, sa.not_(claim_running(now)))


def taken(item: ReviewItem) -> Conflict:
    """The item is someone else's: handled already, or held by another moderator."""
    if item.state == ItemState.RESOLVED:
        if item.resolved_by is None:
            return Conflict(_("Already handled by another moderator."))
        return Conflict(_("Already handled by %(name)s.", name=item.resolved_by.pseudonym))
    if item.claimed_by is None:
        return Conflict(_("Already claimed by another moderator."))
    return Conflict(_("Already claimed by %(name)s.", name=item.claimed_by.pseudonym))
