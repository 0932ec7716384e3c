"""A thread page's post cards, a board's thread rows and the index's boards: what each
shows this reader, as plain values, and its markup, rendered once for every reader who
sees the same (forum/web/fragments.py).

`Card` holds everything the card's macro reads; the macro (boards/_post.html) is given a
card and nothing else, not even the reader, so a card's values are the whole of what makes
it differ from one reader, one language or one moment to the next. Most readers of a post
see the same card (a member who did not write it, react to it or bookmark it sees what any
other such member sees), so most cards come from the cache.
"""

from typing import NamedTuple

import sqlalchemy as sa
from flask import get_template_attribute

from forum.blocks.models import ShutKind
from forum.blocks.queries import shut_out_kinds
from forum.extensions import db
from forum.i18n import reader_clock
from forum.moderation.watched.models import WatchAction, WatchedWord
from forum.permissions import can_moderate, can_write, is_author, is_member, the_user
from forum.posts.content_notes import note_label, reader_mode
from forum.posts.models import Post, PostStatus, Thread
from forum.posts.permissions import (
    can_delete_post,
    can_edit_post,
    can_reply,
    can_respond_to,
    can_view_history,
    is_closed,
)
from forum.posts.visibility import can_view_post
from forum.reactions.queries import kinds_for
from forum.web.fragments import forget_pieces, fragment_cache, render_pieces
from forum.web.jinja import time_element


class Card(NamedTuple):
    post_id: int
    thread_id: int
    status: str
    author: str | None  # the pseudonym; None once the author has left
    day: int | None  # the day count the author showed when writing it
    when: str  # the <time> of writing ("3 hours ago" moves with the clock)
    edited: str | None
    parent_id: int | None
    parent_author: str | None
    own: bool  # the reader wrote it
    redacted: bool
    body: str | None  # the stored HTML, when this reader may read it
    shut: str | None  # "muted" or "blocked": the reader shut its author out
    note_mode: str | None  # how the reader takes its content note
    note: str | None  # the note's words
    resource: str | None  # the help card a watched word put under it (stored HTML)
    reactions: tuple | None  # (may react, ((kind, count, mine), ...), ((kind, names), ...))
    member: bool
    new: bool
    may_reply: bool
    may_edit: bool
    may_delete: bool
    may_report: bool
    may_moderate: bool
    may_see_history: bool
    bookmarked: bool | None  # None: no bookmark button for this reader
    replies: tuple  # ((post id, pseudonym or None), ...)


def post_cards(viewer, thread: Thread, posts: list[Post], replies, reading, days, reactions):
    """The page's cards, joined, each from the cache where another reader saw the same."""
    viewer = the_user(viewer)  # a card asks the reader a dozen questions
    page = _Page(
        viewer,
        thread,
        replies,
        reading,
        days,
        reactions,
        shut_out_kinds(viewer.id) if is_member(viewer) else {},
        reader_clock(),
    )
    cards = [_card(page, post) for post in posts]
    macro = get_template_attribute("boards/_post.html", "post_card")
    return render_pieces("post card", cards, macro, _post_tag)


class ThreadRow(NamedTuple):
    """A thread on its board's page, as the row's macro (boards/_row.html) reads it."""

    thread_id: int
    title: str
    badge: str | None
    pinned: bool
    closed: bool
    slow: bool
    status: str
    author: str | None
    replies: int
    active: str  # the <time> of the last reply ("3 hours ago" moves with the clock)
    new: int | None  # posts new to this member since their last visit


def thread_rows(threads: list[Thread], new_counts: dict[int, int]):
    """A board page's rows, joined, each from the cache where another reader saw the same."""
    clock = reader_clock()
    rows = [
        ThreadRow(
            thread_id=thread.id,
            title=thread.title,
            badge=thread.badge,
            pinned=thread.is_pinned,
            closed=is_closed(thread),
            slow=bool(thread.slow_mode_minutes),
            status=thread.status.value,
            author=thread.author.pseudonym if thread.author is not None else None,
            replies=thread.reply_count,
            active=str(time_element(thread.last_activity_at, *clock)),
            new=new_counts.get(thread.id) or None,
        )
        for thread in threads
    ]
    macro = get_template_attribute("boards/_row.html", "thread_row")
    return render_pieces("thread row", rows, macro, _thread_tag)


class BoardRow(NamedTuple):
    """A board on the index, with its latest thread, as the macro (boards/_board.html) reads it."""

    slug: str
    name: str
    description: str | None
    threads: int
    posts: int
    latest_id: int | None  # the most recently active thread this reader may open
    latest_title: str | None
    latest_active: str | None  # its <time> ("3 hours ago" moves with the clock)


