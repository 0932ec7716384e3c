"""Pseudonyms get a skeleton (what they look like), and keys become NFKC and casefold only.

Sign-up now refuses a name that looks like a member's ("WiIdOrchard" beside "WildOrchard").
Members whose names look alike already keep them: each still signs in with their own name,
and the migration names them in its log (`flask accounts look-alikes` lists them again).

Revision ID: e1f3a5b7c9d1
Revises: d0e2f4a6b8c0
"""

import logging
import unicodedata
from itertools import groupby

import sqlalchemy as sa
from alembic import op
from confusable_homoglyphs import confusables

from forum.accounts.names import pseudonym_key, pseudonym_skeleton

revision = "e1f3a5b7c9d1"
down_revision = "d0e2f4a6b8c0"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")
users = sa.table(
    "users",
    sa.column("id", sa.Integer),
    sa.column("pseudonym", sa.String),
    sa.column("pseudonym_key", sa.String),
    sa.column("pseudonym_skeleton", sa.String),
)


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("pseudonym_skeleton", sa.String(length=255), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(sa.select(users.c.id, users.c.pseudonym).order_by(users.c.id)).all()
    _rekey(conn, {id_: (pseudonym_key(name), pseudonym_skeleton(name)) for id_, name in rows})
    with op.batch_alter_table("users") as batch:
        batch.alter_column("pseudonym_skeleton", existing_type=sa.String(255), nullable=False)
        batch.create_index("ix_users_pseudonym_skeleton", ["pseudonym_skeleton"], unique=False)
    _report_look_alikes(rows)


def _rekey(conn, keys: dict[int, tuple[str, str | None]]) -> None:
    """Write every member's key (and skeleton), by way of a placeholder, so that no two
    members hold one key at any moment: the column is unique."""
    if not keys:
        return
    update = sa.update(users).where(users.c.id == sa.bindparam("uid"))
    conn.execute(update, [{"uid": id_, "pseudonym_key": f"#{id_}"} for id_ in keys])
    rows = [{"uid": id_, "pseudonym_key": key} for id_, (key, _) in keys.items()]
    if any(skeleton is not None for _, skeleton in keys.values()):
        for row, (_, skeleton) in zip(rows, keys.values(), strict=True):
            row["pseudonym_skeleton"] = skeleton
    conn.execute(update, rows)


def _report_look_alikes(rows) -> None:
    by_look = sorted((pseudonym_skeleton(name), id_, name) for id_, name in rows)
    for _look, group in groupby(by_look, key=lambda row: row[0]):
        members = [f"{name} (#{id_})" for _, id_, name in group]
        if len(members) > 1:
            log.warning(
                "These members' names look alike: %s. They keep their names and each signs "
                "in with their own; new members can no longer choose such a name.",
                ", ".join(members),
            )


def downgrade():
    conn = op.get_bind()
    rows = conn.execute(sa.select(users.c.id, users.c.pseudonym)).all()
    with op.batch_alter_table("users") as batch:
        batch.drop_index("ix_users_pseudonym_skeleton")
        batch.drop_column("pseudonym_skeleton")
    _rekey(conn, {id_: (_earlier_key(name), None) for id_, name in rows})


def _earlier_key(name: str) -> str:
    """The key as the previous revision computed it: casefolded, each non-ASCII letter read
    as the ASCII letter or digit it is mistaken for."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    out = []
    for char in folded:
        found = [] if char.isascii() else confusables.is_confusable(char, greedy=True) or []
        ascii_glyphs = [
            glyph["c"].lower()
            for entry in found
            for glyph in entry["homoglyphs"]
            if len(glyph["c"]) == 1 and glyph["c"].isascii() and glyph["c"].isalnum()
        ]
        out.append(ascii_glyphs[0] if ascii_glyphs else char)
    return "".join(out)
