"""queue items for conversations

Revision ID: b1c3d5e7f9a1
Revises: a3b5c7d9e1f3
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "b1c3d5e7f9a1"
down_revision = "a3b5c7d9e1f3"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
