"""What a page of posts needs about reactions, in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field

import sqlalchemy as sa

from forum.accounts.models import User
from forum.extensions import db
from forum.i18n import lazy_gettext as _l
from forum.permissions import is_member
from forum.posts.models import Post, ThreadKind
from forum.reactions.models import Reaction
from forum.timeutil import iso_time

# The words members see; "congrats" only on the opening post of a milestone thread.
KINDS = {
    "hear_you": _l("I hear you"),
    "strength": _l("Sending strength"),
    "congrats": _l("Congratulations"),
}


def kinds_for(post: Post) -> list[str]:
    milestone = post.is_opening and post.thread.kind == ThreadKind.MILESTONE
    return [k for k in KINDS if k != "congrats" or milestone]


@dataclass
class PostReactions:
    counts: dict[str, int] = field(default_factory=dict)
    mine: set[str] = field(default_factory=set)
    # Who reacted, by kind: filled only for the viewer's own posts.
    who: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def summary(viewer, posts: list[Post]) -> dict[int, PostReactions]:
    """Counts for every post shown, the viewer's own reactions, and who reacted to their posts."""
    ids = [p.id for p in posts]
    found: dict[int, PostReactions] = defaultdict(PostReactions)
    if not ids:
        return found
    viewer_id = viewer.id if is_member(viewer) else -1
    rows = db.session.execute(
        sa.select(
            Reaction.post_id,
            Reaction.kind,
            sa.func.count(),
            sa.func.max(sa.case((Reaction.user_id == viewer_id, 1), else_=0)),
        )
        .where(Reaction.post_id.in_(ids))
        .group_by(Reaction.post_id, Reaction.kind)
    )
    for post_id, kind, count, mine in rows:
        found[post_id].counts[kind] = count
        if mine:
            found[post_id].mine.add(kind)
    own = [p.id for p in posts if is_member(viewer) and p.author_id == viewer.id and p.id in found]
    if own:
        names = db.session.execute(
            sa.select(Reaction.post_id, Reaction.kind, User.pseudonym)
            .join(User, User.id == Reaction.user_id)
            .where(Reaction.post_id.in_(own))
            .order_by(Reaction.id)
        )
        for post_id, kind, pseudonym in names:
            found[post_id].who[kind].append(pseudonym)
    return found


def reactions_for_export(user: User) -> list[dict]:
    """The reactions a member gave, for their data export."""
    given = db.session.scalars(
        sa.select(Reaction).where(Reaction.user_id == user.id).order_by(Reaction.id)
    )
    return [{"post_id": r.post_id, "kind": r.kind, "when": iso_time(r.created_at)} for r in given]
