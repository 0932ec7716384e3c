"""Muting and blocking a member, and undoing it: silent rules, the other is never told."""

from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.accounts.models import User
from forum.blocks.models import MemberBlock, ShutKind
from forum.errors import ForumError
from forum.extensions import db
from forum.permissions import is_member
from forum.posts.signals import member_blocked
from forum.timeutil import utcnow

# How long, as the form offers it; None: always.
DURATIONS = {
    "week": timedelta(days=7),
    "month": timedelta(days=30),
    "year": timedelta(days=365),
    "always": None,
}


def shut_out(member: User, other: User, kind: ShutKind, duration: str) -> MemberBlock:
    """Mute or block `other` for a while (replacing an earlier choice about them); a new block
    sends member_blocked. The other member is never told. Caller commits."""
    # A suspended member may still shut someone out: it protects them and writes nothing.
    if not is_member(member):
        raise ForumError(_("You can't do that now."))
    if other.id == member.id:
        raise ForumError(_("You can't mute or block yourself."))
    if duration not in DURATIONS:
        raise ForumError(_("Please choose for how long."))
    span = DURATIONS[duration]
    now = utcnow()
    row = db.session.get(MemberBlock, (member.id, other.id))
    was_block = row is not None and row.kind == ShutKind.BLOCK and _counts(row, now)
    if row is None:
        row = MemberBlock(user_id=member.id, target_id=other.id)
        db.session.add(row)
    row.kind = kind
    # A block keeps the moment it began while it lasts: changing only how long it lasts must
    # not bring back what it has hidden since, nor count again toward the queue's threshold.
    if not (was_block and kind == ShutKind.BLOCK):
        row.created_at = now
    row.until = now + span if span is not None else None
    db.session.flush()
    if kind == ShutKind.BLOCK and not was_block:
        member_blocked.send(other, by=member.id)
    return row


def _counts(row: MemberBlock, now) -> bool:
    return row.until is None or row.until > now


def undo_shut_out(member: User, other_id: int) -> None:
    """Unmute or unblock; nothing happens if there was nothing to undo. Caller commits."""
    db.session.execute(
        sa.delete(MemberBlock).where(
            MemberBlock.user_id == member.id, MemberBlock.target_id == other_id
        )
    )
