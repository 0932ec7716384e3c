"""Roles, and what a member may do whatever the content: sign in, write, moderate, greet.

The predicates about boards, threads and posts are in forum.posts.visibility and
forum.posts.permissions; every one of them answers False for a signed-out visitor.
"""

import enum
from datetime import UTC, datetime

from flask_login import AnonymousUserMixin

from forum.trust.levels import UNLOCKS, TrustLevel, Unlocks, unlocks_for


class Role(enum.StrEnum):
    MEMBER = "member"
    MODERATOR = "moderator"
    ADMIN = "admin"


class Anonymous(AnonymousUserMixin):
    """A signed-out visitor: every predicate below answers False for them."""

    id = None
    role = None
    pseudonym = None
    suspended_until = None
    country = None  # no crisis lines chosen: the help page offers a choice


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def the_user(user):
    """The user itself rather than the request's proxy for it (`current_user`): a page that
    asks it dozens of questions pays the proxy's lookup once."""
    return getattr(user, "_get_current_object", lambda: user)()


def is_member(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def is_suspended(user) -> bool:
    until = getattr(user, "suspended_until", None)
    return is_member(user) and until is not None and until > _now()


def can_moderate(user) -> bool:
    return is_member(user) and user.role in (Role.MODERATOR, Role.ADMIN)


def can_administer(user) -> bool:
    return is_member(user) and user.role == Role.ADMIN


def is_author(user, post_or_thread) -> bool:
    return is_member(user) and post_or_thread.author_id == user.id


def can_write(user) -> bool:
    """Signed in and not suspended: may post, reply, edit, react and report."""
    return is_member(user) and not is_suspended(user)


def can_contact_team(user) -> bool:
    """Every signed-in member may write to the moderator team, a suspended or banned one too:
    a question about a decision must stay possible."""
    return is_member(user)


def can_answer_for_team(user) -> bool:
    """Moderators and admins read every conversation with the team, and answer it as "the
    moderators"; they are never members of it."""
    return can_moderate(user)


def can_greet(user) -> bool:
    """Moderators, and members who opted in as greeters, see newcomers waiting for a reply."""
    return can_moderate(user) or (can_write(user) and bool(getattr(user, "is_greeter", False)))


def can_mentor(user) -> bool:
    """Members of regular trust or above may offer to mentor (forum/trust/levels.py), while
    they may write."""
    return can_write(user) and unlocks(user).may_mentor


def unlocks(user) -> Unlocks:
    """What the member's earned trust opens (forum/trust/levels.py); the moderators have all."""
    if can_moderate(user):
        return UNLOCKS[TrustLevel.TRUSTED]
    return unlocks_for(getattr(user, "trust_level", 0) or 0)
