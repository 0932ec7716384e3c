"""The rules of writing: start a thread, reply, edit, delete, and keep the counters true."""

import re

import sqlalchemy as sa

from forum.accounts.models import User
from forum.boards.models import Board, Post, PostRevision, PostStatus, Thread, ThreadStatus
from forum.errors import NotAllowed
from forum.extensions import db
from forum.permissions import can_delete_post, can_edit_post, can_post, can_reply
from forum.text import render_post_body
from forum.timeutil import utcnow

TITLE_MIN, TITLE_MAX = 3, 150
BODY_MIN, BODY_MAX = 1, 20_000


def start_thread(author: User, board: Board, title: str, body: str) -> Thread:
    """Open a thread with its first post. Caller commits."""
    if not can_post(author, board):
        raise NotAllowed("You can't start a thread on this board.")
    now = utcnow()
    thread = Thread(
        board=board,
        author=author,
        title=title.strip(),
        status=ThreadStatus.VISIBLE,
        post_count=0,
        created_at=now,
        last_activity_at=now,
    )
    post = Post(
        thread=thread,
        author=author,
        body_source=body,
        body_html=render_post_body(body),
        status=PostStatus.VISIBLE,
        is_opening=True,
        created_at=now,
    )
    db.session.add_all([thread, post])
    _bump(board, "thread_count", 1)
    _count_post(post, 1)
    db.session.flush()
    return thread


def reply(author: User, thread: Thread, body: str, parent: Post | None = None) -> Post:
    """Add a reply, optionally answering one post of the same thread. Caller commits."""
    if not can_reply(author, thread):
        raise NotAllowed("You can't reply to this thread.")
    if parent is not None and parent.thread_id != thread.id:
        parent = None
    now = utcnow()
    post = Post(
        thread=thread,
        author=author,
        parent=parent,
        body_source=body,
        body_html=render_post_body(body),
        status=PostStatus.VISIBLE,
        created_at=now,
    )
    db.session.add(post)
    thread.last_activity_at = now
    _count_post(post, 1)
    db.session.flush()
    return post


def edit_post(editor: User, post: Post, body: str, title: str | None = None) -> None:
    """Save a new version, keeping the old one in the history. Caller commits."""
    if not can_edit_post(editor, post):
        raise NotAllowed("You can only edit your own posts.")
    title = title.strip() if title is not None else None
    changed_title = post.is_opening and title and title != post.thread.title
    if body == post.body_source and not changed_title:
        return
    now = utcnow()
    if body != post.body_source:
        db.session.add(
            PostRevision(
                post_id=post.id,
                body_source=post.body_source,
                body_html=post.body_html,
                written_at=post.edited_at or post.created_at,
                replaced_at=now,
            )
        )
        post.body_source = body
        post.body_html = render_post_body(body)
    if changed_title:
        post.thread.title = title
    post.edited_at = now


def delete_post(author: User, post: Post) -> None:
    """The author takes a post back; the thread keeps its place. Caller commits."""
    if not can_delete_post(author, post):
        raise NotAllowed("You can only delete your own posts.")
    set_post_status(post, PostStatus.DELETED)
    thread = post.thread
    if post.is_opening and not _has_other_posts(post):
        set_thread_status(thread, ThreadStatus.DELETED)


def set_post_status(post: Post, status: PostStatus) -> None:
    """Change a post's state and the counters that follow from it. Caller commits."""
    if post.status == status:
        return
    was_counted = post.status == PostStatus.VISIBLE
    post.status = status
    _count_post(post, int(status == PostStatus.VISIBLE) - int(was_counted))


def set_thread_status(thread: Thread, status: ThreadStatus) -> None:
    """Change a thread's state; the board's counters follow. Caller commits."""
    if thread.status == status:
        return
    db.session.flush()
    db.session.refresh(thread, ["post_count"])
    delta = int(status == ThreadStatus.VISIBLE) - int(thread.status == ThreadStatus.VISIBLE)
    thread.status = status
    if delta:
        _bump(thread.board, "thread_count", delta)
        _bump(thread.board, "post_count", delta * thread.post_count)


def _count_post(post: Post, delta: int) -> None:
    """Move the visible-post counters of the post's thread (and board, if the thread shows)."""
    if not delta:
        return
    thread = post.thread
    _bump(thread, "post_count", delta)
    if thread.status == ThreadStatus.VISIBLE:
        _bump(thread.board, "post_count", delta)


def _bump(obj: Board | Thread, counter: str, delta: int) -> None:
    """Stored rows move by SQL arithmetic, so concurrent writers never overwrite each other."""
    if sa.inspect(obj).persistent:
        setattr(obj, counter, getattr(type(obj), counter) + delta)
    else:
        setattr(obj, counter, (getattr(obj, counter) or 0) + delta)


def _has_other_posts(post: Post) -> bool:
    stmt = sa.select(sa.func.count()).where(Post.thread_id == post.thread_id, Post.id != post.id)
    return bool(db.session.scalar(stmt))


