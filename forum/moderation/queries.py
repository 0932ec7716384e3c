"""Reading the queue, its context, the log, members' histories and the transparency counts."""

import sqlalchemy as sa

from forum.accounts.models import User
from forum.conversations.models import Conversation, Membership, Message
from forum.extensions import db
from forum.moderation.claims import claim_running
from forum.moderation.models import (
    Appeal,
    AppealOutcome,
    ItemKind,
    ItemState,
    ModAction,
    Reason,
    Report,
    ReportState,
    ReviewItem,
)
from forum.moderation.notes import MemberNote
from forum.moderation.rules import SANCTION_VERBS
from forum.posts.models import Board, Post, Thread
from forum.timeutil import iso_time, utcnow

QUEUE_PAGE = 20


def _care_waits():
    """An item where a care report still waits for a care outcome."""
    return sa.exists().where(
        Report.item_id == ReviewItem.id,
        Report.reason == Reason.AT_RISK,
        Report.state == ReportState.OPEN,
    )


def queue(state: str = "open", reason: str = "", board: str = "", page: int = 1, care: bool = True):
    """Care first, then auto-hidden, then the most reporters, then the oldest. Items about a
    conversation or a member belong to no board: a board filter leaves them out. With
    `care` False (a moderator out of the care lane), open items where a care report waits
    are left out."""
    now = utcnow()
    stmt = (
        sa.select(ReviewItem)
        .outerjoin(ReviewItem.post)
        .outerjoin(Post.thread)
        .outerjoin(Thread.board)
    )
    if state == "resolved":
        stmt = stmt.where(ReviewItem.state == ItemState.RESOLVED).order_by(
            ReviewItem.resolved_at.desc()
        )
    else:
        stmt = stmt.where(ReviewItem.state == ItemState.OPEN)
        if state == "claimed":
            stmt = stmt.where(claim_running(now))
        if not care:
            stmt = stmt.where(~_care_waits())
        stmt = stmt.order_by(
            ReviewItem.has_care.desc(),
            ReviewItem.auto_hidden.desc(),
            ReviewItem.reporter_count.desc(),
            ReviewItem.created_at,
            ReviewItem.id,
        )
    if reason == "pending":
        stmt = stmt.where(ReviewItem.kind == ItemKind.PENDING)
    elif reason:
        stmt = stmt.where(
            ReviewItem.id.in_(sa.select(Report.item_id).where(Report.reason == reason))
        )
    if board:
        stmt = stmt.where(Board.slug == board)
    return db.paginate(stmt, page=page, per_page=QUEUE_PAGE, error_out=False)


def queue_stats() -> tuple[int, object]:
    """How many items are open, and when the oldest of them arrived."""
    count, oldest = db.session.execute(
        sa.select(sa.func.count(), sa.func.min(ReviewItem.created_at)).where(
            ReviewItem.state == ItemState.OPEN
        )
    ).one()
    return count, oldest


def care_items_waiting() -> int:
    """Open items where a care report waits for a care outcome."""
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(ReviewItem)
        .where(ReviewItem.state == ItemState.OPEN, _care_waits())
    )


def pseudonyms(user_ids) -> dict[int, str]:
    ids = {i for i in user_ids if i is not None}
    if not ids:
        return {}
    return dict(
        db.session.execute(sa.select(User.id, User.pseudonym).where(User.id.in_(ids))).all()
    )


def reports_by(user: User, page: int = 1):
    stmt = sa.select(Report).where(Report.reporter_id == user.id).order_by(Report.id.desc())
    return db.paginate(stmt, page=page, per_page=30, error_out=False)


def open_care_item_about(member: User) -> ReviewItem | None:
    """The oldest open item where a care report about the member waits, if there is one."""
    return db.session.scalar(
        sa.select(ReviewItem)
        .join(Report, Report.item_id == ReviewItem.id)
        .where(
            ReviewItem.state == ItemState.OPEN,
            Report.subject_id == member.id,
            Report.reason == Reason.AT_RISK,
            Report.state == ReportState.OPEN,
        )
        .order_by(ReviewItem.id)
        .limit(1)
    )


def is_in_conversation(member: User, conversation_id: int) -> bool:
    """Whether the member is, or was, in the conversation."""
    return (
        db.session.scalar(
            sa.select(Membership.user_id).where(
                Membership.conversation_id == conversation_id, Membership.user_id == member.id
            )
        )
        is not None
    )


def conversation_evidence(conversation: Conversation) -> tuple[list[Message], dict[int, str]]:
    """The messages of a reported conversation, oldest first, as they are now (nothing was
    copied when it was reported), and who is in it. For moderation.services, which logs the
    reading: nothing else may call this."""
    messages = list(
        db.session.scalars(
            sa.select(Message)
            .where(Message.conversation_id == conversation.id)
            .order_by(Message.id)
        )
    )
    people = db.session.execute(
        sa.select(User.id, User.pseudonym, Membership.left_at)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.conversation_id == conversation.id)
        .order_by(User.pseudonym)
    ).all()
    return messages, {
        user_id: f"{name} (left)" if left_at else name for user_id, name, left_at in people
    }


def open_item_for(post: Post) -> ReviewItem | None:
    return db.session.scalar(
        sa.select(ReviewItem).where(
            ReviewItem.post_id == post.id, ReviewItem.state == ItemState.OPEN
        )
    )


def reports_for_export(user: User) -> list[dict]:
    """The reports a member made, for their data export (never who reported them)."""
    made = db.session.scalars(
        sa.select(Report).where(Report.reporter_id == user.id).order_by(Report.id)
    )
    return [
        {
            "post_id": r.post_id,
            "conversation_id": r.conversation_id,
            "reason": r.reason.value,
            "note": r.note,
            "state": r.state.value,
            "made": iso_time(r.created_at),
        }
        for r in made
    ]


def notes_for_export(member: User) -> list[dict]:
    """The moderators' notes about a member, for that member's own data export: what was
    written and when, never which moderator wrote it."""
    notes = db.session.scalars(
        sa.select(MemberNote).where(MemberNote.member_id == member.id).order_by(MemberNote.id)
    )
    return [{"note": n.body, "written": iso_time(n.created_at)} for n in notes]


def acted_against_since(member_ids, since) -> set[int]:
    """Which of these members a moderator acted against (SANCTION_VERBS) since `since`; an
    action reversed on appeal does not count."""
    ids = list(member_ids)
    if not ids:
        return set()
    reversed_on_appeal = sa.exists().where(
        Appeal.action_id == ModAction.id, Appeal.outcome == AppealOutcome.REVERSED
    )
    return set(
        db.session.scalars(
            sa.select(ModAction.subject_id).where(
                ModAction.subject_id.in_(ids),
                ModAction.moderator_id.is_not(None),
                ModAction.verb.in_(SANCTION_VERBS),
                ModAction.created_at > since,
                ~reversed_on_appeal,
            )
        )
    )
