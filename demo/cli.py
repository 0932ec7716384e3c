"""`flask seed demo`: fill a fresh forum with invented members, threads and replies, once."""

import math
import random
import re
import secrets
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from demo import content
from demo.checkins import CHECKIN_BOARD, seed_checkins
from demo.counters import seed_counters
from demo.mentors import seed_mentors
from demo.queue import fill_the_queue
from demo.support import add_warmth
from forum.accounts import queries
from forum.accounts.models import User
from forum.accounts.services import register_member
from forum.boards.management import ensure_default_boards
from forum.extensions import db
from forum.permissions import Role
from forum.posts.models import Board, Post, Thread, ThreadKind
from forum.recovery.milestones import milestone_name
from forum.search.sync import drain
from forum.timeutil import utcnow
from forum.trust.services import recompute_all
from forum.writing.checks import Draft
from forum.writing.services import write_reply, write_thread

ADMIN, MODERATOR = "demo-admin", "demo-mod"
ROLES = {ADMIN: Role.ADMIN, MODERATOR: Role.MODERATOR}
MEMBERS = 36
THREADS = 300
MAX_REPLIES = 8
# For the invented members' random passwords only (see _register).
MEMBER_PASSWORD_HASH = "pbkdf2:sha256:1000"
SPAN = timedelta(days=548)  # about eighteen months of history
# How often each board gets a new thread: the busy boards are the ones people need at night.
BOARD_WEIGHTS = {
    "introductions": 12, "stories": 13, "milestones": 16, "cravings-and-coping": 20,
    "family-and-friends": 12, "resources": 9, "community-lounge": 18,
}  # fmt: skip
KIND_OF_BOARD = {"milestones": ThreadKind.MILESTONE}
_DAYS_IN_TITLE = re.compile(r"\b(\d{1,4}) days?\b|\b(one|a|\d) years?\b", re.IGNORECASE)
# Chance of a thread getting 0, 1, ... MAX_REPLIES replies.
REPLY_WEIGHTS = (10, 17, 19, 16, 12, 9, 7, 5, 5)
# (fewest words, most words, weight) of a reply.
REPLY_LENGTHS = ((3, 15, 34), (15, 40, 38), (40, 100, 22), (100, 220, 6))


@dataclass
class _PlannedPost:
    author: int  # index into the list of members
    body: str
    at: datetime
    parent: int | None = None  # index of an earlier post of the same thread


@dataclass
class _PlannedThread:
    board: str
    opening: content.Opening  # its title, and what the replies answer
    posts: list[_PlannedPost] = field(default_factory=list)


@click.group(help="Fill the forum with demo content.")
def seed():
    pass


@seed.command("demo")
@click.option("--seed", "seed_value", default=2024, show_default=True, help="Random seed.")
@with_appcontext
def demo(seed_value: int) -> None:
    """Create demo members, boards, threads and replies spread over the past eighteen months."""
    if queries.pseudonym_taken(ADMIN):
        click.echo(f"The demo content is already there ({ADMIN} exists); nothing to do.")
        return
    # Eighteen months of writing go in at once: the writing limit is for people, not the seed,
    # and the demo's history happened before anyone moderated it.
    with _settings(RATELIMIT_ENABLED=False):
        _seed_demo(seed_value)


@contextmanager
def _settings(**overrides):
    """Change some of the app's settings for the seed only, putting them back after."""
    config = current_app.config
    before = {key: config.get(key) for key in overrides}
    config.update(overrides)
    try:
        yield
    finally:
        config.update(before)


@contextmanager
def _step(text: str):
    """One line on the terminal for each step of the seed: what it does, then how long it took."""
    click.echo(f"  {text} ...", nl=False)
    started = time.perf_counter()
    yield
    click.echo(f" done ({time.perf_counter() - started:.1f} s)")


