"""Reading earned trust: what a member did (their standing), which level that earns, and
what the next level asks, for the member's own Settings page (nobody else sees any of it)."""

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from forum.accounts.models import User
from forum.extensions import db
from forum.following.queries import threads_read_counts
from forum.i18n import lazy_gettext as _l
from forum.moderation.queries import acted_against_since
from forum.posts.models import Post, PostStatus
from forum.timeutil import utcnow
from forum.trust.levels import LEVEL_WORDS, NEXT_BRINGS, TrustLevel


@dataclass
class Standing:
    """What a member did here, as earned trust counts it."""

    days: int
    threads_read: int
    approved_posts: int
    approved_replies: int
    quiet: bool  # no moderator action against them in TRUST_QUIET_DAYS


@dataclass(frozen=True)
class Step:
    """One thing a level asks for: what it is, what the member has, what it needs."""

    words: str  # a label, as Settings shows it: "Days here"
    have: int
    need: int

    @property
    def done(self) -> bool:
        return self.have >= self.need


def steps_to(level: TrustLevel, standing: Standing) -> list[Step]:
    """What `level` asks for, against the member's standing (the quiet rule is kept unsaid:
    a member who was acted against reads the moderators' notice, not a checklist)."""
    cfg = current_app.config
    name = level.name
    steps = [
        Step(_l("Days here"), standing.days, cfg[f"TRUST_{name}_DAYS"]),
        Step(_l("Threads read"), standing.threads_read, cfg[f"TRUST_{name}_THREADS_READ"]),
    ]
    if level == TrustLevel.MEMBER:
        steps.append(
            Step(_l("Posts approved"), standing.approved_posts, cfg["TRUST_MEMBER_APPROVED_POSTS"])
        )
    else:
        steps.append(
            Step(
                _l("Replies approved"),
                standing.approved_replies,
                cfg[f"TRUST_{name}_APPROVED_REPLIES"],
            )
        )
    return steps


def earned_level(standing: Standing) -> TrustLevel:
    """The highest level whose every step the standing meets."""
    if not standing.quiet:
        return TrustLevel.NEW
    earned = TrustLevel.NEW
    for level in (TrustLevel.MEMBER, TrustLevel.REGULAR, TrustLevel.TRUSTED):
        if not all(step.done for step in steps_to(level, standing)):
            break
        earned = level
    return earned


def standings(members: list[User]) -> dict[int, Standing]:
    """Each member's standing, in four grouped queries whatever their number."""
    ids = [m.id for m in members]
    now = utcnow()
    read = threads_read_counts(ids)
    acted = acted_against_since(ids, now - timedelta(days=current_app.config["TRUST_QUIET_DAYS"]))
    approved = dict(
        db.session.execute(
            sa.select(
                Post.author_id,
                sa.func.count(),
            )
            .where(Post.author_id.in_(ids), Post.status == PostStatus.VISIBLE)
            .group_by(Post.author_id)
        ).all()
    )
    replies = dict(
        db.session.execute(
            sa.select(Post.author_id, sa.func.count())
            .where(
                Post.author_id.in_(ids),
                Post.status == PostStatus.VISIBLE,
                Post.is_opening.is_(False),
            )
            .group_by(Post.author_id)
        ).all()
    )
    return {
        m.id: Standing(
            days=(now - m.created_at).days,
            threads_read=read.get(m.id, 0),
            approved_posts=approved.get(m.id, 0),
            approved_replies=replies.get(m.id, 0),
            quiet=m.id not in acted,
        )
        for m in members
    }


@dataclass
class MyTrust:
    """What Settings tells a member about their own place here, in words."""

    words: str
    next_brings: str | None
    steps: list[Step]  # toward the next level, empty at the top
    held: bool  # a moderator's action holds the level for now


def my_trust(member: User) -> MyTrust:
    level = TrustLevel(member.trust_level or 0)
    held = member.trust_lowered_until is not None and member.trust_lowered_until > utcnow()
    if level == TrustLevel.TRUSTED:
        return MyTrust(LEVEL_WORDS[level], None, [], held)
    standing = standings([member])[member.id]
    return MyTrust(
        LEVEL_WORDS[level], NEXT_BRINGS[level], steps_to(TrustLevel(level + 1), standing), held
    )
