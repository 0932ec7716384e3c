"""Reading mutes and blocks: whom a member shut out, and whether one member shut out another.

A row whose `until` has passed stops counting everywhere here; nothing needs to delete it.
"""

from datetime import timedelta

import sqlalchemy as sa
from flask import g

from forum.accounts.models import User
from forum.blocks.models import MemberBlock, ShutKind
from forum.extensions import db
from forum.permissions import Role
from forum.timeutil import iso_time, utcnow


def _current():
    return sa.or_(MemberBlock.until.is_(None), MemberBlock.until > utcnow())


def shut_out_by(member_id: int, kinds=(ShutKind.MUTE, ShutKind.BLOCK)) -> sa.Select:
    """The ids of the members `member_id` muted or blocked (or only `kinds`), as a statement."""
    return sa.select(MemberBlock.target_id).where(
        MemberBlock.user_id == member_id, MemberBlock.kind.in_(kinds), _current()
    )


def blocked_select(member_id) -> sa.Select:
    """Whom the member blocked, moderators left out: a moderator always reaches everyone.
    `member_id` may be a column, for a correlated subquery."""
    return (
        sa.select(MemberBlock.target_id)
        .join(User, User.id == MemberBlock.target_id)
        .where(
            MemberBlock.user_id == member_id,
            MemberBlock.kind == ShutKind.BLOCK,
            User.role == Role.MEMBER,
            _current(),
        )
    )


def block_of(member_id: int, target) -> sa.Select:
    """The member's current block of `target` (a column, for a correlated subquery)."""
    return blocked_select(member_id).where(MemberBlock.target_id == target)


def shut_out_kinds(member_id: int | None) -> dict[int, ShutKind]:
    """Whom the member muted or blocked, and how: read once a request, for every post shown."""
    if member_id is None:
        return {}
    cache = g.setdefault("shut_out_kinds", {})
    if member_id not in cache:
        rows = db.session.execute(
            sa.select(MemberBlock.target_id, MemberBlock.kind).where(
                MemberBlock.user_id == member_id, _current()
            )
        )
        cache[member_id] = dict(rows.all())
    return cache[member_id]


def blocked_ids(member_id: int) -> frozenset[int]:
    return frozenset(db.session.scalars(shut_out_by(member_id, (ShutKind.BLOCK,))))


def has_shut_out(member_id: int, other_id: int | None, block_only: bool = False) -> bool:
    """Whether `member_id` muted (or, with block_only, blocked) `other_id`."""
    if other_id is None:
        return False
    kinds = (ShutKind.BLOCK,) if block_only else (ShutKind.MUTE, ShutKind.BLOCK)
    return (
        db.session.scalar(shut_out_by(member_id, kinds).where(MemberBlock.target_id == other_id))
        is not None
    )


def shut_out_list(member: User) -> list[tuple[MemberBlock, str]]:
    """The member's own mutes and blocks still counting, with the other's pseudonym."""
    rows = db.session.execute(
        sa.select(MemberBlock, User.pseudonym)
        .join(User, User.id == MemberBlock.target_id)
        .where(MemberBlock.user_id == member.id, _current())
        .order_by(User.pseudonym)
    )
    return [(row, name) for row, name in rows]


def recent_blocker_count(member_id: int, days: int = 30) -> int:
    """How many different members blocked `member_id` in the last `days` (a count only)."""
    return db.session.scalar(
        sa.select(sa.func.count(sa.distinct(MemberBlock.user_id))).where(
            MemberBlock.target_id == member_id,
            MemberBlock.kind == ShutKind.BLOCK,
            MemberBlock.created_at > utcnow() - timedelta(days=days),
        )
    )


def for_export(member: User) -> list[dict]:
    """The member's own mutes and blocks; never who shut them out."""
    return [
        {"member": name, "kind": row.kind.value, "until": iso_time(row.until)}
        for row, name in shut_out_list(member)
    ]