def _seed_demo(seed_value: int) -> None:
    click.echo("Seeding the demo forum (once; later runs find it there):")
    rng = random.Random(seed_value)
    now = utcnow()
    start = now - SPAN
    for board in ensure_default_boards():
        board.created_at = start - timedelta(days=21)
    boards = {
        b.slug: b
        for b in db.session.scalars(sa.select(Board).where(Board.slug.in_(BOARD_WEIGHTS)))
        if not b.is_archived
    }
    if not boards:
        raise click.ClickException("Every demo board is archived or renamed; nothing to seed.")

    names = [ADMIN, MODERATOR] + [
        name for name in content.pseudonyms(rng, MEMBERS) if not queries.pseudonym_taken(name)
    ]
    joined = _join_times(rng, len(names), start, now)
    plan = _plan(rng, joined, sorted(boards), start, now)
    posts = sum(len(t.posts) for t in plan)
    passwords = {ADMIN: secrets.token_urlsafe(12), MODERATOR: secrets.token_urlsafe(12)}
    with _step(f"{len(names)} members"):
        members = _register(names, joined, passwords)
    with _step(f"{len(plan)} threads and {posts:,} posts, through the write rule"):
        # The history happened while its writers earned their place: nothing of it waits.
        with _settings(TRUST_NEW_POSTS_WAIT=False):
            _write(plan, [members[index] for index in range(len(names))], boards)
    with _step("reactions, content notes and a pinned “Start here” thread"):
        warmth = add_warmth(rng, members[0], list(members.values()))
    with _step("reports and a newcomer's thread for the moderators"):
        reports = fill_the_queue(rng, list(members.values()))
    with _step("recovery counters"):
        seed_counters(members[0], [members[index] for index in range(2, len(names))])
    with _step("today's check-in threads, replies and pledges"):
        checkins = seed_checkins(rng, [members[index] for index in range(2, len(names))])
    with _step("saving"), _settings(SEARCH_DRAIN_AFTER_COMMIT=False):
        db.session.commit()
    with (
        _step("earned trust, from what each member did"),
        _settings(SEARCH_DRAIN_AFTER_COMMIT=False),
    ):
        recompute_all()
    with _step("a few mentors among the regulars"):
        mentors = seed_mentors()
        db.session.commit()
    with _step("the search index"):
        drain(current_app._get_current_object())

    for name, password in passwords.items():
        click.echo(f"{name:<11} password: {password}")
    click.echo("(Shown only this once; change them with `flask accounts set-password`.)")
    click.echo(f"Seeded {len(members)} members, {len(plan)} threads and {posts} posts.")
    click.echo(f"Members left {warmth} reactions; a “Start here” thread is pinned and featured.")
    click.echo(f"The moderation queue holds {reports} reports and a newcomer's first thread.")
    click.echo(f"{checkins} check-in threads are open today in the {CHECKIN_BOARD} board.")
    click.echo(f"{mentors} regulars offer to mentor (My recovery, Find a mentor).")


def _register(names: list[str], joined: list[datetime], passwords: dict[str, str]) -> dict:
    """Register the members in the order they joined, so that member ids follow time as post
    ids do. Caller commits.

    Nobody signs in as the invented members: each gets a random password of 96 bits, hashed
    cheaply. A slow hash (scrypt, a fifth of a second each) protects a password a person could
    guess; these can't be guessed, and 36 of them would add seconds to every first run.
    """
    members: dict[int, User] = {}
    for index in sorted(range(len(names)), key=joined.__getitem__):
        name = names[index]
        method = {} if name in passwords else {"PASSWORD_HASH_METHOD": MEMBER_PASSWORD_HASH}
        with _settings(**method):
            password = passwords.get(name) or secrets.token_urlsafe(12)
            members[index] = register_member(name, password, role=ROLES.get(name, Role.MEMBER))
        members[index].created_at = joined[index]
    return members


def _join_times(rng: random.Random, count: int, start: datetime, now: datetime) -> list[datetime]:
    """The staff came first, a handful of founders soon after, the rest over the months."""
    founders = min(count, 8)
    joined = [start - timedelta(days=30), start - timedelta(days=29)]
    joined += [start - timedelta(days=rng.uniform(0, 28)) for _ in range(2, founders)]
    joined += sorted(start + (now - start) * rng.random() ** 1.2 for _ in range(founders, count))
    return joined


def _plan(
    rng: random.Random, joined: list[datetime], slugs: list[str], start: datetime, now: datetime
) -> list[_PlannedThread]:
    """Decide every thread and post (who, where, what, when) before touching the database."""
    # A few regulars write most of the posts, as on any forum; the two staff accounts post less.
    ranks = list(range(len(joined) - 2))
    rng.shuffle(ranks)
    weights = [0.08, 0.12] + [1 / (rank + 1) ** 0.6 for rank in ranks]
    board_weights = [BOARD_WEIGHTS[s] for s in slugs]
    span = (now - start).total_seconds()
    # One writer for the whole forum, so that no title comes twice on a board and no
    # sentence turns up in post after post.
    writer = content.Writer(rng)
    titles: dict[str, set[str]] = {slug: set() for slug in slugs}
    plan = []
    for _ in range(THREADS):
        slug = rng.choices(slugs, board_weights)[0]
        opening = writer.thread(slug, taken=titles[slug])
        titles[slug].add(opening.title)
        # More threads lately than at the start: the forum has been growing.
        at = start + timedelta(seconds=span * math.sqrt(rng.random()))
        starter = _someone(rng, joined, weights, at)
        posts = [_PlannedPost(starter, opening.body, at)]
        thread = _PlannedThread(slug, opening, posts)
        count = rng.choices(range(MAX_REPLIES + 1), REPLY_WEIGHTS)[0]
        for moment in _reply_times(rng, at, now, count):
            # Now and then the starter comes back to thank the others.
            comes_back = len(thread.posts) > 1 and rng.random() < 0.06
            author = starter if comes_back else _someone(rng, joined, weights, moment, starter)
            thread.posts.append(_planned_reply(rng, writer, thread, author, moment))
        plan.append(thread)
    return plan


