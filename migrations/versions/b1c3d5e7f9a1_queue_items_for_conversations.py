"""the queue's items point at exactly one thing (a post, a conversation, a member, an appeal),
reports may be about a conversation, the log names conversations and appeals, and appeals
are stored

Revision ID: b1c3d5e7f9a1
Revises: a3b5c7d9e1f3
"""

import sqlalchemy as sa
from alembic import op

from forum.moderation.models import create_triggers

revision = "b1c3d5e7f9a1"
down_revision = "a3b5c7d9e1f3"
branch_labels = None
depends_on = None

ITEM_TARGETS = ("post_id", "conversation_id", "member_id", "appeal_id")
REPORT_COLUMNS = (
    "id, item_id, post_id, reporter_id, subject_id, reason, note, state, created_at, resolved_at"
)
NEW_TARGETS = "target_type IN ('post', 'thread', 'member', 'conversation', 'appeal')"


def _exactly_one(*columns):
    return " + ".join(f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in columns) + " = 1"


def _open_only(name, table, columns):
    op.create_index(
        name,
        table,
        columns,
        unique=True,
        sqlite_where=sa.text("state = 'open'"),
        postgresql_where=sa.text("state = 'open'"),
    )


def _sqlite():
    return op.get_bind().dialect.name == "sqlite"


def _drop_log_triggers():
    if _sqlite():
        op.execute("DROP TRIGGER IF EXISTS mod_actions_no_update")
        op.execute("DROP TRIGGER IF EXISTS mod_actions_no_delete")


def _restore_log_triggers():
    if _sqlite():
        create_triggers(op.get_bind())


def _keep_reports():
    # SQLite rebuilds a table to change it, and dropping the old review_items would take the
    # reports with it (ON DELETE CASCADE): they are set aside and put back.
    if _sqlite():
        op.execute(f"CREATE TEMPORARY TABLE reports_kept AS SELECT {REPORT_COLUMNS} FROM reports")


def _put_reports_back():
    if _sqlite():
        op.execute("DELETE FROM reports")
        op.execute(
            f"INSERT INTO reports ({REPORT_COLUMNS}) SELECT {REPORT_COLUMNS} FROM reports_kept"
        )
        op.execute("DROP TABLE reports_kept")


