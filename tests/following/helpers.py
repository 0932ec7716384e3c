"""Small helpers for following tests: a member's reply and mention notices, their thread state."""

import sqlalchemy as sa

from forum.extensions import db
from forum.following.models import Bookmark, ThreadState
from forum.notices.models import Notice, NoticeKind
from forum.notices.queries import ShownNotice, shown_notices


def personal_notices(user) -> list[ShownNotice]:
    """The reply and mention notices a member has, oldest first, as they read them now."""
    notices = db.session.scalars(
        sa.select(Notice)
        .where(
            Notice.user_id == user.id,
            Notice.kind.in_([NoticeKind.REPLY, NoticeKind.MENTION]),
        )
        .order_by(Notice.id)
    )
    return shown_notices(user, list(notices))


def state_of(user, thread) -> ThreadState | None:
    db.session.expire_all()
    return db.session.get(ThreadState, (user.id, thread.id))


def saved_post_ids(user) -> list[int]:
    return list(db.session.scalars(sa.select(Bookmark.post_id).where(Bookmark.user_id == user.id)))
