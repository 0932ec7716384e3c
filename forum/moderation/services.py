"""The queue: claiming items, deciding on them (one decision wins a race), notes on members."""

import sqlalchemy as sa
from flask_babel import gettext as _

from forum.accounts.models import User
from forum.errors import Conflict
from forum.extensions import db
from forum.moderation import actions, allowed, claims, log, queries, thread_actions, waiting
from forum.moderation.claims import free_for
from forum.moderation.models import ItemState, Reason, Report, ReportState, ReviewItem, TargetType
from forum.moderation.notes import HandOffNote, MemberNote
from forum.moderation.rules import CARE_OUTCOMES, outcome_of
from forum.moderation.subjects import subject_of
from forum.notices.models import NoticeKind
from forum.notices.services import notify, path_for
from forum.notices.words import N_
from forum.posts.lifecycle import set_post_status
from forum.posts.models import Post, PostStatus
from forum.timeutil import utcnow

# --- the queue -----------------------------------------------------------------------------------


def _still_open_and_free(item: ReviewItem, moderator: User):
    """The condition of the UPDATE that wins a race: checked by the database, not by us."""
    return sa.and_(
        ReviewItem.id == item.id, ReviewItem.state == ItemState.OPEN, free_for(moderator, utcnow())
    )


def _conflict(item: ReviewItem) -> Conflict:
    db.session.refresh(item)
    return claims.taken(item)


