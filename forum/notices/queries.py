"""Reading a member's notices: each is shown from what it points at, as it is now."""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import g
from flask_babel import gettext
from sqlalchemy.orm import joinedload

from forum.accounts.models import User
from forum.extensions import db
from forum.i18n import lazy_gettext as _l
from forum.moderation.models import Reason, Report
from forum.notices.models import Notice, NoticeKind, ReplyTo
from forum.notices.services import path_for
from forum.notices.words import read_stored
from forum.permissions import is_member
from forum.posts.mentions import FORMER_MEMBER
from forum.posts.models import Post, Thread
from forum.posts.visibility import (
    listed_boards_filter,
    listed_threads_filter,
    readable_posts_filter,
)
from forum.text import excerpt
from forum.timeutil import iso_time

EXCERPT_LENGTH = 160
# Notices about other members' posts: nothing of them is stored, all is read when shown.
ABOUT_OTHERS = frozenset({NoticeKind.REPLY, NoticeKind.MENTION, NoticeKind.REACTION})
# What the moderators told the member: their own fixed words and reason, stored.
FROM_MODERATORS = frozenset({NoticeKind.MODERATION, NoticeKind.CARE, NoticeKind.TEAM_ANSWER})
# What a member can write to the moderators about, from the notice itself.
ASKABLE = frozenset({NoticeKind.MODERATION, NoticeKind.CARE})
OUT_OF_SIGHT = _l("A post in a thread you can no longer see")
NO_LONGER_SHOWN = _l("A post you were told about is no longer shown")


@dataclass(frozen=True)
class ShownNotice:
    """A notice as its member reads it now."""

    notice: Notice
    title: str
    body: str
    link: str | None

    @property
    def kind(self) -> NoticeKind:
        return self.notice.kind

    @property
    def from_moderators(self) -> bool:
        return self.notice.kind in FROM_MODERATORS

    @property
    def askable(self) -> bool:
        """A decision the member may ask the moderators about ("Contact the moderators")."""
        return self.notice.kind in ASKABLE


def unread_select(user) -> sa.Select:
    """The count of notices the member has not read yet, as a statement (the header reads it
    with the unread messages in one query: forum/header.py)."""
    return (
        sa.select(sa.func.count())
        .select_from(Notice)
        .where(Notice.user_id == user.id, Notice.read_at.is_(None))
    )


def unread_count(user) -> int:
    """How many notices the member has not read yet (once per request)."""
    if not is_member(user):
        return 0
    if "unread_notices" not in g:
        g.unread_notices = db.session.scalar(unread_select(user))
    return g.unread_notices


def askable_notice(user, notice_id: int | None) -> Notice | None:
    """One of the member's own notices from the moderators, to write to them about; None
    for anyone else's, or for a notice about other members' posts."""
    if not is_member(user) or notice_id is None:
        return None
    return db.session.scalar(
        sa.select(Notice).where(
            Notice.id == notice_id, Notice.user_id == user.id, Notice.kind.in_(ASKABLE)
        )
    )


def notices_for(user, page: int):
    stmt = sa.select(Notice).where(Notice.user_id == user.id).order_by(Notice.id.desc())
    return db.paginate(stmt, page=page, per_page=30, error_out=False)


@dataclass(frozen=True)
class _Pointed:
    """What the notices on one page point at, read in a few queries."""

    posts: dict[int, Post]
    readable: set[int]  # posts the member may read now
    in_sight: set[int]  # posts whose thread and board the member may still see
    unquotable: set[int]  # posts that raised a care report: never quoted
    actors: dict[int, User]


def _pointed_at(user, notices: list[Notice]) -> _Pointed:
    post_ids = {n.post_id for n in notices if n.post_id is not None}
    actor_ids = {n.actor_id for n in notices if n.actor_id is not None}
    posts, readable, in_sight, unquotable, actors = {}, set(), set(), set(), {}
    if post_ids:
        posts = {
            p.id: p
            for p in db.session.scalars(
                sa.select(Post)
                .where(Post.id.in_(post_ids))
                .options(joinedload(Post.thread), joinedload(Post.author))
            )
        }

        def ids(*rule) -> set[int]:
            stmt = sa.select(Post.id).join(Post.thread).join(Thread.board)
            return set(db.session.scalars(stmt.where(Post.id.in_(post_ids), *rule)))

        readable = ids(readable_posts_filter(user))
        in_sight = ids(listed_threads_filter(user), listed_boards_filter(user))
        unquotable = set(
            db.session.scalars(
                sa.select(Report.post_id).where(
                    Report.post_id.in_(post_ids), Report.reason == Reason.AT_RISK
                )
            )
        )
    if actor_ids:
        actors = {
            u.id: u for u in db.session.scalars(sa.select(User).where(User.id.in_(actor_ids)))
        }
    return _Pointed(posts, readable, in_sight, unquotable, actors)