# --- account deletion ---------------------------------------------------------------------


def detach_posts_of(user: User) -> None:
    """Keep the member's posts and threads but forget who wrote them. Caller commits."""
    db.session.execute(sa.update(Post).where(Post.author_id == user.id).values(author_id=None))
    db.session.execute(sa.update(Thread).where(Thread.author_id == user.id).values(author_id=None))


ERASED_TITLE = "A thread whose author has left"


def erase_posts_of(user: User) -> None:
    """Erase the text of everything the member wrote; replies by others stay. Caller commits."""
    posts = db.session.scalars(sa.select(Post).where(Post.author_id == user.id)).all()
    for post in posts:
        set_post_status(post, PostStatus.DELETED)
        post.body_source = ""
        post.body_html = ""
        post.author_id = None
    ids = [p.id for p in posts]
    if ids:
        db.session.execute(sa.delete(PostRevision).where(PostRevision.post_id.in_(ids)))
    threads = db.session.scalars(sa.select(Thread).where(Thread.author_id == user.id)).all()
    db.session.flush()
    for thread in threads:
        thread.title = ERASED_TITLE
        thread.author_id = None
        others = db.session.scalar(
            sa.select(sa.func.count()).where(
                Post.thread_id == thread.id, Post.status != PostStatus.DELETED
            )
        )
        if not others:
            set_thread_status(thread, ThreadStatus.DELETED)


# --- boards ---------------------------------------------------------------------------------

DEFAULT_BOARDS = (
    (
        "introductions",
        "Introductions",
        "New here? Say hello. Share as much or as little as you like.",
    ),
    (
        "stories",
        "Stories",
        "Your journey in your own words: where you were, what happened, where you are.",
    ),
    (
        "milestones",
        "Milestones",
        "1 day, 30 days, a year: share a milestone and let us celebrate it with you.",
    ),
    (
        "cravings-and-coping",
        "Cravings and Coping",
        "Struggling right now? What helps you through the hard moments.",
    ),
    (
        "family-and-friends",
        "Family and Friends",
        "For the people who love someone in recovery, and for talking about them.",
    ),
    (
        "resources",
        "Resources",
        "Meetings, books, apps and tools that helped. No sourcing, no medical advice.",
    ),
    (
        "community-lounge",
        "Community Lounge",
        "Everything else: hobbies, small wins, what made you smile today.",
    ),
)


def ensure_default_boards() -> list[Board]:
    """Create the boards a recovery community starts with, skipping any that exist."""
    existing = set(db.session.scalars(sa.select(Board.slug)))
    return [
        create_board(name, slug, description)
        for slug, name, description in DEFAULT_BOARDS
        if slug not in existing
    ]


_SLUG_SHAPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


def create_board(name: str, slug: str | None = None, description: str = "") -> Board:
    """Add a board at the end of the list. Caller commits."""
    slug = slug or slugify(name)
    _check_slug(slug)
    last = db.session.scalar(sa.select(sa.func.max(Board.position))) or 0
    board = Board(name=name.strip(), slug=slug, description=description.strip(), position=last + 1)
    db.session.add(board)
    db.session.flush()
    return board


def update_board(board: Board, name: str, slug: str, description: str) -> None:
    """Rename or describe a board. Caller commits."""
    if slug != board.slug:
        _check_slug(slug)
    board.name, board.slug, board.description = name.strip(), slug, description.strip()


def move_board(board: Board, offset: int) -> None:
    """Swap a board with its neighbour above (-1) or below (+1). Caller commits."""
    boards = list(db.session.scalars(sa.select(Board).order_by(Board.position, Board.id)))
    for number, each in enumerate(boards):
        each.position = number
    index = boards.index(board)
    other = index + offset
    if 0 <= other < len(boards):
        boards[index].position, boards[other].position = other, index


def set_board_archived(board: Board, archived: bool) -> None:
    """Archive a board (read by moderators only, closed to writing) or bring it back."""
    board.is_archived = archived


class BoardError(NotAllowed):
    status_code = 400

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _check_slug(slug: str) -> None:
    if not _SLUG_SHAPE.match(slug) or len(slug) > 40:
        raise BoardError("Use lower-case letters, digits and single hyphens.", "slug")
    if db.session.scalar(sa.select(Board.id).where(Board.slug == slug)):
        raise BoardError("Another board already has that address.", "slug")


def rerender_all(batch: int = 500) -> int:
    """Render every stored body again (after a change of the allowed HTML). Caller commits."""
    count = 0
    last_id = 0
    while True:
        posts = db.session.scalars(
            sa.select(Post).where(Post.id > last_id).order_by(Post.id).limit(batch)
        ).all()
        if not posts:
            return count
        for post in posts:
            html = render_post_body(post.body_source) if post.body_source else ""
            if html != post.body_html:
                post.body_html = html
            count += 1
        last_id = posts[-1].id
        db.session.flush()
