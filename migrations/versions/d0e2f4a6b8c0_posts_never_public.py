"""posts that were never public get states of their own: rejected (held, then not approved)
and withdrawn (taken back by their author while held), so that they leave no mark, place or
count in their thread

Revision ID: d0e2f4a6b8c0
Revises: c9d1e3f5a7b9
Create Date: 2026-11-22 10:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "d0e2f4a6b8c0"
down_revision = "c9d1e3f5a7b9"
branch_labels = None
depends_on = None

# The status column is a plain string (no database enum, no CHECK): only the rows change.
posts = sa.table("posts", sa.column("id", sa.Integer), sa.column("status", sa.String))
actions = sa.table(
    "mod_actions",
    sa.column("verb", sa.String),
    sa.column("target_type", sa.String),
    sa.column("target_id", sa.Integer),
)
items = sa.table("review_items", sa.column("post_id", sa.Integer), sa.column("kind", sa.String))
page_versions = sa.table("page_versions", sa.column("version", sa.BigInteger))


def _logged(*verbs):
    return sa.exists().where(
        actions.c.target_type == "post",
        actions.c.target_id == posts.c.id,
        actions.c.verb.in_(verbs),
    )


def upgrade():
    conn = op.get_bind()
    # Approved or restored at some point: it was public, and its mark stays what it was.
    was_public = _logged("approve", "restore")
    held = sa.exists().where(items.c.post_id == posts.c.id, items.c.kind == "pending")
    conn.execute(
        sa.update(posts)
        .where(posts.c.status == "removed", _logged("reject"), ~was_public)
        .values(status="rejected")
    )
    conn.execute(
        sa.update(posts)
        .where(posts.c.status == "deleted", held, ~was_public)
        .values(status="withdrawn")
    )
    # Pages kept for signed-out readers showed their marks: none of them is current now.
    conn.execute(sa.update(page_versions).values(version=page_versions.c.version + 1))


def downgrade():
    conn = op.get_bind()
    conn.execute(sa.update(posts).where(posts.c.status == "rejected").values(status="removed"))
    conn.execute(sa.update(posts).where(posts.c.status == "withdrawn").values(status="deleted"))
