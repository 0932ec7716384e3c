"""Running the boards: the default set, creating, editing, ordering, archiving, re-rendering."""

import re

import sqlalchemy as sa

from forum.errors import NotAllowed
from forum.extensions import db
from forum.i18n import lazy_gettext as _l
from forum.posts.models import Board, Post
from forum.text import render_post_body
from forum.web.urls import slugify

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
        "A week, 30 days, a year: share a milestone and let us celebrate it with you.",
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
        raise BoardError(_l("Use lower-case letters, digits and single hyphens."), "slug")
    if db.session.scalar(sa.select(Board.id).where(Board.slug == slug)):
        raise BoardError(_l("Another board already has that address."), "slug")


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
