"""Plain factory functions: make_user, make_board, make_thread, make_post."""

import itertools

from forum.accounts.models import User
from forum.accounts.names import pseudonym_key
from forum.accounts.passwords import hash_password
from forum.boards import management
from forum.extensions import db
from forum.permissions import Role
from forum.posts.lifecycle import set_post_status
from forum.posts.models import Board, Post, PostStatus, Thread
from forum.writing.checks import Draft
from forum.writing.services import write_reply, write_thread

PASSWORD = "a-long-password-1"
_numbers = itertools.count(1)


def make_user(
    pseudonym: str | None = None, role: Role = Role.MEMBER, password: str = PASSWORD, **fields
) -> User:
    pseudonym = pseudonym or f"member{next(_numbers)}"
    user = User(
        pseudonym=pseudonym,
        pseudonym_key=pseudonym_key(pseudonym),
        password_hash=hash_password(password),
        role=role,
        **fields,
    )
    db.session.add(user)
    db.session.commit()
    return user


def make_board(name: str | None = None, slug: str | None = None, **fields) -> Board:
    number = next(_numbers)
    board = management.create_board(
        name or f"Board {number}", slug or f"board-{number}", "A board for tests."
    )
    for key, value in fields.items():
        setattr(board, key, value)
    db.session.commit()
    return board


def make_thread(
    author: User | None = None,
    board: Board | None = None,
    title: str = "First week sober",
    body: str = "Day three. The evenings are the hardest part.",
    language: str | None = None,
) -> Thread:
    author = author or make_user()
    board = board or make_board()
    draft = Draft(body, title, post_anyway=True, language=language)
    thread = write_thread(author, board, draft).post.thread
    db.session.commit()
    return thread


def make_post(
    thread: Thread | None = None,
    author: User | None = None,
    body: str = "You are not alone in this.",
    parent: Post | None = None,
    status: PostStatus | None = None,
    language: str | None = None,
) -> Post:
    thread = thread or make_thread()
    author = author or make_user()
    post = write_reply(
        author, thread, Draft(body, post_anyway=True, language=language), parent
    ).post
    if status is not None:
        set_post_status(post, status)
    db.session.commit()
    return post


def opening_post(thread: Thread) -> Post:
    return db.session.scalar(db.select(Post).where(Post.thread_id == thread.id, Post.is_opening))


def make_established(pseudonym: str | None = None, **fields) -> User:
    """A member past the newcomer shield: joined long ago, with one approved post."""
    from datetime import timedelta

    from forum.timeutil import utcnow

    member = make_user(pseudonym, created_at=utcnow() - timedelta(days=365), **fields)
    make_thread(author=member)
    return member
