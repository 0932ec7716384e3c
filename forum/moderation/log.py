"""Writing a row of the append-only moderation log (its triggers: forum.moderation.models)."""

from forum.extensions import db
from forum.moderation.models import ModAction, TargetType
from forum.moderation.rules import SANCTION_VERBS
from forum.posts.signals import member_sanctioned


def record(
    moderator_id: int | None,
    verb: str,
    target_type: TargetType,
    target_id: int,
    reason: str,
    subject_id: int | None = None,
) -> ModAction:
    """Append one row to the log, flushed so that a notice can point at it; an action against
    a member announces member_sanctioned. Caller commits."""
    action = ModAction(
        moderator_id=moderator_id,
        verb=verb,
        target_type=target_type,
        target_id=target_id,
        subject_id=subject_id,
        reason=reason.strip()[:1000],
    )
    db.session.add(action)
    db.session.flush()
    if moderator_id is not None and subject_id is not None and verb in SANCTION_VERBS:
        member_sanctioned.send(subject_id)
    return action
