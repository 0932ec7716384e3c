"""The demo's mentors: a few regulars offer to mentor, each with a short note of their own
path, so that a newcomer asking from My recovery finds someone to choose."""

import sqlalchemy as sa

from demo.queue import NEWCOMER
from forum.accounts.models import User
from forum.checkins.services import KEEPER
from forum.extensions import db
from forum.mentors.services import OfferText, save_offer
from forum.permissions import Role
from forum.posts.models import Post
from forum.trust.levels import TrustLevel
from forum.writing.checks import Draft

OFFERS = (
    (
        "Four years without a drink, through the rooms and a lot of walking. I remember the "
        "first month well; I'm glad to listen to yours.",
        "few-days",
        ["alcohol"],
        ["twelve-step"],
        "europe-africa",
    ),
    (
        "On medication-assisted treatment for three years now, and it gave me my life back. "
        "Ask me anything about starting, the clinic, or the days that drag.",
        "daily",
        ["opioids", "benzodiazepines"],
        ["medication", "harm-reduction"],
        "americas",
    ),
    (
        "SMART Recovery helped me more than I expected: tools, not labels. Two years off "
        "stimulants. I answer in the evenings.",
        "weekly",
        ["stimulants", "cannabis"],
        ["smart", "secular"],
        "asia-pacific",
    ),
    (
        "I quit mostly on my own, with this forum beside me. Eighteen months. No advice you "
        "didn't ask for, promise.",
        "few-days",
        ["alcohol", "nicotine"],
        ["own", "secular"],
        "europe-africa",
    ),
)


def _longest_here(count: int) -> list[User]:
    """The members who have been here longest among those who wrote most: the staff, the
    check-ins' own account and the demo's newcomer left out."""
    posts = sa.func.count(Post.id)
    rows = db.session.execute(
        sa.select(User, posts)
        .join(Post, Post.author_id == User.id)
        .where(User.role == Role.MEMBER, User.pseudonym.not_in((KEEPER, NEWCOMER)))
        .group_by(User.id)
        .order_by(posts.desc(), User.id)
        .limit(count * 3)
    )
    writers = [member for member, _ in rows]
    return sorted(writers, key=lambda m: m.created_at)[:count]


def seed_mentors() -> int:
    """Offers by a few of the demo's regulars, through the same service a member uses.
    Returns how many offered. Caller commits.

    The demo's members never read a thread in a browser, so the reading half of earned
    trust is out of their reach; these few are given the regulars' level a real forum's
    long-standing members earn (a level, once earned, is kept)."""
    mentors = _longest_here(len(OFFERS))
    for member, (note, how_often, substances, paths, band) in zip(mentors, OFFERS, strict=False):
        member.trust_level = max(member.trust_level or 0, int(TrustLevel.REGULAR))
        save_offer(member, OfferText(Draft(note), how_often, substances, paths, band))
    return len(mentors)
