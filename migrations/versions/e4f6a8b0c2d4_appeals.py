"""appeals

Revision ID: e4f6a8b0c2d4
Revises: d3e5f7a9b1c3
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "e4f6a8b0c2d4"
down_revision = "d3e5f7a9b1c3"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
