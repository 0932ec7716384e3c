"""Whom a queue item, a post or a member is about, and whether that is the moderator asking:
then another moderator (or an admin) has to decide."""

from forum.accounts.models import User
from forum.i18n import lazy_gettext as _l
from forum.moderation import queries
from forum.moderation.models import ReviewItem
from forum.posts.models import Post

OWN = _l("This concerns you, so another moderator or an admin has to decide.")
IN_IT = _l("You are in this conversation, so another moderator has to read it and decide.")


def subject_of(item: ReviewItem) -> User | None:
    """Whom an item is about: the post's author, the member, or the person the reports on a
    conversation name (None when nobody is named, or they left)."""
    if item.post is not None:
        return item.post.author
    if item.member_id is not None:
        return item.member
    if item.appeal_id is not None:
        return item.appeal.member
    named = [report.subject for report in item.reports if report.subject is not None]
    return named[0] if named else None


def concerns_self(moderator: User, target: ReviewItem | Post | User) -> bool:
    """The post is the moderator's own, the member is the moderator, or the item is about a
    conversation the moderator is in."""
    if isinstance(target, ReviewItem):
        if target.conversation_id is not None and queries.is_in_conversation(
            moderator, target.conversation_id
        ):
            return True
        subject = subject_of(target)
        subject_id = subject.id if subject is not None else None
    elif isinstance(target, Post):
        subject_id = target.author_id
    else:
        subject_id = target.id
    return subject_id is not None and subject_id == moderator.id
