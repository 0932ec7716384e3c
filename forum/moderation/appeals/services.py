"""Appeals: a member asks once, within 14 days, for another moderator to look again at an
action against them; that moderator upholds, reverses or changes it, and the member is told."""

import sqlalchemy as sa
from flask_babel import format_number
from flask_babel import gettext as _

from forum.accounts.models import User
from forum.errors import Conflict
from forum.extensions import db
from forum.moderation import actions, log, thread_actions
from forum.moderation.allowed import DecisionError
from forum.moderation.appeals import allowed
from forum.moderation.models import (
    Appeal,
    AppealOutcome,
    ItemKind,
    ItemState,
    ModAction,
    ReviewItem,
    TargetType,
)
from forum.moderation.rules import APPEAL_MAX, SANCTION_VERBS, SUSPENSION_DAYS, UNDO_VERBS
from forum.notices.models import NoticeKind
from forum.notices.services import notify, path_for
from forum.notices.words import N_
from forum.permissions import is_suspended
from forum.posts.models import Post, PostStatus, Thread
from forum.posts.permissions import is_closed
from forum.posts.signals import member_cleared
from forum.timeutil import utcnow


class AlreadyAppealed(Conflict):
    pass


class AlreadyDecided(Conflict):
    pass


def make_appeal(member: User, action: ModAction, body: str) -> Appeal:
    """Appeal an action against the member, and put the appeal in the queue as its own item.
    A second appeal of the same action (a double submit) is refused kindly. Caller commits."""
    error = allowed.appeal_refusal(member, action)
    if isinstance(error, Conflict):
        raise AlreadyAppealed(error.message)
    if error is not None:
        raise error
    body = (body or "").replace("\r\n", "\n").strip()
    if not body:
        raise DecisionError(_("Please tell the moderators why you are appealing."))
    if len(body) > APPEAL_MAX:
        raise DecisionError(
            _("Appeals are limited to %(num)s characters.", num=format_number(APPEAL_MAX))
        )
    appeal = Appeal(
        action_id=action.id, member_id=member.id, acted_by_id=action.moderator_id, body=body
    )
    try:
        with db.session.begin_nested():
            db.session.add(appeal)
    except sa.exc.IntegrityError:
        raise AlreadyAppealed(allowed.ALREADY_APPEALED) from None
    db.session.add(ReviewItem(appeal_id=appeal.id, kind=ItemKind.APPEAL, state=ItemState.OPEN))
    return appeal


_TOLD = {
    AppealOutcome.UPHELD: N_("Your appeal was reviewed: the decision stands"),
    AppealOutcome.REVERSED: N_("Your appeal was reviewed: the decision is reversed"),
    AppealOutcome.CHANGED: N_("Your appeal was reviewed: the decision is changed"),
}