def board_rows(boards: list, latest: dict[int, Thread]):
    """The index's boards, joined, each from the cache where another reader saw the same."""
    clock = reader_clock()
    rows = []
    for board in boards:
        last = latest.get(board.id)
        rows.append(
            BoardRow(
                slug=board.slug,
                name=board.name,
                description=board.description,
                threads=board.thread_count,
                posts=board.post_count,
                latest_id=last.id if last is not None else None,
                latest_title=last.title if last is not None else None,
                latest_active=(
                    str(time_element(last.last_activity_at, *clock)) if last is not None else None
                ),
            )
        )
    macro = get_template_attribute("boards/_board.html", "board_row")
    return render_pieces("board row", rows, macro, _latest_tag)


def _post_tag(card: Card) -> tuple:
    return ("post", card.post_id)


def _thread_tag(row: ThreadRow) -> tuple:
    return ("thread", row.thread_id)


def _latest_tag(row: BoardRow) -> tuple | None:
    return ("thread", row.latest_id) if row.latest_id is not None else None


def on_post_changed(post: Post, **_) -> None:
    """A post's words were replaced or its status changed: this worker lets go at once of
    the cards and the thread row rendered from what it was (no key reaches them any more;
    this is so that no memory keeps words a redaction or a removal took away)."""
    forget_pieces([("post", post.id), ("thread", post.thread_id)])


def on_posts_changing_in_bulk(_sender, where) -> None:
    """Many posts are about to change (a member erasing their account): the same, for each."""
    if not fragment_cache():
        return
    found = db.session.execute(sa.select(Post.id, Post.thread_id).where(where)).all()
    forget_pieces([("post", pid) for pid, _ in found] + [("thread", tid) for _, tid in found])


class _Page(NamedTuple):
    """What every card of the page is made from, read once."""

    viewer: object
    thread: Thread
    replies: dict
    reading: object
    days: dict
    reactions: dict
    shut_out: dict  # author id -> how the reader shut them out
    clock: tuple  # (now, language, time zone) for the times the cards show


def _card(page: _Page, post: Post) -> Card:
    viewer, thread, reading = page.viewer, page.thread, page.reading
    member = is_member(viewer)
    readable = can_view_post(viewer, post)
    visible = post.status == PostStatus.VISIBLE
    parent = post.parent
    links = page.replies.get(post.id) or ()
    return Card(
        post_id=post.id,
        thread_id=thread.id,
        status=post.status.value,
        author=post.author.pseudonym if post.author is not None else None,
        day=page.days.get(post.id),
        when=str(time_element(post.created_at, *page.clock)),
        edited=str(time_element(post.edited_at, *page.clock)) if post.edited_at else None,
        parent_id=parent.id if parent is not None else None,
        parent_author=parent.author.pseudonym if parent and parent.author else None,
        own=is_author(viewer, post),
        redacted=post.redacted_at is not None,
        body=post.body_html if readable else None,
        shut=_shut(page.shut_out, post),
        note_mode=reader_mode(viewer, post),
        note=note_label(post),
        resource=_resource(post) if readable and post.body_html else None,
        reactions=_reactions(viewer, post, page.reactions.get(post.id)) if visible else None,
        member=member,
        new=member and reading is not None and post.id in reading.new,
        may_reply=member and visible and can_reply(viewer, thread),
        may_edit=member and can_edit_post(viewer, post),
        may_delete=member and can_delete_post(viewer, post),
        may_report=member and can_respond_to(viewer, post),
        may_moderate=member and can_moderate(viewer),
        may_see_history=member and post.edited_at is not None and can_view_history(viewer, post),
        bookmarked=(
            post.id in reading.bookmarked
            if member and reading is not None and can_write(viewer) and readable
            else None
        ),
        replies=tuple((link.post_id, link.pseudonym) for link in links),
    )


def _shut(shut_out: dict, post: Post) -> str | None:
    kind = shut_out.get(post.author_id) if post.author_id is not None else None
    return None if kind is None else ("blocked" if kind == ShutKind.BLOCK else "muted")


def _resource(post: Post) -> str | None:
    if post.card_id is None:
        return None
    card = db.session.get(WatchedWord, post.card_id)
    return card.detail_html if card is not None and card.action == WatchAction.RESOURCE else None


def _reactions(viewer, post: Post, summary) -> tuple | None:
    allowed = is_member(viewer) and can_respond_to(viewer, post)
    counts = summary.counts if summary is not None else {}
    if not (allowed or counts):
        return None
    mine = summary.mine if summary is not None else ()
    kinds = tuple((kind, counts.get(kind, 0), kind in mine) for kind in kinds_for(post))
    who = tuple((kind, tuple(names)) for kind, names in summary.who.items()) if summary else ()
    return allowed, kinds, who