def claim(moderator: User, item: ReviewItem) -> None:
    """Hold an item so that others see who does, until the claim lapses. Caller commits."""
    allowed.refuse_claim_unless_allowed(moderator, item)
    taken = db.session.execute(
        sa.update(ReviewItem)
        .where(_still_open_and_free(item, moderator))
        .values(claimed_by_id=moderator.id, claimed_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if not taken:
        raise _conflict(item)
    db.session.refresh(item)


def release(moderator: User, item: ReviewItem) -> None:
    """Let go of a claimed item. Caller commits."""
    db.session.execute(
        sa.update(ReviewItem)
        .where(ReviewItem.id == item.id, ReviewItem.claimed_by_id == moderator.id)
        .values(claimed_by_id=None, claimed_at=None)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(item)


def decide(
    moderator: User,
    item: ReviewItem,
    verb: str,
    reason: str,
    days: int | None = None,
    new_text: str | None = None,
    confirmed: bool = False,
) -> None:
    """Take one decision on an item; exactly one decision wins a race. Caller commits.

    A decision on the post or its author does not end a care report waiting on the item, nor
    does a care outcome end a waiting approval: the item stays open (held by the moderator)
    for the part still to do, and only the reports the decision answers are answered.
    """
    allowed.refuse_unless_allowed(moderator, item, verb)
    allowed.refuse_unless_confirmed(item, verb, confirmed)
    actions.require_reason(verb, reason)
    post = item.post
    if verb == "escalate":
        _finish(moderator, item, escalate=True)
        if post is None:
            actions.act_on_item_about_member(moderator, item, None, verb, reason)
        else:
            actions.act_on_post(moderator, post, verb, reason)
        return
    left_open = waiting.leaves_open(item, verb)
    answered = _answered_by(item, verb, left_open)
    _finish(moderator, item, verb=verb, hold=left_open)
    if verb == "lock":
        thread_actions.act_on_thread(moderator, post.thread, verb, reason)
    elif verb in allowed.MEMBER_VERBS:
        actions.act_on_member(moderator, subject_of(item), verb, reason, days)
    elif post is None:
        actions.act_on_item_about_member(moderator, item, subject_of(item), verb, reason)
    else:
        if verb == "no_action" and item.auto_hidden and post.status == PostStatus.HIDDEN:
            set_post_status(post, PostStatus.VISIBLE)
        actions.act_on_post(moderator, post, verb, reason, new_text)
    _tell_reporters(item, answered, outcome_of(verb))


def _answered_by(item: ReviewItem, verb: str, left_open: bool) -> list[Report]:
    """The open reports a decision answers: all of them when it ends the item; otherwise
    the care reports for a care outcome, and the others for anything else."""
    waiting = [report for report in item.reports if report.state == ReportState.OPEN]
    if not left_open:
        return waiting
    care = verb in CARE_OUTCOMES
    return [report for report in waiting if (report.reason == Reason.AT_RISK) == care]


def _finish(
    moderator: User,
    item: ReviewItem,
    verb: str | None = None,
    escalate: bool = False,
    hold: bool = False,
) -> None:
    """The one conditional UPDATE that decides who acted first (`hold`: the item stays open,
    held by the moderator, for what is still to do)."""
    now = utcnow()
    if escalate:
        values = {"escalated": True, "claimed_by_id": None, "claimed_at": None}
    elif hold:
        values = {"claimed_by_id": moderator.id, "claimed_at": now}
    else:
        values = {
            "state": ItemState.RESOLVED,
            "resolved_by_id": moderator.id,
            "resolved_at": now,
            "resolution": verb,
        }
    won = db.session.execute(
        sa.update(ReviewItem)
        .where(_still_open_and_free(item, moderator))
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not won:
        raise _conflict(item)
    db.session.refresh(item)


# What a reporter is told, stored in English (the notices page reads it in theirs).
_REPORT_TOLD = {
    ReportState.NO_ACTION: N_("Your report: reviewed: no action was needed"),
    ReportState.ACTION_TAKEN: N_("Your report: reviewed: the moderators took action"),
    ReportState.REVIEWED: N_("Your report: reviewed: a moderator looked after it"),
}


def _tell_reporters(item: ReviewItem, answered: list[Report], outcome: ReportState) -> None:
    now = utcnow()
    for report in answered:
        report.state = outcome
        report.resolved_at = now
        notify(
            report.reporter_id,
            NoticeKind.REPORT_OUTCOME,
            _REPORT_TOLD[outcome],
            N_("Thank you for looking out for the community."),
            path_for("reports.mine"),
            post_id=item.post_id,
        )


def read_conversation(moderator: User, item: ReviewItem):
    """The messages of the conversation a report points at, for a moderator allowed to read
    it; every reading is a row in the log. Caller commits."""
    refusal = allowed.may_read_conversation(moderator, item)
    if refusal is not None:
        raise refusal
    subject = subject_of(item)
    log.record(
        moderator.id,
        "read_conversation",
        TargetType.CONVERSATION,
        item.conversation_id,
        f"Read through the report in queue item {item.id}.",
        subject.id if subject else None,
    )
    return queries.conversation_evidence(item.conversation)


def act_directly(
    moderator: User,
    post: Post,
    verb: str,
    reason: str,
    new_text: str | None = None,
    confirmed: bool = False,
) -> None:
    """Act on a post outside the queue (from its thread); an open item on it is decided too
    (a care report on it stays open until a care outcome is recorded)."""
    allowed.refuse_unless_allowed(moderator, post, verb)
    allowed.refuse_unless_confirmed(post, verb, confirmed)
    item = queries.open_item_for(post)
    if item is not None and verb in allowed.allowed_actions(moderator, item):
        decide(moderator, item, verb, reason, new_text=new_text, confirmed=confirmed)
        return
    actions.act_on_post(moderator, post, verb, reason, new_text)


def act_on_member(
    moderator: User,
    member: User,
    verb: str,
    reason: str,
    days: int | None = None,
    confirmed: bool = False,
) -> None:
    """Warn, suspend, lift a suspension or ban from the member's page; while a care report
    about them waits, a harsh action is confirmed first. Caller commits."""
    allowed.refuse_unless_allowed(moderator, member, verb)
    allowed.refuse_unless_confirmed(member, verb, confirmed)
    actions.act_on_member(moderator, member, verb, reason, days)


def add_member_note(moderator: User, member: User, body: str) -> MemberNote:
    """Keep a note about a member, for moderators only. Caller commits."""
    body = (body or "").strip()
    if not body:
        raise actions.DecisionError(_("Write the note first."))
    note = MemberNote(member_id=member.id, author_id=moderator.id, body=body[:2000])
    db.session.add(note)
    return note


def add_handoff(moderator: User, item: ReviewItem, body: str) -> HandOffNote:
    """Leave a note on an item for the next moderator; the newest shows first. Caller commits."""
    body = (body or "").strip()
    if not body:
        raise actions.DecisionError(_("Write the hand-off note first."))
    note = HandOffNote(item_id=item.id, author_id=moderator.id, body=body[:1000])
    db.session.add(note)
    return note
