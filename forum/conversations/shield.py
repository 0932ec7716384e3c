"""The newcomer shield: who may reach a member privately (a message, an invitation to a
conversation) while they are new, or when they asked to hear only from people they replied to.

A member is new in their first NEWCOMER_SHIELD_DAYS, and until their first post is approved.
While new, only the moderators, the greeters the newcomer replied to and the mentor they chose
(forum/mentors) can reach them; the rule is one function, asked by every path that starts or
adds to a private conversation;
a mention, which notifies as privately as a message, asks `mention_reaches`.
"""

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm import aliased

from forum.accounts.models import User
from forum.extensions import db
from forum.mentors.models import Pairing
from forum.permissions import can_greet, can_moderate, unlocks
from forum.posts.models import Post, PostStatus, Thread
from forum.timeutil import utcnow


def is_new(member: User) -> bool:
    """In their first days, or with no approved post yet."""
    days = current_app.config["NEWCOMER_SHIELD_DAYS"]
    if member.created_at > utcnow() - timedelta(days=days):
        return True
    approved = sa.select(Post.id).where(
        Post.author_id == member.id, Post.status == PostStatus.VISIBLE
    )
    return db.session.scalar(approved.limit(1)) is None


def replied_to(member: User, other: User) -> bool:
    """Whether `member` answered `other` in public: a reply to their post, or in their thread."""
    parent = aliased(Post)
    opening = aliased(Post)
    answered = (
        sa.select(Post.id)
        .join(Thread, Thread.id == Post.thread_id)
        .outerjoin(parent, parent.id == Post.parent_id)
        .outerjoin(opening, sa.and_(opening.thread_id == Thread.id, opening.is_opening.is_(True)))
        .where(
            Post.author_id == member.id,
            Post.status == PostStatus.VISIBLE,
            Post.is_opening.is_(False),
            sa.or_(parent.author_id == other.id, opening.author_id == other.id),
        )
        .limit(1)
    )
    return db.session.scalar(answered) is not None


def is_seasoned_greeter(member: User) -> bool:
    """A greeter reaches a newcomer privately only with the trust a regular earns (forum/
    trust/levels.py): anyone can tick "I'd like to greet newcomers", a pursuer included."""
    return can_greet(member) and unlocks(member).may_greet


def _newcomer_hears_from(sender: User, newcomer: User) -> bool:
    return is_seasoned_greeter(sender) and replied_to(newcomer, sender)


def are_paired(one: User, other: User) -> bool:
    """A mentor and the mentee who chose them, while their pairing runs."""
    found = sa.select(Pairing.id).where(Pairing.between(one.id, other.id), Pairing.active())
    return db.session.scalar(found.limit(1)) is not None


def turned_away_by(sender: User, recipient: User) -> str | None:
    """Why `sender` may not reach `recipient` privately, in words for the sender; None if
    they may. The moderators may always reach anyone, and be reached: a newcomer must be
    able to hear from them and answer. A mentor and their mentee reach each other while
    their pairing runs: the mentee chose them for that."""
    if can_moderate(sender) or can_moderate(recipient) or are_paired(sender, recipient):
        return None
    name = recipient.pseudonym
    if is_new(recipient):
        if _newcomer_hears_from(sender, recipient):
            return None
        return _("%(name)s is new here; reply to their posts instead.", name=name)
    if recipient.messages_from_replied_only and not replied_to(recipient, sender):
        return _("%(name)s hears privately only from people they have replied to.", name=name)
    return None


def mention_reaches(author: User, member: User, thread: Thread) -> bool:
    """Whether a mention of `member` by `author` in `thread` may notify them. A mention is a
    way to reach someone privately, so a newcomer hears of one only from those who may
    message them, or in a thread they wrote in (there it is the conversation they joined).
    A reply to a newcomer's own post always reaches them: that is the way in we point to."""
    if can_moderate(author) or can_moderate(member) or not is_new(member):
        return True
    wrote_here = sa.select(Post.id).where(Post.thread_id == thread.id, Post.author_id == member.id)
    if db.session.scalar(wrote_here.limit(1)) is not None:
        return True
    return _newcomer_hears_from(author, member)
