"""posts in their language: each post's language, and post_search's vector read with it

Revision ID: e5a7c9b1d3f6
Revises: a7c3e9f1b5d2
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "e5a7c9b1d3f6"
down_revision = "a7c3e9f1b5d2"
branch_labels = None
depends_on = None

# Kept equal to forum/search/models.py at this revision.
CONFIG_SQL = "CASE language WHEN 'es'::text THEN 'spanish'::regconfig ELSE 'english'::regconfig END"
VECTOR_SQL = (
    f"(setweight(to_tsvector({CONFIG_SQL}, title), 'A'::\"char\")"
    f" || setweight(to_tsvector({CONFIG_SQL}, body), 'B'::\"char\"))"
)
# What b2c4e6a8d0f1 made, for the downgrade.
ENGLISH_SQL = (
    "setweight(to_tsvector('english'::regconfig, title), 'A'::\"char\")"
    " || setweight(to_tsvector('english'::regconfig, body), 'B'::\"char\")"
)


def _vector(sql: str) -> None:
    """Recreate post_search's generated vector (and its index) from this expression: a
    generated column's expression cannot be altered in place."""
    op.drop_index("ix_post_search_vector", table_name="post_search", postgresql_using="gin")
    op.drop_column("post_search", "search_vector")
    op.add_column(
        "post_search",
        sa.Column("search_vector", postgresql.TSVECTOR(), sa.Computed(sql, persisted=True)),
    )
    op.create_index(
        "ix_post_search_vector", "post_search", ["search_vector"], postgresql_using="gin"
    )


def upgrade():
    # Every post written so far was indexed in English.
    with op.batch_alter_table("posts") as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=8), server_default="en", nullable=False)
        )
    # Not in batch: on SQLite, a batch would copy the table, which its generated column
    # does not survive; adding a column with a constant default needs no copy.
    op.add_column(
        "post_search",
        sa.Column("language", sa.String(length=8), server_default="en", nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        _vector(VECTOR_SQL)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        _vector(ENGLISH_SQL)
    op.drop_column("post_search", "language")
    with op.batch_alter_table("posts") as batch_op:
        batch_op.drop_column("language")
