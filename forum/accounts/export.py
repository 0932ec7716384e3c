"""A member's data export: everything Hearth keeps about them, gathered from each feature."""

import sqlalchemy as sa

from forum.accounts.models import User
from forum.extensions import db


def _when(moment) -> str | None:
    """A stored UTC time as ISO 8601."""
    return moment.isoformat(timespec="seconds") + "Z" if moment else None


def export_data(user: User) -> dict:
    """Profile, posts, reports made, counters, reactions given, bookmarks, follows, notices."""
    from forum.boards.queries import posts_for_export
    from forum.following.models import Bookmark, ThreadState
    from forum.moderation.models import Report
    from forum.notices.models import Notice, NoticeKind
    from forum.reactions.models import Reaction
    from forum.recovery.models import Counter, Streak

    addressed = {NoticeKind.MODERATION, NoticeKind.CARE, NoticeKind.REPORT_OUTCOME}

    def rows(model, *order):
        return db.session.scalars(sa.select(model).where(model.user_id == user.id).order_by(*order))

    counters = list(rows(Counter, Counter.id))
    streaks = (
        db.session.scalars(
            sa.select(Streak)
            .where(Streak.counter_id.in_([c.id for c in counters]))
            .order_by(Streak.id)
        ).all()
        if counters
        else []
    )
    reports = db.session.scalars(
        sa.select(Report).where(Report.reporter_id == user.id).order_by(Report.id)
    )
    return {
        "format": "hearth-export-1",
        "profile": {
            "pseudonym": user.pseudonym,
            "email": user.email,
            "role": user.role.value,
            "joined": _when(user.created_at),
            "suspended_until": _when(user.suspended_until),
            "content_note_preferences": user.note_prefs or {},
            "greeter": user.is_greeter,
            "show_day_counts": user.show_day_counts,
        },
        "posts": posts_for_export(user),
        "reports_made": [
            {
                "post_id": r.post_id,
                "reason": r.reason.value,
                "note": r.note,
                "state": r.state.value,
                "made": _when(r.created_at),
            }
            for r in reports
        ],
        "counters": [
            {
                "label": c.label,
                "time_zone": c.time_zone,
                "current_start": c.started_on.isoformat(),
                "shown_beside_posts": c.is_shown,
                "earlier_streaks": [
                    {
                        "started": s.started_on.isoformat(),
                        "ended": s.ended_on.isoformat(),
                        "days": s.days,
                    }
                    for s in streaks
                    if s.counter_id == c.id
                ],
            }
            for c in counters
        ],
        "reactions_given": [
            {"post_id": r.post_id, "kind": r.kind, "when": _when(r.created_at)}
            for r in rows(Reaction, Reaction.id)
        ],
        "bookmarks": [b.post_id for b in rows(Bookmark, Bookmark.created_at)],
        "threads_followed_or_muted": [
            {"thread_id": s.thread_id, "choice": s.follow.value}
            for s in rows(ThreadState, ThreadState.thread_id)
            if s.follow is not None
        ],
        # What the moderators told the member, in full; of replies and mentions, only that
        # they happened (their words are other members' posts, not the member's data).
        "notices": [
            {
                "kind": n.kind.value,
                "title": n.title,
                "body": n.body if n.kind in addressed else "",
                "when": _when(n.created_at),
                "read": n.read_at is not None,
            }
            for n in rows(Notice, Notice.id)
        ],
    }