def upgrade():
    _drop_log_triggers()
    with op.batch_alter_table("mod_actions", recreate="auto") as batch:
        batch.drop_constraint(op.f("ck_mod_actions_one_target"), type_="check")
        batch.alter_column(
            "target_type",
            existing_type=sa.String(8),
            type_=sa.Enum(
                "post",
                "thread",
                "member",
                "conversation",
                "appeal",
                name="targettype",
                native_enum=False,
                length=16,
            ),
            existing_nullable=False,
        )
        batch.create_check_constraint("one_target", NEW_TARGETS)
    _restore_log_triggers()

    op.create_table(
        "appeals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("acted_by_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.String(length=1000), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum(
                "upheld", "reversed", "changed", name="appealoutcome", native_enum=False, length=12
            ),
            nullable=True,
        ),
        sa.Column("decision_note", sa.String(length=1000), nullable=False),
        sa.CheckConstraint(
            "decided_by_id IS NULL OR acted_by_id IS NULL OR decided_by_id <> acted_by_id",
            name=op.f("ck_appeals_decided_by_another_moderator"),
        ),
        sa.ForeignKeyConstraint(
            ["action_id"], ["mod_actions.id"], name=op.f("fk_appeals_action_id_mod_actions")
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["users.id"], name=op.f("fk_appeals_member_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appeals")),
        sa.UniqueConstraint("action_id", name=op.f("uq_appeals_action_id")),
    )
    op.create_index(op.f("ix_appeals_member_id"), "appeals", ["member_id"], unique=False)

    _keep_reports()
    op.drop_index("uq_review_items_open_post", table_name="review_items")
    with op.batch_alter_table("review_items", recreate="auto") as batch:
        batch.alter_column("post_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("conversation_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("member_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("appeal_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_review_items_conversation_id_conversations"),
            "conversations",
            ["conversation_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_foreign_key(
            op.f("fk_review_items_member_id_users"),
            "users",
            ["member_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_foreign_key(
            op.f("fk_review_items_appeal_id_appeals"),
            "appeals",
            ["appeal_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_check_constraint("one_target", _exactly_one(*ITEM_TARGETS))
        batch.create_index("ix_review_items_conversation_id", ["conversation_id"], unique=False)
        batch.create_index("ix_review_items_member_id", ["member_id"], unique=False)
        batch.create_index("ix_review_items_appeal_id", ["appeal_id"], unique=False)
    _open_only("uq_review_items_open_post", "review_items", ["post_id"])
    _open_only("uq_review_items_open_conversation", "review_items", ["conversation_id"])
    _open_only("uq_review_items_open_member", "review_items", ["member_id", "kind"])
    _open_only("uq_review_items_open_appeal", "review_items", ["appeal_id"])

    op.drop_index("uq_reports_open_per_member", table_name="reports")
    with op.batch_alter_table("reports", recreate="auto") as batch:
        batch.alter_column("post_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("conversation_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_reports_conversation_id_conversations"),
            "conversations",
            ["conversation_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_check_constraint("one_target", _exactly_one("post_id", "conversation_id"))
        batch.create_index("ix_reports_conversation_id", ["conversation_id"], unique=False)
    _put_reports_back()
    _open_only("uq_reports_open_per_member", "reports", ["post_id", "reporter_id"])
    _open_only(
        "uq_reports_open_per_member_conversation", "reports", ["conversation_id", "reporter_id"]
    )


def downgrade():
    # Items and reports about anything but a post cannot be kept in the older schema.
    op.execute("DELETE FROM reports WHERE post_id IS NULL")
    op.execute("DELETE FROM review_items WHERE post_id IS NULL")
    _keep_reports()
    op.drop_index("uq_reports_open_per_member_conversation", table_name="reports")
    op.drop_index("uq_reports_open_per_member", table_name="reports")
    with op.batch_alter_table("reports", recreate="auto") as batch:
        batch.drop_index("ix_reports_conversation_id")
        batch.drop_constraint(op.f("ck_reports_one_target"), type_="check")
        batch.drop_constraint(op.f("fk_reports_conversation_id_conversations"), type_="foreignkey")
        batch.drop_column("conversation_id")
        batch.alter_column("post_id", existing_type=sa.Integer(), nullable=False)

    for name in ("appeal", "member", "conversation", "post"):
        op.drop_index(f"uq_review_items_open_{name}", table_name="review_items")
    with op.batch_alter_table("review_items", recreate="auto") as batch:
        batch.drop_index("ix_review_items_appeal_id")
        batch.drop_index("ix_review_items_member_id")
        batch.drop_index("ix_review_items_conversation_id")
        batch.drop_constraint(op.f("ck_review_items_one_target"), type_="check")
        batch.drop_constraint(op.f("fk_review_items_appeal_id_appeals"), type_="foreignkey")
        batch.drop_constraint(op.f("fk_review_items_member_id_users"), type_="foreignkey")
        batch.drop_constraint(
            op.f("fk_review_items_conversation_id_conversations"), type_="foreignkey"
        )
        batch.drop_column("appeal_id")
        batch.drop_column("member_id")
        batch.drop_column("conversation_id")
        batch.alter_column("post_id", existing_type=sa.Integer(), nullable=False)
    _open_only("uq_review_items_open_post", "review_items", ["post_id"])
    _put_reports_back()
    op.drop_index("uq_reports_open_per_member", table_name="reports", if_exists=True)
    _open_only("uq_reports_open_per_member", "reports", ["post_id", "reporter_id"])

    op.drop_index(op.f("ix_appeals_member_id"), table_name="appeals")
    op.drop_table("appeals")

    # The log is append-only and may already name conversations and appeals: its wider
    # target_type stays, and the older code never writes the new kinds.
