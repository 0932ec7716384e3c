"""moderation: reports, review items, the append-only log, member notes, notices

Revision ID: c3d5e7f9a1b2
Revises: b2c4e6a8d0f1
Create Date: 2026-11-21 06:03:13.261783

"""

import sqlalchemy as sa
from alembic import op

from forum.moderation.models import create_triggers


# revision identifiers, used by Alembic.
revision = "c3d5e7f9a1b2"
down_revision = "b2c4e6a8d0f1"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "mod_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("moderator_id", sa.Integer(), nullable=True),
        sa.Column("verb", sa.String(length=24), nullable=False),
        sa.Column(
            "target_type",
            sa.Enum("post", "thread", "member", name="targettype", native_enum=False, length=8),
            nullable=False,
        ),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=1000), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "target_type IN ('post', 'thread', 'member')", name=op.f("ck_mod_actions_one_target")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mod_actions")),
    )
    with op.batch_alter_table("mod_actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mod_actions_created_at"), ["created_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_mod_actions_moderator_id"), ["moderator_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_mod_actions_subject_id"), ["subject_id"], unique=False)
        batch_op.create_index("ix_mod_actions_target", ["target_type", "target_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mod_actions_verb"), ["verb"], unique=False)
    # The log is append-only, enforced by the database itself.
    create_triggers(op.get_bind())

    op.create_table(
        "member_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.String(length=2000), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_member_notes_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["users.id"],
            name=op.f("fk_member_notes_member_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_notes")),
    )
    with op.batch_alter_table("member_notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_member_notes_member_id"), ["member_id"], unique=False)

    op.create_table(
        "notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "moderation",
                "report_outcome",
                "care",
                name="noticekind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("link", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_notices_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notices")),
    )
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.create_index(
            "ix_notices_member_unread", ["user_id", "read_at", "id"], unique=False
        )

    op.create_table(
        "review_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("reported", "pending", name="itemkind", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column(
            "state",
            sa.Enum("open", "resolved", name="itemstate", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("has_care", sa.Boolean(), nullable=False),
        sa.Column("reporter_count", sa.Integer(), nullable=False),
        sa.Column("auto_hidden", sa.Boolean(), nullable=False),
        sa.Column("escalated", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_by_id", sa.Integer(), nullable=True),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by_id", sa.Integer(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolution", sa.String(length=24), nullable=True),
        sa.ForeignKeyConstraint(
            ["claimed_by_id"],
            ["users.id"],
            name=op.f("fk_review_items_claimed_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
            name=op.f("fk_review_items_post_id_posts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["resolved_by_id"],
            ["users.id"],
            name=op.f("fk_review_items_resolved_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_items")),
    )
    with op.batch_alter_table("review_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_items_post_id"), ["post_id"], unique=False)
        batch_op.create_index(
            "ix_review_items_queue",
            ["state", "has_care", "reporter_count", "created_at"],
            unique=False,
        )
        batch_op.create_index(
            "uq_review_items_open_post",
            ["post_id"],
            unique=True,
            sqlite_where=sa.text("state = 'open'"),
            postgresql_where=sa.text("state = 'open'"),
        )

    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=True),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column(
            "reason",
            sa.Enum(
                "at_risk",
                "harassment",
                "drugs",
                "dangerous_advice",
                "identity",
                "spam",
                "other",
                name="reason",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "open",
                "no_action",
                "action_taken",
                "reviewed",
                name="reportstate",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["review_items.id"],
            name=op.f("fk_reports_item_id_review_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"], ["posts.id"], name=op.f("fk_reports_post_id_posts"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["reporter_id"],
            ["users.id"],
            name=op.f("fk_reports_reporter_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"],
            ["users.id"],
            name=op.f("fk_reports_subject_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
    )
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reports_item_id"), ["item_id"], unique=False)
        batch_op.create_index(
            "ix_reports_reporter_time", ["reporter_id", "created_at"], unique=False
        )
        batch_op.create_index(
            "uq_reports_open_per_member",
            ["post_id", "reporter_id"],
            unique=True,
            sqlite_where=sa.text("state = 'open'"),
            postgresql_where=sa.text("state = 'open'"),
        )

    with op.batch_alter_table("post_revisions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_redaction", sa.Boolean(), nullable=False, server_default=sa.false())
        )

    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("redacted_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("suspension_reason", sa.String(length=1000), nullable=True))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("suspension_reason")

    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.drop_column("redacted_at")

    with op.batch_alter_table("post_revisions", schema=None) as batch_op:
        batch_op.drop_column("is_redaction")

    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_reports_open_per_member",
            sqlite_where=sa.text("state = 'open'"),
            postgresql_where=sa.text("state = 'open'"),
        )
        batch_op.drop_index("ix_reports_reporter_time")
        batch_op.drop_index(batch_op.f("ix_reports_item_id"))

    op.drop_table("reports")
    with op.batch_alter_table("review_items", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_review_items_open_post",
            sqlite_where=sa.text("state = 'open'"),
            postgresql_where=sa.text("state = 'open'"),
        )
        batch_op.drop_index("ix_review_items_queue")
        batch_op.drop_index(batch_op.f("ix_review_items_post_id"))

    op.drop_table("review_items")
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_index("ix_notices_member_unread")

    op.drop_table("notices")
    with op.batch_alter_table("member_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_notes_member_id"))

    op.drop_table("member_notes")
    with op.batch_alter_table("mod_actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mod_actions_verb"))
        batch_op.drop_index("ix_mod_actions_target")
        batch_op.drop_index(batch_op.f("ix_mod_actions_subject_id"))
        batch_op.drop_index(batch_op.f("ix_mod_actions_moderator_id"))
        batch_op.drop_index(batch_op.f("ix_mod_actions_created_at"))

    op.drop_table("mod_actions")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS mod_actions_append_only()")
