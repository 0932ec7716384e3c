"""Notices point at the post and the member they are about instead of copying their words.

Revision ID: b8c0d2e4f6a8
Revises: a7b9c1d3e5f7
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "b8c0d2e4f6a8"
down_revision = "a7b9c1d3e5f7"
branch_labels = None
depends_on = None

_POST_LINK = re.compile(r"/p/(\d+)")
_REACTED = re.compile(r"reacted “(.{1,40}?)”")


def upgrade():
    with op.batch_alter_table("notices") as batch:
        batch.add_column(sa.Column("post_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("actor_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("detail", sa.String(length=40), nullable=True))
        batch.create_foreign_key(
            "fk_notices_post_id_posts", "posts", ["post_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_foreign_key(
            "fk_notices_actor_id_users", "users", ["actor_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_index("ix_notices_post_id", ["post_id"])
        batch.create_index("ix_notices_actor_id", ["actor_id"])
    _point_instead_of_copying()


def _point_instead_of_copying():
    """Existing notices: keep the post they link to, drop the copied words and names."""
    conn = op.get_bind()
    notices = sa.table(
        "notices",
        sa.column("id", sa.Integer),
        sa.column("kind", sa.String),
        sa.column("title", sa.String),
        sa.column("body", sa.Text),
        sa.column("link", sa.String),
        sa.column("post_id", sa.Integer),
        sa.column("detail", sa.String),
    )
    posts = set(conn.execute(sa.text("SELECT id FROM posts")).scalars())
    rows = conn.execute(sa.select(notices.c.id, notices.c.kind, notices.c.title, notices.c.link))
    for notice_id, kind, title, link in rows.all():
        found = _POST_LINK.fullmatch(link or "")
        post_id = int(found.group(1)) if found and int(found.group(1)) in posts else None
        values = {}
        if kind in ("reply", "mention", "reaction"):
            values = {"title": "", "body": "", "link": None, "post_id": post_id}
            if kind == "reply":
                values["detail"] = "your_post" if "replied to your post" in title else "followed"
            elif kind == "reaction":
                reacted = _REACTED.search(title)
                values["detail"] = reacted.group(1) if reacted else "a reaction"
        elif kind == "report_outcome":
            values = {"body": "Thank you for looking out for the community."}
        elif post_id is not None:
            values = {"post_id": post_id, "link": None}
        if values:
            conn.execute(sa.update(notices).where(notices.c.id == notice_id).values(**values))


def downgrade():
    with op.batch_alter_table("notices") as batch:
        batch.drop_index("ix_notices_actor_id")
        batch.drop_index("ix_notices_post_id")
        batch.drop_constraint("fk_notices_actor_id_users", type_="foreignkey")
        batch.drop_constraint("fk_notices_post_id_posts", type_="foreignkey")
        batch.drop_column("detail")
        batch.drop_column("actor_id")
        batch.drop_column("post_id")
