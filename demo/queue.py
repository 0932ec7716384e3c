"""A few open items for the demo moderators: a care report, reports to weigh, a newcomer waiting."""

import random
import secrets

import sqlalchemy as sa

from forum.accounts.models import User
from forum.accounts.services import register_member
from forum.extensions import db
from forum.moderation.models import Reason
from forum.moderation.reports import report_post
from forum.posts.models import Board, Post, PostStatus
from forum.writing.checks import Draft
from forum.writing.services import write_thread

NEWCOMER = "first-steps-today"


def fill_the_queue(rng: random.Random, members: list[User]) -> int:
    """Report a handful of recent posts as members would, and hold one newcomer's thread."""
    regulars = [m for m in members if m.role.value == "member"]
    recent = db.session.scalars(
        sa.select(Post)
        .where(Post.status == PostStatus.VISIBLE, Post.is_opening.is_(False))
        .order_by(Post.id.desc())
        .limit(40)
    ).all()
    plans = [
        (Reason.AT_RISK, 1, "They sound really low tonight. Could someone check in on them?"),
        (Reason.HARASSMENT, 2, "This felt like a dig at the person above."),
        (Reason.SPAM, 1, "Looks like an advert."),
        (Reason.DANGEROUS_ADVICE, 1, "Stopping cold like this can be dangerous."),
    ]
    made = 0
    for (reason, count, note), post in zip(plans, rng.sample(recent, len(plans)), strict=False):
        reporters = [m for m in regulars if m.id != post.author_id]
        for reporter in rng.sample(reporters, count):
            report_post(reporter, post, reason, note)
            made += 1
    board = db.session.scalar(sa.select(Board).where(Board.slug == "introductions"))
    if board is not None and not board.is_archived:
        newcomer = register_member(NEWCOMER, secrets.token_urlsafe(12))
        # Pre-moderation is back on by now, so a newcomer's thread waits as it would for real.
        body = (
            "I found this place at 2 a.m. and read for hours before joining. "
            "Day three without a drink.\n\n"
            "I don't really know what to say yet. Thank you for writing all of this down."
        )
        write_thread(newcomer, board, Draft(body, "Hi, it's my third day"))
    return made
