"""What a moderator's decision does to a post or a member: each logged, each told. (What it
does to a thread is in thread_actions.py.)"""

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _

from forum.accounts.models import User
from forum.errors import NotAllowed
from forum.moderation import allowed, log, subjects
from forum.moderation.allowed import DecisionError
from forum.moderation.models import ReviewItem, TargetType
from forum.moderation.rules import (
    CARE_OUTCOMES,
    REASON_REQUIRED,
    SUSPENSION_DAYS,
    VERB_LABELS,
    in_english,
)
from forum.notices.models import NoticeKind
from forum.notices.services import notify, path_for
from forum.notices.words import N_, counted
from forum.posts.lifecycle import set_post_status, set_thread_status
from forum.posts.models import Post, PostRevision, PostStatus, ThreadStatus
from forum.posts.store import redact_revision, replace_body
from forum.timeutil import utcnow

# A ban is a suspension with no end a person could live to see.
BAN_UNTIL = datetime(9999, 12, 31)


def require_reason(verb: str, reason: str) -> str:
    reason = (reason or "").strip()
    if verb in REASON_REQUIRED and not reason:
        raise DecisionError(_("Please give a reason: the member concerned will read it."))
    return reason


def act_on_post(moderator: User, post: Post, verb: str, reason: str, new_text: str | None = None):
    """Hide, restore, remove, redact, approve or reject a post, or log a decision on it.

    Does not check whether the verb is allowed: its callers in services did, through
    `allowed.refuse_unless_allowed` on the post or its queue item. Caller commits.
    """
    reason = require_reason(verb, reason)
    if verb == "redact":
        _redact(moderator, post, new_text)
    elif verb in ("hide", "remove", "restore", "approve", "reject"):
        status = {
            "hide": PostStatus.HIDDEN,
            "remove": PostStatus.REMOVED,
            "restore": PostStatus.VISIBLE,
            "approve": PostStatus.VISIBLE,
            "reject": PostStatus.REJECTED,
        }[verb]
        _set_status_with_thread(post, status)
    elif verb not in ("no_action", "escalate", *CARE_OUTCOMES):
        raise DecisionError(_("Unknown action on a post: %(verb)s.", verb=verb))
    action = log.record(
        moderator.id,
        verb,
        TargetType.POST,
        post.id,
        reason or in_english(VERB_LABELS[verb]),
        post.author_id,
    )
    _tell_author(post, verb, reason, action.id)


def _set_status_with_thread(post: Post, status: PostStatus) -> None:
    """A newcomer's thread waits with its opening post, and is approved or rejected with it."""
    thread = post.thread
    if post.is_opening and thread.status == ThreadStatus.PENDING:
        approved = status == PostStatus.VISIBLE
        set_thread_status(thread, ThreadStatus.VISIBLE if approved else ThreadStatus.REMOVED)
    if post.status == PostStatus.PENDING and status == PostStatus.VISIBLE:
        thread.last_activity_at = max(thread.last_activity_at, post.created_at)
    set_post_status(post, status)


def _redact(moderator: User, post: Post, new_text: str | None) -> None:
    new_text = _redacted_text(new_text, post.body_source)
    now = utcnow()
    replace_body(post, new_text, now, is_redaction=True, keep_old=_keep_original())
    post.redacted_at = now


def _redacted_text(new_text: str | None, original: str) -> str:
    new_text = (new_text or "").replace("\r\n", "\n").strip()
    if not new_text or new_text == original.strip():
        raise DecisionError(
            _("Please edit the text: replace what must not be shown, e.g. with [redacted].")
        )
    return new_text


def _keep_original() -> bool:
    """The moderators' rule (REDACTION_KEEP_ORIGINAL): keep what a redaction took out, for
    them only, or keep it nowhere."""
    return bool(current_app.config["REDACTION_KEEP_ORIGINAL"])


def may_redact_versions(moderator: User, post: Post) -> bool:
    """Whether the moderator may redact this post's earlier versions: not their own post."""
    return not subjects.concerns_self(moderator, post)


