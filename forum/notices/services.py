"""Sending notices and marking them read."""

import sqlalchemy as sa
from flask import current_app

from forum.accounts.models import User
from forum.extensions import db
from forum.notices.models import Notice, NoticeKind
from forum.timeutil import utcnow


def path_for(endpoint: str, **values) -> str:
    """A path inside Hearth for a notice's link, built in or out of a request (commands, tests)."""
    return current_app.url_map.bind("").build(endpoint, values)


def notify(
    user_id: int | None, kind: NoticeKind, title: str, body: str = "", link: str | None = None
):
    """Queue a notice for a member (none for a post whose author left). Caller commits."""
    if user_id is None:
        return None
    notice = Notice(user_id=user_id, kind=kind, title=title[:200], body=body, link=link)
    db.session.add(notice)
    return notice


def mark_read(user: User, notice_id: int) -> None:
    """Mark one of the member's own notices read. Caller commits."""
    db.session.execute(
        sa.update(Notice)
        .where(Notice.id == notice_id, Notice.user_id == user.id, Notice.read_at.is_(None))
        .values(read_at=utcnow())
    )


def mark_all_read(user: User) -> None:
    """Mark every notice of the member read. Caller commits."""
    db.session.execute(
        sa.update(Notice)
        .where(Notice.user_id == user.id, Notice.read_at.is_(None))
        .values(read_at=utcnow())
    )
