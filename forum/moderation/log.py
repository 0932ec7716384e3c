"""Writing a row of the append-only moderation log (its triggers: forum.moderation.models)."""

from forum.extensions import db
from forum.moderation.models import ModAction, TargetType


def record(
    moderator_id: int | None,
    verb: str,
    target_type: TargetType,
    target_id: int,
    reason: str,
    subject_id: int | None = None,
) -> ModAction:
    """Append one row to the log, flushed so that a notice can point at it. Caller commits."""
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
    return action
