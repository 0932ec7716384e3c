"""Sending notices and marking them read."""

import re

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
    user_id: int | None,
    kind: NoticeKind,
    title: str = "",
    body: str = "",
    link: str | None = None,
    *,
    post_id: int | None = None,
    actor_id: int | None = None,
    detail: str | None = None,
    action_id: int | None = None,
):
    """Queue a notice for a member (none for a post whose author left). Caller commits.

    `title` and `body` are the moderators' own fixed words and reason; what a notice says of
    a post (its thread, author, first words) is never passed here: give `post_id` and it is
    read from the post when the notice is shown. `action_id` names the moderation action
    the notice tells about (the member may appeal it from the notice).
    """
    if user_id is None:
        return None
    notice = Notice(
        user_id=user_id,
        kind=kind,
        title=title[:200],
        body=body,
        link=link,
        post_id=post_id,
        actor_id=actor_id,
        detail=detail,
        action_id=action_id,
    )
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


def forget_name(pseudonym: str, instead: str) -> None:
    """The moderators' words in other members' notices that name a member who left read
    `instead` (the rest of a notice points at posts and members, so forgets by itself).
    Caller commits."""
    escaped = pseudonym.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    naming = re.compile(rf"(?<![\w@-])@?{re.escape(pseudonym)}(?![\w-])", re.IGNORECASE)
    for notice in db.session.scalars(
        sa.select(Notice).where(Notice.body.ilike(f"%{escaped}%", escape="\\"))
    ):
        notice.body = naming.sub(instead, notice.body)