def _someone(
    rng: random.Random,
    joined: list[datetime],
    weights: list[float],
    at: datetime,
    avoid: int | None = None,
) -> int:
    """A member who had joined by then, other than `avoid`, chosen by how much they write."""
    present = [
        w if when <= at and i != avoid else 0.0
        for i, (w, when) in enumerate(zip(weights, joined, strict=True))
    ]
    return rng.choices(range(len(joined)), present)[0]


def _reply_times(rng: random.Random, after: datetime, now: datetime, count: int):
    """Increasing times after the opening post: minutes to days apart, never in the future."""
    gaps = [rng.expovariate(1 / rng.choice((1_800, 14_400, 86_400))) + 60 for _ in range(count)]
    room = (now - after).total_seconds() - 60
    scale = min(1.0, room / sum(gaps)) if gaps else 1.0
    elapsed = 0.0
    for gap in gaps:
        elapsed += gap * scale
        yield after + timedelta(seconds=elapsed)


def _planned_reply(
    rng: random.Random, writer: content.Writer, thread: _PlannedThread, author: int, at: datetime
) -> _PlannedPost:
    # From "Welcome!" to a few paragraphs; most replies are a line or two.
    size = rng.choices(REPLY_LENGTHS, [w for *_, w in REPLY_LENGTHS])[0][:2]
    # The starter answering their own thread thanks the others.
    thanks = author == thread.posts[0].author
    # Some replies answer one earlier reply rather than the thread, and quote it.
    others = [i for i, p in enumerate(thread.posts) if i and p.author != author]
    parent = rng.choice(others) if others and rng.random() < 0.3 else None
    quoting = thread.posts[parent].body if parent is not None else None
    body = writer.reply(thread.board, *size, quoting, thanks, thread.opening)
    return _PlannedPost(author, body, at, parent)


def _write(plan: list[_PlannedThread], members: list[User], boards: dict[str, Board]) -> None:
    """Create the rows in the order they happened, so ids follow time, then date them."""
    events = sorted(
        (post.at, number, index)
        for number, thread in enumerate(plan)
        for index, post in enumerate(thread.posts)
    )
    threads: dict[int, Thread] = {}
    made: dict[int, list[Post]] = {}
    for _, number, index in events:
        planned = plan[number]
        post = planned.posts[index]
        author = members[post.author]
        if index == 0:
            draft = Draft(post.body, planned.opening.title, post_anyway=True)
            opening = write_thread(author, boards[planned.board], draft).post
            threads[number] = opening.thread
            made[number] = [opening]
        else:
            parent = made[number][post.parent] if post.parent is not None else None
            draft = Draft(post.body, post_anyway=True)
            made[number].append(write_reply(author, threads[number], draft, parent).post)
    # The services stamp everything "now"; two bulk updates move it into the past. Setting
    # the attributes one by one would cost an extra UPDATE in every flush.
    db.session.execute(
        sa.update(Post),
        [
            {"id": written.id, "created_at": planned.at}
            for number, posts in made.items()
            for written, planned in zip(posts, plan[number].posts, strict=True)
        ],
    )
    db.session.execute(
        sa.update(Thread),
        [
            {
                "id": thread.id,
                "created_at": plan[number].posts[0].at,
                "last_activity_at": plan[number].posts[-1].at,
                "kind": KIND_OF_BOARD.get(plan[number].board, ThreadKind.STORY),
                "badge": _badge(plan[number]),
            }
            for number, thread in threads.items()
        ],
    )


def _badge(thread: _PlannedThread) -> str | None:
    """A milestone thread's badge, read from its title ("90 days today" -> "90 days")."""
    if thread.board != "milestones":
        return None
    found = _DAYS_IN_TITLE.search(thread.opening.title)
    if found is None:
        return None
    if found.group(1):
        return milestone_name(int(found.group(1)))
    years = 1 if found.group(2).lower() in ("one", "a") else int(found.group(2))
    return milestone_name(365 * years)
