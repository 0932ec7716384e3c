"""Reacting to a post, and taking a reaction back."""

import sqlalchemy as sa
from flask_babel import force_locale

from forum.accounts.models import User
from forum.blocks.queries import has_shut_out
from forum.errors import ForumError, NotAllowed
from forum.extensions import db
from forum.i18n import lazy_gettext as _l
from forum.notices.models import NoticeKind
from forum.notices.services import notify
from forum.posts.models import Post, ThreadKind
from forum.posts.permissions import can_respond_to
from forum.reactions.models import Reaction
from forum.reactions.queries import KINDS, kinds_for


def _stored_words(kind: str) -> str:
    # A notice keeps the word in the source language (its reader's may be another).
    with force_locale("en"):
        return str(KINDS[kind])


def toggle_reaction(user: User, post: Post, kind: str) -> bool:
    """Add the member's reaction of this kind, or take it back; True if it is now there.

    Caller commits.
    """
    if not can_respond_to(user, post):
        raise NotAllowed(_l("You can't react to this post."))
    if kind not in kinds_for(post):
        raise ForumError(_l("That reaction doesn't fit this post."))
    existing = db.session.scalar(
        sa.select(Reaction).where(
            Reaction.post_id == post.id, Reaction.user_id == user.id, Reaction.kind == kind
        )
    )
    if existing is not None:
        db.session.delete(existing)
        return False
    try:
        with db.session.begin_nested():
            db.session.add(Reaction(post_id=post.id, user_id=user.id, kind=kind))
    except sa.exc.IntegrityError:
        return True  # the same click, twice at once
    if (
        post.thread.kind == ThreadKind.MILESTONE
        and post.is_opening
        and not has_shut_out(post.author_id, user.id)
    ):
        notify(
            post.author_id,
            NoticeKind.REACTION,
            post_id=post.id,
            actor_id=user.id,
            detail=_stored_words(kind),
        )
    return True
