"""Looking members up: by pseudonym (as people type it) and by session id."""

import hmac

import sqlalchemy as sa

from forum.accounts.models import User
from forum.accounts.names import pseudonym_key, pseudonym_skeleton
from forum.extensions import db


def user_by_pseudonym(pseudonym: str) -> User | None:
    """The member known by this pseudonym, however it is capitalised or normalised.

    A name that is no member's but looks like exactly one member's finds that member (a
    Cyrillic "а" typed for a Latin "a"). Where several members look alike (names taken
    before look-alikes were refused), only a member's own name finds them.
    """
    member = db.session.scalar(
        sa.select(User).where(User.pseudonym_key == pseudonym_key(pseudonym))
    )
    if member is not None:
        return member
    alike = db.session.scalars(
        sa.select(User).where(User.pseudonym_skeleton == pseudonym_skeleton(pseudonym)).limit(2)
    ).all()
    return alike[0] if len(alike) == 1 else None


def pseudonym_taken(pseudonym: str) -> bool:
    """Whether a member has this name, or one that looks like it."""
    stmt = sa.select(User.id).where(
        sa.or_(
            User.pseudonym_key == pseudonym_key(pseudonym),
            User.pseudonym_skeleton == pseudonym_skeleton(pseudonym),
        )
    )
    return db.session.scalar(stmt.limit(1)) is not None


def look_alike_groups() -> list[list[User]]:
    """Members whose names look alike (taken before sign-up refused look-alikes), oldest
    account first in each group, for the admins to know about."""
    shared = (
        sa.select(User.pseudonym_skeleton)
        .group_by(User.pseudonym_skeleton)
        .having(sa.func.count() > 1)
    )
    groups: dict[str, list[User]] = {}
    for member in db.session.scalars(
        sa.select(User).where(User.pseudonym_skeleton.in_(shared)).order_by(User.id)
    ):
        groups.setdefault(member.pseudonym_skeleton, []).append(member)
    return list(groups.values())


def user_by_session_id(session_id: str) -> User | None:
    """The member a session cookie names, if its token is still the current one."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not hmac.compare_digest(user.session_token, token):
        return None
    return user
