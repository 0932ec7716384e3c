"""What the moderators look back on: a member's history and notes, hand-off notes, earlier
versions of a post, the log and its monthly transparency counts."""

from collections import Counter, defaultdict
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from forum.accounts.queries import user_by_pseudonym
from forum.extensions import db
from forum.moderation.models import ModAction
from forum.moderation.notes import HandOffNote, MemberNote
from forum.posts.models import Post
from forum.posts.visibility import NEVER_PUBLIC
from forum.timeutil import utcnow
from forum.web.paging import id_from


def _newest_first_by(model, key, ids) -> dict[int, list]:
    """The rows of a notes table for each of these ids (of `key`), newest first."""
    found: dict[int, list] = defaultdict(list)
    wanted = [i for i in ids if i is not None]
    if wanted:
        for note in db.session.scalars(
            sa.select(model).where(key.in_(wanted)).order_by(model.id.desc())
        ):
            found[getattr(note, key.key)].append(note)
    return found


def handoffs(item_ids) -> dict[int, list[HandOffNote]]:
    """The hand-off notes on each item, newest first."""
    return _newest_first_by(HandOffNote, HandOffNote.item_id, item_ids)


def previous_posts(posts: list[Post]) -> dict[int, Post]:
    """For each post, the one before it in its thread as members find it there (its
    context), in two queries: a post that was never public is skipped, as on the thread page.

    Its text is for the moderators only when members may read it too (STATUS_WORDS say
    what they read instead): the context never shows what an author deleted.
    """
    if not posts:
        return {}
    earlier = aliased(Post)
    pairs = db.session.execute(
        sa.select(
            Post.id,
            sa.select(sa.func.max(earlier.id))
            .where(
                earlier.thread_id == Post.thread_id,
                earlier.id < Post.id,
                earlier.status.not_in(NEVER_PUBLIC),
            )
            .scalar_subquery(),
        ).where(Post.id.in_([p.id for p in posts]))
    ).all()
    wanted = {prev for _, prev in pairs if prev is not None}
    loaded = (
        {p.id: p for p in db.session.scalars(sa.select(Post).where(Post.id.in_(wanted)))}
        if wanted
        else {}
    )
    return {post_id: loaded[prev] for post_id, prev in pairs if prev in loaded}


def histories(member_ids: list[int], limit: int = 5) -> dict[int, list[ModAction]]:
    """The latest moderation actions concerning each member."""
    found: dict[int, list[ModAction]] = defaultdict(list)
    ids = [m for m in member_ids if m is not None]
    if not ids:
        return found
    rows = db.session.scalars(
        sa.select(ModAction)
        .where(ModAction.subject_id.in_(ids))
        .order_by(ModAction.id.desc())
        .limit(limit * len(ids) * 4)
    )
    for action in rows:
        if len(found[action.subject_id]) < limit:
            found[action.subject_id].append(action)
    return found


def notes_about(member_ids: list[int]) -> dict[int, list[MemberNote]]:
    """The moderators' notes about each member, newest first."""
    return _newest_first_by(MemberNote, MemberNote.member_id, member_ids)


def log_rows(
    moderator: str = "", verb: str = "", target: str = "", target_id: str = "", page: int = 1
):
    stmt = sa.select(ModAction).order_by(ModAction.id.desc())
    if moderator:
        user = user_by_pseudonym(moderator)
        stmt = stmt.where(ModAction.moderator_id == (user.id if user else -1))
    if verb:
        stmt = stmt.where(ModAction.verb == verb)
    if target:
        stmt = stmt.where(ModAction.target_type == target)
    if (number := id_from(target_id)) is not None:
        stmt = stmt.where(ModAction.target_id == number)
    return db.paginate(stmt, page=page, per_page=50, error_out=False)


def month_of(column):
    """The year and month of a moment, as "2026-12", in the database's own words."""
    if db.engine.dialect.name == "postgresql":
        return sa.func.to_char(column, "YYYY-MM")
    return sa.func.strftime("%Y-%m", column)


def transparency(months: int = 12) -> tuple[list[str], dict[str, Counter]]:
    """Counts of actions by kind for each recent month: no names, no text."""
    since = utcnow() - timedelta(days=31 * months)
    month = month_of(ModAction.created_at).label("month")
    rows = db.session.execute(
        sa.select(month, ModAction.verb, sa.func.count())
        .where(ModAction.created_at >= since)
        .group_by(month, ModAction.verb)
    )
    by_month: dict[str, Counter] = defaultdict(Counter)
    for month_name, verb, count in rows:
        by_month[month_name][verb] = count
    return sorted(by_month, reverse=True), by_month