def redact_version(
    moderator: User, revision: PostRevision, post: Post, new_text: str | None, reason: str
) -> None:
    """Take identifying words out of an earlier version of a post: the version's text becomes
    `new_text`, the original is kept for the moderators only or nowhere (the setting), the
    action is logged against the post and its author told, with the reason and never the
    text. Does not touch the post's current text (that is the "redact" verb). Caller
    commits."""
    if revision.post_id != post.id:
        raise DecisionError(_("That version belongs to another post."))
    if not may_redact_versions(moderator, post):
        raise NotAllowed(subjects.OWN)
    reason = require_reason("redact_version", reason)
    redact_revision(
        revision, _redacted_text(new_text, revision.body_source), utcnow(), _keep_original()
    )
    action = log.record(
        moderator.id, "redact_version", TargetType.POST, post.id, reason, post.author_id
    )
    _tell_author(post, "redact_version", reason, action.id)


_AUTHOR_NOTICES = {
    "hide": N_("Your post is hidden by the moderators"),
    "remove": N_("Your post was removed by the moderators"),
    "redact": N_("Part of your post was redacted by the moderators"),
    "redact_version": N_("Part of an earlier version of your post was redacted by the moderators"),
    "reject": N_("Your post was not approved"),
    "approve": N_("Your post is approved and visible to everyone"),
    "restore": N_("Your post is visible again"),
    "reached_out": N_("A message from the moderators, with care"),
    "resources_sent": N_("Some support resources from the moderators"),
}


def _tell_author(post: Post, verb: str, reason: str, action_id: int) -> None:
    title = _AUTHOR_NOTICES.get(verb)
    if title is None:
        return
    if verb in _CARE_NOTICES:
        _tell_with_care(post.author_id, verb, reason)
    else:
        notify(
            post.author_id,
            NoticeKind.MODERATION,
            title,
            reason,
            post_id=post.id,
            action_id=action_id,
        )


_CARE_NOTICES = ("reached_out", "resources_sent")
_SUSPENDED_FOR = counted(
    "Your account is suspended for %(num)s day", "Your account is suspended for %(num)s days"
)


def _tell_with_care(member_id: int | None, verb: str, reason: str) -> None:
    body = (reason + "\n\n" if reason else "") + (
        N_("You are not alone. The help page lists people you can talk to right now, any hour.")
    )
    notify(member_id, NoticeKind.CARE, _AUTHOR_NOTICES[verb], body, path_for("support.help"))


def act_on_item_about_member(
    moderator: User, item: ReviewItem, member: User | None, verb: str, reason: str
) -> None:
    """Log a decision on an item about a member rather than a post (a reported conversation,
    a member many people blocked): no action, escalating, or how someone at risk was looked
    after, which they are told with care. Acting on the member is `act_on_member`. Caller
    commits."""
    reason = require_reason(verb, reason)
    if verb not in ("no_action", "escalate", *CARE_OUTCOMES):
        raise DecisionError(_("Unknown action on this item: %(verb)s.", verb=verb))
    target_id = item.conversation_id if item.conversation_id is not None else item.member_id
    member_id = member.id if member is not None else None
    log.record(
        moderator.id,
        verb,
        item.target_type,
        target_id,
        reason or in_english(VERB_LABELS[verb]),
        member_id,
    )
    if verb in _CARE_NOTICES:
        _tell_with_care(member_id, verb, reason)


def act_on_member(
    moderator: User, member: User, verb: str, reason: str, days: int | None = None
) -> None:
    """Warn, suspend, lift a suspension or ban a member, when allowed. Caller commits."""
    allowed.refuse_unless_allowed(moderator, member, verb)
    reason = require_reason(verb, reason)
    if verb == "suspend":
        if days not in SUSPENSION_DAYS:
            raise DecisionError(_("Choose a suspension of 1, 3, 7 or 30 days."))
        _suspend(member, utcnow() + timedelta(days=days), reason)
        title = _SUSPENDED_FOR(days)
    elif verb == "ban":
        _suspend(member, BAN_UNTIL, reason)
        title = N_("Your account is banned from writing on Hearth")
    elif verb == "unsuspend":
        member.suspended_until = None
        member.suspension_reason = None
        title = N_("Your suspension is lifted")
    else:
        title = N_("A warning from the moderators")
    action = log.record(moderator.id, verb, TargetType.MEMBER, member.id, reason, member.id)
    notify(
        member.id,
        NoticeKind.MODERATION,
        title,
        reason,
        path_for("notices.index"),
        action_id=action.id,
    )


def _suspend(member: User, until: datetime, reason: str) -> None:
    member.suspended_until = until
    member.suspension_reason = reason
    member.rotate_session_token()
