"""The demo's warmth: reactions on posts, content notes on hard stories, a "Start here" thread."""

import random

import sqlalchemy as sa

from forum.accounts.models import User
from forum.extensions import db
from forum.posts.models import Board, Post, PostStatus, Thread, ThreadKind
from forum.reactions.models import Reaction
from forum.reactions.queries import kinds_for
from forum.writing.checks import Draft
from forum.writing.services import write_thread

START_HERE_TITLE = "Start here: how Hearth works"
START_HERE = """Welcome. Whether you're on day one or year ten, you're in the right place.

- **Read first, write when you're ready.** Search for stories like yours: "first week",
  "cravings at night", "relapse after a year".
- **Use a pseudonym.** Leave out anything that could identify you or anyone else.
- **Add a content note** when you describe relapse, use, self-harm, overdose, grief or
  abuse in detail, so readers can choose when to read it.
- **Worried about someone?** Use *Report* and choose "Someone may be at risk". A moderator
  will check in gently.
- **Need help right now?** The *Need help now?* link at the top of every page lists people
  to call, any hour.

Your first posts are read by a moderator before they appear. That's to keep this place
safe, not to judge you.
"""
# Words in a post that call for a content note, and which one.
NOTE_WORDS = (
    ("relapse", "relapse"),
    ("slipped", "relapse"),
    ("withdrawal", "use"),
    ("grief", "grief"),
)


def add_warmth(rng: random.Random, admin: User, members: list[User]) -> int:
    """Feature a welcome thread, add content notes to hard posts, and sprinkle reactions."""
    intro = db.session.scalar(sa.select(Board).where(Board.slug == "introductions"))
    if intro is not None and not intro.is_archived:
        thread = write_thread(admin, intro, Draft(START_HERE, START_HERE_TITLE)).post.thread
        thread.is_pinned = thread.is_featured = True
    posts = db.session.scalars(
        sa.select(Post).join(Post.thread).where(Post.status == PostStatus.VISIBLE)
    ).all()
    for post in posts:
        text = post.body_source.lower()
        for word, kind in NOTE_WORDS:
            if word in text and rng.random() < 0.35:
                post.content_note = kind
                break
    reactions = []
    for post in posts:
        if rng.random() > 0.45:
            continue
        kinds = kinds_for(post)
        if post.is_opening and post.thread.kind == ThreadKind.MILESTONE:
            kinds = ["congrats", *kinds]
        others = [m for m in members if m.id != post.author_id]
        for member in rng.sample(others, min(len(others), rng.randint(1, 6))):
            kind = kinds[0] if rng.random() < 0.6 else rng.choice(kinds)
            reactions.append((post.id, member.id, kind))
    unique = sorted(set(reactions))
    db.session.add_all(Reaction(post_id=p, user_id=u, kind=k) for p, u, k in unique)
    db.session.flush()
    return len(unique)


def featured_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).where(Thread.is_featured.is_(True)))
