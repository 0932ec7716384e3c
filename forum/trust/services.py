"""Computing earned trust from what members did, and lowering it after a moderator's action.

A level is earned from days here, threads read, posts and replies approved, and no recent
action against the member; once earned it is kept (recomputing only raises), except that a
moderator's action against the member holds it one lower for TRUST_LOWERED_DAYS.
"""

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from forum.accounts.models import User
from forum.extensions import db
from forum.moderation.queries import acted_against_since
from forum.permissions import Role
from forum.posts.models import PostStatus
from forum.timeutil import utcnow
from forum.trust.levels import TrustLevel
from forum.trust.queries import Standing, earned_level, standings

BATCH = 500


def _apply(member: User, standing: Standing, now) -> bool:
    """Raise the member to what they earned, unless a moderator's hold still runs. Returns
    whether the level changed."""
    if member.trust_lowered_until is not None and member.trust_lowered_until > now:
        return False
    member.trust_lowered_until = None
    level = max(TrustLevel(member.trust_level or 0), earned_level(standing))
    changed = level != member.trust_level
    member.trust_level = int(level)
    return changed


def recompute(member: User) -> TrustLevel:
    """Bring one member's level up to date. Caller commits."""
    _apply(member, standings([member])[member.id], utcnow())
    return TrustLevel(member.trust_level)


def recompute_all() -> tuple[int, int]:
    """Every member, in batches: (members looked at, levels changed). Commits each batch."""
    seen = changed = 0
    last_id = 0
    while True:
        batch = list(
            db.session.scalars(
                sa.select(User)
                .where(User.id > last_id, User.role == Role.MEMBER)
                .order_by(User.id)
                .limit(BATCH)
            )
        )
        if not batch:
            return seen, changed
        now = utcnow()
        found = standings(batch)
        changed += sum(_apply(member, found[member.id], now) for member in batch)
        seen += len(batch)
        last_id = batch[-1].id
        db.session.commit()


def lower_after_action(member_id: int) -> None:
    """A moderator acted against the member: their level is held one lower for a while
    (several actions at once lower it once, and extend the hold). Caller commits."""
    member = db.session.get(User, member_id)
    if member is None:
        return
    now = utcnow()
    held = member.trust_lowered_until is not None and member.trust_lowered_until > now
    if not held:
        member.trust_level = max(int(TrustLevel.NEW), (member.trust_level or 0) - 1)
    member.trust_lowered_until = now + timedelta(days=current_app.config["TRUST_LOWERED_DAYS"])


def on_member_sanctioned(member_id: int, **_) -> None:
    lower_after_action(member_id)


def lift_after_reversal(member_id: int) -> None:
    """An action against the member was reversed on appeal: unless another action still
    stands within the hold, the level it lowered comes back, and is brought up to date.
    Caller commits."""
    member = db.session.get(User, member_id)
    now = utcnow()
    if member is None or member.trust_lowered_until is None or member.trust_lowered_until <= now:
        return
    since = now - timedelta(days=current_app.config["TRUST_LOWERED_DAYS"])
    if member_id in acted_against_since([member_id], since):
        return
    member.trust_level = min(int(TrustLevel.TRUSTED), (member.trust_level or 0) + 1)
    member.trust_lowered_until = None
    recompute(member)


def on_member_cleared(member_id: int, **_) -> None:
    lift_after_reversal(member_id)


def on_post_status_changed(post, was=None, **_) -> None:
    """A post approved (forum.posts.signals): its author's level may rise at once, so that a
    new member's next post need not wait once they have earned more."""
    if was == PostStatus.PENDING and post.status == PostStatus.VISIBLE and post.author_id:
        author = db.session.get(User, post.author_id)
        if author is not None and author.role == Role.MEMBER:
            recompute(author)


def on_signed_in(_app, user=None, **_) -> None:
    """Signing in brings the member's level up to date (the nightly recompute does the rest)."""
    if user is not None and user.role == Role.MEMBER:
        recompute(user)
        db.session.commit()