def decide_appeal(
    moderator: User,
    appeal: Appeal,
    outcome: AppealOutcome,
    note: str,
    days: int | None = None,
    new_text: str | None = None,
) -> None:
    """Uphold, reverse or change the appealed action; exactly one decision wins a race.

    Reversing undoes the action through the usual moderation actions, done by this moderator.
    Changing a suspension or a ban may set a suspension of `days` instead; changing what was
    done to a post may give it back with `new_text` (what had to go taken out: a redaction,
    then the post restored); otherwise a change records the note only. Does not check the
    moderator is one (the area's guard does). Caller commits.
    """
    error = allowed.appeal_decision_refusal(moderator, appeal)
    if error is not None:
        raise error
    note = (note or "").strip()
    if not note:
        raise DecisionError(_("Please write a note: the member reads it."))
    action = appeal.action
    if outcome == AppealOutcome.REVERSED and action.verb not in UNDO_VERBS:
        raise DecisionError(
            _("This action can't be undone from here; choose “Changed” and explain what you did.")
        )
    if days is not None and (
        outcome != AppealOutcome.CHANGED
        or action.verb not in ("suspend", "ban")
        or days not in SUSPENSION_DAYS
    ):
        raise DecisionError(_("A new suspension only replaces a suspension or a ban."))
    post = _post_given_back(action, outcome, new_text)
    _record_decision(moderator, appeal, outcome, note)
    if outcome == AppealOutcome.REVERSED:
        _undo(moderator, action, note)
        if action.verb in SANCTION_VERBS and action.subject_id is not None:
            db.session.flush()
            member_cleared.send(action.subject_id)
    elif days is not None:
        member = db.session.get(User, action.subject_id)
        actions.act_on_member(moderator, member, "suspend", note, days)
    elif post is not None:
        actions.act_on_post(moderator, post, "redact", note, new_text)
        if post.status in (PostStatus.HIDDEN, PostStatus.REMOVED):
            actions.act_on_post(moderator, post, "restore", note)
    log.record(
        moderator.id,
        f"appeal_{outcome.value}",
        TargetType.APPEAL,
        appeal.id,
        note,
        subject_id=appeal.member_id,
    )
    notify(
        appeal.member_id,
        NoticeKind.MODERATION,
        _TOLD[outcome],
        note,
        path_for("reports.appeal", appeal_id=appeal.id),
    )


# What a changed decision may give back with a new text: a post taken away, or redacted.
TEXT_VERBS = frozenset({"hide", "auto_hide", "remove", "redact"})


def _post_given_back(action: ModAction, outcome: AppealOutcome, new_text: str | None):
    """The post a change gives back with a new text, or None when the text is not changed."""
    if new_text is None:
        return None
    post = db.session.get(Post, action.target_id) if action.target_type == TargetType.POST else None
    if post is None or action.verb not in TEXT_VERBS:
        raise DecisionError(
            _("A new text only gives back a post that was hidden, removed or redacted.")
        )
    new_text = new_text.replace("\r\n", "\n").strip()
    if new_text == post.body_source.strip():
        return None
    if outcome != AppealOutcome.CHANGED:
        raise DecisionError(_("A new text for the post goes with “Changed”."))
    if not new_text:
        raise DecisionError(_("Please keep some of the post's text, or uphold the decision."))
    return post


def _record_decision(moderator: User, appeal: Appeal, outcome: AppealOutcome, note: str):
    """The one conditional UPDATE that decides who decided first; the database's check
    refuses the moderator who acted even if everything above were bypassed."""
    now = utcnow()
    won = db.session.execute(
        sa.update(Appeal)
        .where(Appeal.id == appeal.id, Appeal.decided_at.is_(None))
        .values(decided_by_id=moderator.id, decided_at=now, outcome=outcome, decision_note=note)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not won:
        raise AlreadyDecided(_("Another moderator decided this appeal just now."))
    db.session.execute(
        sa.update(ReviewItem)
        .where(ReviewItem.appeal_id == appeal.id, ReviewItem.state == ItemState.OPEN)
        .values(
            state=ItemState.RESOLVED,
            resolved_by_id=moderator.id,
            resolved_at=now,
            resolution=f"appeal_{outcome.value}",
        )
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(appeal)


def _undo(moderator: User, action: ModAction, note: str) -> None:
    """Undo the action if what it did still stands (someone may have undone it already)."""
    verb = UNDO_VERBS[action.verb]
    if verb is None:
        return
    if action.target_type == TargetType.POST:
        post = db.session.get(Post, action.target_id)
        if post is not None and post.status in (PostStatus.HIDDEN, PostStatus.REMOVED):
            actions.act_on_post(moderator, post, verb, note)
    elif action.target_type == TargetType.THREAD:
        thread = db.session.get(Thread, action.target_id)
        if thread is not None and is_closed(thread):
            thread_actions.act_on_thread(moderator, thread, verb, note)
    elif action.target_type == TargetType.MEMBER:
        member = db.session.get(User, action.target_id)
        if member is not None and is_suspended(member):
            actions.act_on_member(moderator, member, verb, note)