def _quote(post: Post, pointed: _Pointed) -> str:
    """A post's first words, as it reads now; nothing behind a content note or a care report."""
    if post.content_note or post.id in pointed.unquotable:
        return ""
    return excerpt(post.body_source, EXCERPT_LENGTH)


def _about_others(notice: Notice, post: Post | None, pointed: _Pointed) -> tuple[str, str]:
    """The sentence of a notice about another member's post, built as it is shown, in the
    reader's language (the notice stores no words of it)."""
    if post is None or post.id not in pointed.in_sight:
        return str(OUT_OF_SIGHT), ""
    if post.id not in pointed.readable:
        return str(NO_LONGER_SHOWN), ""
    thread = post.thread.title
    who = post.author.pseudonym if post.author else gettext(FORMER_MEMBER)
    if notice.kind == NoticeKind.REACTION:
        actor = pointed.actors.get(notice.actor_id)
        name = actor.pseudonym if actor else gettext(FORMER_MEMBER)
        # The reaction's word is stored in English (forum.reactions) and read here.
        title = gettext(
            "%(name)s reacted “%(reaction)s” to your milestone",
            name=name,
            reaction=gettext(notice.detail) if notice.detail else "",
        )
        return title, gettext("On “%(thread)s”.", thread=thread)
    if notice.kind == NoticeKind.MENTION:
        title = gettext("%(name)s mentioned you in “%(thread)s”", name=who, thread=thread)
    elif notice.detail == ReplyTo.YOUR_POST:
        title = gettext("%(name)s replied to your post in “%(thread)s”", name=who, thread=thread)
    else:
        title = gettext("New reply from %(name)s in “%(thread)s”", name=who, thread=thread)
    return title, _quote(post, pointed)


def _shown(notice: Notice, pointed: _Pointed) -> ShownNotice:
    post = pointed.posts.get(notice.post_id) if notice.post_id is not None else None
    link = notice.link
    if notice.post_id is not None and link is None:
        link = path_for("boards.permalink", post_id=notice.post_id)
    if notice.kind in ABOUT_OTHERS:
        title, body = _about_others(notice, post, pointed)
        if post is None or post.id not in pointed.in_sight:
            link = None
        return ShownNotice(notice, title, body, link)
    body = read_stored(notice.body)
    if notice.kind == NoticeKind.REPORT_OUTCOME and post is not None:
        if post.id in pointed.in_sight:
            about = gettext("About a post in “%(thread)s”.", thread=post.thread.title)
            body = f"{about} {body}"
    # Fixed words are stored in English, as their feature marked them; they are read in the
    # reader's language here (words the catalogue does not know read as stored).
    title = read_stored(notice.title)
    return ShownNotice(notice, title, body, link)


def shown_notices(user, notices: list[Notice]) -> list[ShownNotice]:
    """The member's notices as they read now: each post, thread title and pseudonym is read
    from what the notice points at, through the boards' visibility rule for this member."""
    pointed = _pointed_at(user, notices)
    return [_shown(n, pointed) for n in notices]


def notices_for_export(user) -> list[dict]:
    """A member's notices, for their data export. What the moderators told the member is
    theirs in full; of replies and mentions, only that they happened and where (their words
    are other members' posts, not the member's data)."""
    notices = list(
        db.session.scalars(sa.select(Notice).where(Notice.user_id == user.id).order_by(Notice.id))
    )
    return [
        {
            "kind": n.notice.kind.value,
            "title": n.title,
            "body": "" if n.notice.kind in ABOUT_OTHERS else n.body,
            "when": iso_time(n.notice.created_at),
            "read": n.notice.read_at is not None,
        }
        for n in shown_notices(user, notices)
    ]
