"""team inbox

Revision ID: d3e5f7a9b1c3
Revises: c2d4e6f8a0b2
"""

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "d3e5f7a9b1c3"
down_revision = "c2d4e6f8a0b2"
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
