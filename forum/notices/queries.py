"""Reading a member's notices."""

import re

import sqlalchemy as sa
from flask import g

from forum.extensions import db
from forum.notices.models import Notice, NoticeKind
from forum.permissions import is_member
from forum.posts.models import Post, Thread
from forum.posts.visibility import (
    listed_boards_filter,
    listed_threads_filter,
    readable_posts_filter,
)
from forum.timeutil import iso_time

# Notices that quote a post, and the link they keep to it.
_QUOTING = (NoticeKind.REPLY, NoticeKind.MENTION)
_POST_LINK = re.compile(r"/p/(\d+)")


def unread_count(user) -> int:
    """How many notices the member has not read yet (once per request, for the header)."""
    if not is_member(user):
        return 0
    if "unread_notices" not in g:
        g.unread_notices = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(Notice)
            .where(Notice.user_id == user.id, Notice.read_at.is_(None))
        )
    return g.unread_notices


def notices_for(user, page: int):
    stmt = sa.select(Notice).where(Notice.user_id == user.id).order_by(Notice.id.desc())
    return db.paginate(stmt, page=page, per_page=30, error_out=False)


def withheld(user, notices) -> dict[int, str]:
    """Notice id -> what of it the member may no longer see, decided now by the boards' rule:
    "quote" (the post was hidden, removed, deleted...) or "all" (its thread or board is out
    of their sight too, so the thread's title in the notice goes as well).

    The quote is also blanked when a post leaves view (forget_excerpts); this covers the
    changes that never touch the post itself, like a hidden thread or an archived board.
    """
    linked = {}
    for notice in notices:
        found = _POST_LINK.fullmatch(notice.link or "") if notice.kind in _QUOTING else None
        if found:
            linked[notice.id] = int(found.group(1))
    if not linked:
        return {}

    def ids(*rule) -> set[int]:
        stmt = sa.select(Post.id).join(Post.thread).join(Thread.board)
        return set(db.session.scalars(stmt.where(Post.id.in_(set(linked.values())), *rule)))

    readable = ids(readable_posts_filter(user))
    in_sight = ids(listed_threads_filter(user), listed_boards_filter(user))
    return {
        notice_id: "quote" if post_id in in_sight else "all"
        for notice_id, post_id in linked.items()
        if post_id not in readable
    }


# What the moderators told the member is theirs in full; of replies and mentions, only that
# they happened (their words are other members' posts, not the member's data).
_ADDRESSED = {NoticeKind.MODERATION, NoticeKind.CARE, NoticeKind.REPORT_OUTCOME}


def notices_for_export(user) -> list[dict]:
    """A member's notices, for their data export."""
    notices = db.session.scalars(
        sa.select(Notice).where(Notice.user_id == user.id).order_by(Notice.id)
    )
    return [
        {
            "kind": n.kind.value,
            "title": n.title,
            "body": n.body if n.kind in _ADDRESSED else "",
            "when": iso_time(n.created_at),
            "read": n.read_at is not None,
        }
        for n in notices
    ]
