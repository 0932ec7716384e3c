"""The search outbox (changes waiting for the index) and the PostgreSQL backend's text table."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, deferred, mapped_column
from sqlalchemy.sql.expression import ColumnElement

from forum.extensions import db
from forum.timeutil import utcnow


class SearchOutbox(db.Model):
    """A post whose search entry must be written again; written in the changing transaction."""

    __tablename__ = "search_outbox"
    shown_to_readers = False

    id: Mapped[int] = mapped_column(primary_key=True)
    # No foreign key: the row must outlive a post that was deleted, so that it leaves the index.
    post_id: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The moderators redacted the post: the index must rewrite whatever still holds the
    # words of its replaced versions, not only write the post again.
    purge: Mapped[bool] = mapped_column(default=False, server_default=sa.false())


class _WeightedVector(ColumnElement):
    """The expression of post_search.search_vector: a weighted tsvector on PostgreSQL.

    Other databases never use the PostgreSQL backend; there the column is a plain NULL, so
    that one model (and one migration) describes every database.
    """

    inherit_cache = True
    type = sa.Text()


@compiles(_WeightedVector)
def _vector_elsewhere(element, compiler, **kw) -> str:
    return "NULL"


# The text search configuration that reads each language of forum.posts.languages; any
# other language is read as English. A change here needs a migration that remakes the column.
PG_CONFIGS = {"en": "english", "es": "spanish"}
CONFIG_SQL = (
    "CASE language "
    + " ".join(
        f"WHEN '{code}'::text THEN '{name}'::regconfig"
        for code, name in PG_CONFIGS.items()
        if code != "en"
    )
    + " ELSE 'english'::regconfig END"
)
# Written as PostgreSQL reflects it back (but for line breaks), so that autogenerate sees no
# difference.
VECTOR_SQL = (
    f"(setweight(to_tsvector({CONFIG_SQL}, title), 'A'::\"char\")"
    f" || setweight(to_tsvector({CONFIG_SQL}, body), 'B'::\"char\"))"
)


@compiles(_WeightedVector, "postgresql")
def _vector_on_postgresql(element, compiler, **kw) -> str:
    return VECTOR_SQL


class PostSearch(db.Model):
    """The PostgreSQL backend's copy of a post's words, kept from the outbox like the Whoosh one.

    A generated column cannot read the thread's title from another table, hence this copy.
    """

    __tablename__ = "post_search"
    shown_to_readers = False
    __table_args__ = (sa.Index("ix_post_search_vector", "search_vector", postgresql_using="gin"),)

    post_id: Mapped[int] = mapped_column(
        sa.ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True
    )
    title: Mapped[str] = mapped_column(sa.Text)
    body: Mapped[str] = mapped_column(sa.Text)
    # The post's language (forum.posts.languages), which picks the configuration above.
    language: Mapped[str] = mapped_column(sa.String(8), server_default="en")
    # A digest of what was indexed, so that `search check` can tell a stale entry.
    signature: Mapped[str] = mapped_column(sa.String(32))
    search_vector = deferred(
        sa.Column(
            sa.Text().with_variant(postgresql.TSVECTOR(), "postgresql"),
            sa.Computed(_WeightedVector(), persisted=True),
        )
    )
