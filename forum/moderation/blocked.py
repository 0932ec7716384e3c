"""A member many people blocked lately goes to the moderators' queue: the item says how
many, never who."""

from forum.accounts.models import User
from forum.blocks.queries import recent_blocker_count
from forum.moderation.models import ItemKind, ReviewItem
from forum.moderation.reports import open_item

# So many different members blocking one person within BLOCKS_DAYS puts them in the queue.
BLOCKS_FOR_REVIEW = 5
BLOCKS_DAYS = 30


def on_member_blocked(member: User, by: int | None = None) -> None:
    """Someone blocked `member` (forum.posts.signals.member_blocked): count, never name."""
    raise_blocks_item(member, recent_blocker_count(member.id, days=BLOCKS_DAYS))


def raise_blocks_item(member: User, blocker_count: int) -> ReviewItem | None:
    """Put a member many people blocked lately in the queue, once while it is open: the
    item says how many, never who. Caller commits."""
    if blocker_count < BLOCKS_FOR_REVIEW:
        return None
    item = open_item(ItemKind.BLOCKS, member=member)
    item.reporter_count = blocker_count
    return item
