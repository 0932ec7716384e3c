"""appeals: a notice points at the moderation action it tells about

Revision ID: e4f6a8b0c2d4
Revises: d3e5f7a9b1c3
"""

import sqlalchemy as sa
from alembic import op

revision = "e4f6a8b0c2d4"
down_revision = "d3e5f7a9b1c3"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("notices", recreate="auto") as batch:
        batch.add_column(sa.Column("action_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_notices_action_id_mod_actions"), "mod_actions", ["action_id"], ["id"]
        )


def downgrade():
    with op.batch_alter_table("notices", recreate="auto") as batch:
        batch.drop_constraint(op.f("fk_notices_action_id_mod_actions"), type_="foreignkey")
        batch.drop_column("action_id")
