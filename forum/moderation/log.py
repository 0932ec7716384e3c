"""The moderation log is append-only: writing a row, and the triggers that refuse changes."""

import sqlalchemy as sa

from forum.extensions import db
from forum.moderation.models import ModAction, TargetType

# Database triggers, so that no code path (ours, a shell, a bulk query) edits history.
SQLITE_TRIGGERS = (
    """CREATE TRIGGER mod_actions_no_update BEFORE UPDATE ON mod_actions
       BEGIN SELECT RAISE(ABORT, 'the moderation log is append-only'); END""",
    """CREATE TRIGGER mod_actions_no_delete BEFORE DELETE ON mod_actions
       BEGIN SELECT RAISE(ABORT, 'the moderation log is append-only'); END""",
)
POSTGRES_TRIGGERS = (
    """CREATE OR REPLACE FUNCTION mod_actions_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'the moderation log is append-only'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER mod_actions_no_change BEFORE UPDATE OR DELETE ON mod_actions
       FOR EACH ROW EXECUTE FUNCTION mod_actions_append_only()""",
)


def create_triggers(connection) -> None:
    """Install the triggers; used by the migration and after create_all()."""
    statements = {"sqlite": SQLITE_TRIGGERS, "postgresql": POSTGRES_TRIGGERS}.get(
        connection.dialect.name, ()
    )
    for statement in statements:
        connection.exec_driver_sql(statement)


sa.event.listen(
    ModAction.__table__,
    "after_create",
    lambda target, connection, **kw: create_triggers(connection),
)


def record(
    moderator_id: int | None,
    verb: str,
    target_type: TargetType,
    target_id: int,
    reason: str,
    subject_id: int | None = None,
) -> ModAction:
    """Append one row to the log. Caller commits."""
    action = ModAction(
        moderator_id=moderator_id,
        verb=verb,
        target_type=target_type,
        target_id=target_id,
        subject_id=subject_id,
        reason=reason.strip()[:1000],
    )
    db.session.add(action)
    return action
