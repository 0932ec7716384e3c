"""What a moderator's decision does to a thread: locking it (for some hours or until
unlocked), pinning, featuring, slow mode, taking the "got through" tag off a story. Each is
logged; the author is told of a lock and of an untagged story."""

from datetime import timedelta

from flask_babel import gettext as _

from forum.accounts.models import User
from forum.moderation import log
from forum.moderation.actions import require_reason
from forum.moderation.allowed import DecisionError
from forum.moderation.models import TargetType
from forum.moderation.rules import (
    CLOSE_HOURS,
    SLOW_MODE_MINUTES,
    THREAD_VERBS,
    VERB_LABELS,
    in_english,
)
from forum.notices.models import NoticeKind
from forum.notices.services import notify, path_for
from forum.notices.words import N_, counted
from forum.posts.models import Thread
from forum.timeutil import utcnow

_OPENS_AGAIN = counted(
    "It opens again by itself in %(num)s hour.", "It opens again by itself in %(num)s hours."
)

_THREAD_FLAGS = {
    "lock": "is_locked",
    "pin": "is_pinned",
    "feature": "is_featured",
    "tag_story": "got_through",  # only ever taken off by the moderators: "untag_story"
}


def act_on_thread(
    moderator: User,
    thread: Thread,
    verb: str,
    reason: str,
    hours: int | None = None,
    minutes: int | None = None,
) -> None:
    """Lock a thread (for `hours`, then open again by itself; or until unlocked), pin it,
    feature it as "Start here", put it in slow mode (one reply per member every `minutes`),
    or undo any of it; take the "got through" tag off a story. Caller commits."""
    reason = require_reason(verb, reason)
    if verb not in THREAD_VERBS:
        raise DecisionError(_("Unknown action on a thread: %(verb)s.", verb=verb))
    logged = reason or in_english(VERB_LABELS[verb])
    if verb in ("slow_mode", "slow_mode_off"):
        logged = _set_slow_mode(moderator, thread, verb, reason, minutes)
    else:
        setattr(thread, _THREAD_FLAGS[verb.removeprefix("un")], not verb.startswith("un"))
    if verb == "lock":
        if hours is not None and hours not in CLOSE_HOURS:
            raise DecisionError(_("Choose a close of 1, 6, 12, 24 or 72 hours, or until unlocked."))
        thread.locked_until = utcnow() + timedelta(hours=hours) if hours else None
        if hours:
            logged = f"{logged} (for {hours} hour{'s' if hours > 1 else ''})"
    elif verb == "unlock":
        thread.locked_until = None
    action = log.record(moderator.id, verb, TargetType.THREAD, thread.id, logged, thread.author_id)
    if verb == "untag_story":
        notify(
            thread.author_id,
            NoticeKind.MODERATION,
            N_("The moderators took the “got through a crisis” tag off your story"),
            reason or N_("Your story stays as it is; it is no longer shown on the help page."),
            path_for("boards.thread", thread_id=thread.id),
            action_id=action.id,
        )
    if verb == "lock":
        until = _OPENS_AGAIN(hours) if hours else ""
        notify(
            thread.author_id,
            NoticeKind.MODERATION,
            N_("Your thread is locked by the moderators"),
            "\n\n".join(words for words in (reason, until) if words),
            path_for("boards.thread", thread_id=thread.id),
            action_id=action.id,
        )


def _set_slow_mode(moderator: User, thread: Thread, verb: str, reason: str, minutes) -> str:
    if verb == "slow_mode_off":
        thread.slow_mode_minutes = thread.slow_mode_by_id = thread.slow_mode_reason = None
        return reason or in_english(VERB_LABELS[verb])
    if minutes not in SLOW_MODE_MINUTES:
        raise DecisionError(_("Choose a pace for slow mode: 5, 15, 30, 60 or 240 minutes."))
    if not reason:
        raise DecisionError(_("Please say why: the thread shows it to everyone."))
    thread.slow_mode_minutes = minutes
    thread.slow_mode_by_id = moderator.id
    thread.slow_mode_reason = reason[:200]
    return f"One reply every {minutes} minutes: {reason}"
