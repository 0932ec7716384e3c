"""Reading appeals: by decision, for a page of notices, for the queue, the transparency page
and the member's export (never who decided)."""

from collections import defaultdict
from datetime import timedelta

import sqlalchemy as sa

from forum.accounts.models import User
from forum.extensions import db
from forum.moderation.history import month_of
from forum.moderation.models import (
    Appeal,
    AppealOutcome,
    ItemKind,
    ItemState,
    ModAction,
    ReviewItem,
)
from forum.timeutil import iso_time, utcnow


def action_by_id(action_id: int) -> ModAction | None:
    return db.session.get(ModAction, action_id)


def appeal_by_id(appeal_id: int) -> Appeal | None:
    return db.session.get(Appeal, appeal_id)


def appeal_of(action: ModAction) -> Appeal | None:
    return db.session.scalar(sa.select(Appeal).where(Appeal.action_id == action.id))


def appeals_of(member: User, action_ids) -> dict[int, Appeal]:
    """The member's appeals of these actions, by action (one query for a page of notices)."""
    ids = {i for i in action_ids if i is not None}
    if not ids:
        return {}
    found = db.session.scalars(
        sa.select(Appeal).where(Appeal.member_id == member.id, Appeal.action_id.in_(ids))
    )
    return {appeal.action_id: appeal for appeal in found}


def actions_by_id(action_ids) -> dict[int, ModAction]:
    ids = {i for i in action_ids if i is not None}
    if not ids:
        return {}
    return {a.id: a for a in db.session.scalars(sa.select(ModAction).where(ModAction.id.in_(ids)))}


def open_appeal_items() -> list[ReviewItem]:
    """The queue's open appeal items, oldest first."""
    return list(
        db.session.scalars(
            sa.select(ReviewItem)
            .where(ReviewItem.state == ItemState.OPEN, ReviewItem.kind == ItemKind.APPEAL)
            .order_by(ReviewItem.created_at, ReviewItem.id)
        )
    )


def appeals_by_month(months: int = 12) -> dict[str, dict[str, int]]:
    """For each recent month, how many appeals were made and how many reversed: counts only."""
    since = utcnow() - timedelta(days=31 * months)
    found: dict[str, dict[str, int]] = defaultdict(lambda: {"appeals": 0, "reversed": 0})
    made = month_of(Appeal.created_at).label("month")
    for month_name, count in db.session.execute(
        sa.select(made, sa.func.count()).where(Appeal.created_at >= since).group_by(made)
    ):
        found[month_name]["appeals"] = count
    decided = month_of(Appeal.decided_at).label("month")
    for month_name, count in db.session.execute(
        sa.select(decided, sa.func.count())
        .where(Appeal.decided_at >= since, Appeal.outcome == AppealOutcome.REVERSED)
        .group_by(decided)
    ):
        found[month_name]["reversed"] = count
    return dict(found)


def appeals_for_export(user: User) -> list[dict]:
    """The member's own appeals, for their data export (never who decided them)."""
    made = db.session.scalars(
        sa.select(Appeal).where(Appeal.member_id == user.id).order_by(Appeal.id)
    )
    return [
        {
            "about": a.action.verb,
            "body": a.body,
            "made": iso_time(a.created_at),
            "outcome": a.outcome.value if a.outcome else None,
            "decided": iso_time(a.decided_at),
            "decision_note": a.decision_note,
        }
        for a in made
    ]
