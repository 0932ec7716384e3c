"""Following, muting and saving, the notices a post sends once it can be read, and visits."""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from forum.accounts.models import User
from forum.accounts.queries import user_by_pseudonym
from forum.blocks.queries import has_shut_out
from forum.conversations.shield import mention_reaches
from forum.errors import NotAllowed
from forum.extensions import db
from forum.following.models import Bookmark, FollowState, ThreadState
from forum.i18n import lazy_gettext as _l
from forum.notices.models import NoticeKind, ReplyTo
from forum.notices.services import notify
from forum.permissions import can_write
from forum.posts.mentions import mentioned_names
from forum.posts.models import Post, PostStatus, Thread, ThreadStatus
from forum.posts.visibility import can_view_post, can_view_thread
from forum.timeutil import utcnow


def _insert(model):
    """INSERT that can say what to do on a conflict, in the dialect of the database in use."""
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(model)


# --- following and muting ----------------------------------------------------------------


def set_follow(user: User, thread: Thread, state: FollowState) -> None:
    """Follow, stop following or mute a thread the member can read. Caller commits."""
    if not can_write(user) or not can_view_thread(user, thread):
        raise NotAllowed(_l("You can't change how you follow this thread."))
    stmt = _insert(ThreadState).values(user_id=user.id, thread_id=thread.id, follow=state)
    db.session.execute(
        stmt.on_conflict_do_update(
            index_elements=["user_id", "thread_id"], set_={"follow": stmt.excluded.follow}
        )
    )


def follow_as_author(author: User, thread: Thread) -> None:
    """Who starts or replies to a thread follows it, unless they already chose. Caller commits."""
    db.session.flush()
    stmt = _insert(ThreadState).values(
        user_id=author.id, thread_id=thread.id, follow=FollowState.FOLLOWING
    )
    db.session.execute(
        stmt.on_conflict_do_update(
            index_elements=["user_id", "thread_id"],
            set_={"follow": stmt.excluded.follow},
            where=ThreadState.follow.is_(None),
        )
    )


# --- notices -----------------------------------------------------------------------------


def post_became_visible(post: Post) -> None:
    """Send the notices a post owes now that it can be read: to the author it answers, to
    the members it mentions (a newcomer only as the shield allows) and to the thread's
    followers; one each, never to its own author, nor to anyone who muted the thread or
    muted or blocked the author. Caller commits."""
    thread = post.thread
    if (
        post.status != PostStatus.VISIBLE
        or thread.status != ThreadStatus.VISIBLE
        or thread.board.is_archived
    ):
        return
    states = dict(
        db.session.execute(
            sa.select(ThreadState.user_id, ThreadState.follow).where(
                ThreadState.thread_id == thread.id, ThreadState.follow.is_not(None)
            )
        ).all()
    )
    # Most personal first: each member gets the first notice that applies to them. The
    # notice points at the post; who wrote it and what it says are read when it is shown.
    owed: dict[int, tuple[NoticeKind, str | None]] = {}
    if post.parent_id is not None:
        parent_author = db.session.scalar(
            sa.select(Post.author_id).where(Post.id == post.parent_id)
        )
        if parent_author is not None:
            owed[parent_author] = (NoticeKind.REPLY, ReplyTo.YOUR_POST)
    for name in mentioned_names(post.body_source):
        member = user_by_pseudonym(name)
        if (
            member is not None
            and member.id not in owed
            and can_view_thread(member, thread)
            and post.author is not None
            and mention_reaches(post.author, member, thread)
        ):
            owed[member.id] = (NoticeKind.MENTION, None)
    for user_id, state in states.items():
        if state == FollowState.FOLLOWING and user_id not in owed:
            owed[user_id] = (NoticeKind.REPLY, ReplyTo.FOLLOWED)
    owed.pop(post.author_id, None)
    for user_id, (kind, detail) in owed.items():
        if states.get(user_id) != FollowState.MUTED and not has_shut_out(user_id, post.author_id):
            notify(user_id, kind, post_id=post.id, detail=detail)


# --- unread markers ----------------------------------------------------------------------


@dataclass
class Visit:
    """What the thread page needs to know about the member reading it."""

    follow: FollowState | None = None
    # Posts after this one are new to the member; None: first visit, nothing is marked.
    seen_before: int | None = None


def record_visit(user: User, thread: Thread, newest_shown: int | None) -> Visit:
    """Remember how far the member has read, and answer with their follow state and where
    they had read up to before. Caller commits.

    A look at a page already read writes nothing: the member's row is read first, and
    written (in one statement that answers as the read would) only when the visit moves it,
    on a first visit, with posts not seen before, or the first look after catching up."""
    row = db.session.execute(
        sa.select(
            ThreadState.follow, ThreadState.seen_before_post_id, ThreadState.last_seen_post_id
        ).where(ThreadState.user_id == user.id, ThreadState.thread_id == thread.id)
    ).first()
    if row is not None:
        follow, seen_before, last = row
        caught_up = seen_before == last and (newest_shown is None or newest_shown <= (last or 0))
        if caught_up and last is not None:
            return Visit(follow, seen_before)
    stmt = _insert(ThreadState).values(
        user_id=user.id,
        thread_id=thread.id,
        last_seen_post_id=newest_shown,
        seen_at=utcnow(),
    )
    last = ThreadState.last_seen_post_id
    stmt = stmt.on_conflict_do_update(
        index_elements=["user_id", "thread_id"],
        set_={
            # Every value on the right is the row as it was before this statement.
            "seen_before_post_id": last,
            "last_seen_post_id": sa.case(
                (last.is_(None), stmt.excluded.last_seen_post_id),
                (stmt.excluded.last_seen_post_id > last, stmt.excluded.last_seen_post_id),
                else_=last,
            ),
            "seen_at": stmt.excluded.seen_at,
        },
    ).returning(ThreadState.follow, ThreadState.seen_before_post_id)
    follow, seen_before = db.session.execute(stmt).one()
    return Visit(follow, seen_before)


# --- bookmarks ---------------------------------------------------------------------------


def toggle_bookmark(user: User, post: Post) -> bool:
    """Save a post the member can read, or unsave it; True if it is now saved. Caller commits."""
    if not can_write(user) or not can_view_post(user, post):
        raise NotAllowed(_l("You can't save this post."))
    removed = db.session.execute(
        sa.delete(Bookmark).where(Bookmark.user_id == user.id, Bookmark.post_id == post.id)
    ).rowcount
    if removed:
        return False
    db.session.execute(
        _insert(Bookmark)
        .values(user_id=user.id, post_id=post.id, created_at=utcnow())
        .on_conflict_do_nothing()
    )
    return True


def remove_bookmarks(user: User, post_ids: list[int]) -> None:
    """Take posts off the member's bookmarks, even ones they can no longer read. Caller commits."""
    if post_ids:
        db.session.execute(
            sa.delete(Bookmark).where(Bookmark.user_id == user.id, Bookmark.post_id.in_(post_ids))
        )


# --- what the content core tells us (connected in create_app) ------------------------------


def on_post_created(post: Post) -> None:
    """The author follows the thread; a post readable at once sends its notices now."""
    if post.author is not None:
        follow_as_author(post.author, post.thread)
    post_became_visible(post)


def on_post_status_changed(post: Post, was: PostStatus) -> None:
    """An approved post sends its notices (one taken from view stops showing in them by
    itself: notices read the post when shown)."""
    if was == PostStatus.PENDING and post.status == PostStatus.VISIBLE:
        post_became_visible(post)
