"""watched words: the moderators' rules, the help card a post points at, and the log names
a rule

Revision ID: a6b8c0d2e4f6
Revises: f5a7b9c1d3e5
"""

import sqlalchemy as sa
from alembic import op

from forum.moderation.models import create_triggers

revision = "a6b8c0d2e4f6"
down_revision = "f5a7b9c1d3e5"
branch_labels = None
depends_on = None

TARGETS = ("post", "thread", "member", "conversation", "appeal")


def _targets(*names):
    listed = ", ".join(f"'{name}'" for name in names)
    return f"target_type IN ({listed})"


def _sqlite():
    return op.get_bind().dialect.name == "sqlite"


def _log_targets(names):
    # SQLite rebuilds the table to change a constraint: the append-only triggers go and come
    # back (a rebuild copies the rows, it never updates or deletes one).
    if _sqlite():
        op.execute("DROP TRIGGER IF EXISTS mod_actions_no_update")
        op.execute("DROP TRIGGER IF EXISTS mod_actions_no_delete")
    with op.batch_alter_table("mod_actions", recreate="auto") as batch:
        batch.drop_constraint(op.f("ck_mod_actions_one_target"), type_="check")
        batch.alter_column(
            "target_type",
            existing_type=sa.String(16),
            type_=sa.Enum(*names, name="targettype", native_enum=False, length=16),
            existing_nullable=False,
        )
        batch.create_check_constraint("one_target", _targets(*names))
    if _sqlite():
        create_triggers(op.get_bind())


def upgrade():
    op.create_table(
        "watched_words",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("words", sa.String(length=100), nullable=False),
        sa.Column(
            "action",
            sa.Enum(
                "block",
                "hold",
                "flag",
                "replace",
                "resource",
                "note",
                "care",
                name="watchaction",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("detail", sa.String(length=1000), nullable=False),
        sa.Column("detail_html", sa.Text(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_watched_words_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watched_words")),
        sa.UniqueConstraint("words", "action", name="uq_watched_words_words_action"),
    )
    # A plain ADD COLUMN, with no foreign key, so that SQLite never rebuilds posts.
    op.add_column("posts", sa.Column("card_id", sa.Integer(), nullable=True))
    _log_targets((*TARGETS, "watched_word"))


def downgrade():
    _log_targets_down()
    with op.batch_alter_table("posts") as batch:
        batch.drop_column("card_id")
    op.drop_table("watched_words")


def _log_targets_down():
    # Rows naming a watched word can't be kept in the older schema's log: the downgrade
    # refuses rather than lose them.
    count = op.get_bind().scalar(
        sa.text("SELECT count(*) FROM mod_actions WHERE target_type = 'watched_word'")
    )
    if count:
        raise RuntimeError(
            f"The log names watched words {count} times; it can't go back to before them."
        )
    _log_targets(TARGETS)
