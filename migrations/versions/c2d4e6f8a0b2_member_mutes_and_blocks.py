"""member mutes and blocks

Revision ID: c2d4e6f8a0b2
Revises: b1c3d5e7f9a1
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "c2d4e6f8a0b2"
down_revision = "b1c3d5e7f9a1"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
