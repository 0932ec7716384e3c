"""The PostgreSQL engine: post_search's weighted tsvector, websearch_to_tsquery and ts_headline."""

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import sqlalchemy as sa
from flask import Flask
from markupsafe import Markup
from sqlalchemy.dialects.postgresql import insert

from forum.extensions import db
from forum.posts.models import Post, Thread, ThreadKind
from forum.posts.visibility import readable_posts_filter
from forum.search.engine.base import (
    MARK_END,
    MARK_START,
    RANK_POOL,
    TOTAL_CAP,
    DocSource,
    Hits,
    PostDoc,
    SearchEngine,
    highlight,
)
from forum.search.engine.pg_languages import config_of, in_every_language, readings_of
from forum.search.models import PostSearch
from forum.search.parse import SearchQuery

# Any number will do, as long as nothing else in the database uses it.
_LOCK_KEY = 0x4E415254
# Candidates are read among the newest this many posts first (see search()).
WINDOW = 100_000
_HEADLINE = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=40, MinWords=20, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def _row(doc: PostDoc) -> dict:
    return {
        "post_id": doc.id,
        "title": doc.title,
        "body": doc.body,
        "language": doc.language,
        "signature": doc.signature,
    }


class PostgresEngine(SearchEngine):
    """Filters and visibility are read from the posts, threads and boards themselves; only the
    words live in post_search."""

    name = "postgres"

    def __init__(self, app: Flask):
        self.app = app
        self._stats_cache: tuple[float, dict[str, float], float] | None = None

    @contextmanager
    def locked(self) -> Iterator[bool]:
        with db.engine.connect() as conn:
            got = conn.scalar(sa.select(sa.func.pg_try_advisory_lock(_LOCK_KEY)))
            conn.commit()
            try:
                yield bool(got)
            finally:
                if got:
                    conn.execute(sa.select(sa.func.pg_advisory_unlock(_LOCK_KEY)))
                    conn.commit()

    def write(self, docs: list[PostDoc], forget: Iterable[int], purge: bool = False) -> None:
        # A post's row is replaced in place: no word of an older version stays to purge.
        with db.engine.begin() as conn:
            forget = list(forget)
            if forget:
                conn.execute(sa.delete(PostSearch).where(PostSearch.post_id.in_(forget)))
            if docs:
                stmt = insert(PostSearch).values([_row(d) for d in docs])
                stmt = stmt.on_conflict_do_update(
                    index_elements=[PostSearch.post_id],
                    set_={c: stmt.excluded[c] for c in ("title", "body", "language", "signature")},
                )
                conn.execute(stmt)

    def replace_all(self, sources: list[DocSource], progress=None) -> int:
        count = 0
        # One transaction: searches see the old rows until the new ones are complete.
        with db.engine.begin() as conn:
            conn.execute(sa.delete(PostSearch))
            for batch in (b for source in sources for b in source()):
                if batch:
                    conn.execute(sa.insert(PostSearch), [_row(d) for d in batch])
                count += len(batch)
                if progress:
                    progress(len(batch))
        # VACUUM moves the GIN index's pending list (every row just written) into the index
        # proper, which each search would otherwise read through (measured at 20,000 posts:
        # a rare word in 65 ms instead of 6), and drops the old rows; ANALYZE gives fresh
        # statistics, without which the planner scanned every row (70 ms instead of 6).
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE post_search"))
        return count

    def signatures(self) -> dict[int, str]:
        with db.engine.connect() as conn:
            return dict(conn.execute(sa.select(PostSearch.post_id, PostSearch.signature)).all())

    def _tsquery(self, q: SearchQuery):
        return in_every_language(lambda config: sa.func.websearch_to_tsquery(config, q.websearch()))

    def _loose(self, q: SearchQuery):
        """Every word of the query, phrases or not, and none of the excluded: the GIN index
        answers this exactly, without reading any row's positions."""
        words = list(q.words) + [w for p in q.phrases for w in p]

        def loose(config):
            found = sa.func.plainto_tsquery(config, " ".join(words))
            if q.excluded:
                excluded = " ".join("-" + w for w in q.excluded)
                found = found.op("&&")(sa.func.websearch_to_tsquery(config, excluded))
            return found

        return in_every_language(loose)

    def search(self, q: SearchQuery, filters: dict, public_only: bool, per_page: int) -> Hits:
        if q.is_empty:
            return Hits([], 0)
        where = self._filters(q, filters, public_only)
        offset = (q.page - 1) * per_page
        if q.sort == "newest" or not q.has_terms:
            found = sa.select(Post.id).join(Post.thread).join(Thread.board).where(*where)
            if q.has_terms:
                found = found.join(PostSearch, PostSearch.post_id == Post.id)
                found = found.where(PostSearch.search_vector.op("@@")(self._tsquery(q)))
            page = found.order_by(Post.created_at.desc(), Post.id.desc())
            ids = list(db.session.scalars(page.limit(per_page).offset(offset)))
            return Hits(ids, *self._count(found))
        need = max(RANK_POOL, TOTAL_CAP + 1, offset + per_page)
        # A filter chosen may pass few of the candidates: then more are read, only as long as
        # the page is short (the count then says "more than" what passed). The candidates are
        # looked for among the newest WINDOW posts first, further back only if the page is
        # short: a rare word's matches all over a big table cost a heap read each.
        limit: int | None = need + per_page
        top = db.session.scalar(sa.select(sa.func.max(PostSearch.post_id))) or 0
        window = WINDOW
        while True:
            # A window leaving out fewer posts than it holds is not worth a second query.
            floor = top - window if top > 2 * window else 0
            walk = self._walk(q, limit, top - floor)
            rows, candidates = self._ranked(q, where, need, limit, floor, walk, offset, per_page)
            cut = limit is not None and candidates >= limit
            if len(rows) >= per_page or not (cut or floor > 0):
                break
            if cut:
                limit = limit * 8 if limit < need * 64 else None
            else:
                window *= 8
        if not rows:
            return Hits([], 0)
        total = rows[0][1]
        more = total > TOTAL_CAP or cut or floor > 0
        return Hits([r[0] for r in rows], min(total, TOTAL_CAP), more=more)

    def _walk(self, q: SearchQuery, limit: int | None, rows: int) -> bool:
        """Whether to find the candidates by walking post_search backwards (checking each
        row's words) rather than through the GIN index (reading each match's row).

        The planner prices checking a row's words far below what it costs, and walks back
        through 30,000 rows for a word in 3% of the posts. Walking reads about
        limit / share rows, the index about share * rows; the share of rows holding every
        word is at most that of its rarest word in the column's statistics."""
        if limit is None:
            return False
        share = self._share(q)
        return limit / share * 2.5 < share * rows * 4

    def _share(self, q: SearchQuery) -> float:
        known, least = self._stats()
        words = " ".join(list(q.words) + [w for p in q.phrases for w in p])
        # A post matches in one language or another: at most the sum of each language's
        # rarest word's share (once, where the languages read the words alike).
        readings = readings_of(db.session, words)
        return min(1.0, sum(min((known.get(x, least) for x in r), default=least) for r in readings))

    def _stats(self) -> tuple[dict[str, float], float]:
        """The share of rows holding each of the commonest words (ANALYZE's statistics), and
        the least of those shares (any other word is rarer); read every ten minutes."""
        now = time.monotonic()
        if self._stats_cache is None or now - self._stats_cache[0] > 600:
            row = db.session.execute(
                sa.text(
                    "SELECT most_common_elems::text::text[], most_common_elem_freqs"
                    " FROM pg_stats WHERE tablename = 'post_search'"
                    " AND attname = 'search_vector'"
                )
            ).first()
            words, shares = (row[0] or [], row[1] or []) if row else ([], [])
            known = dict(zip(words, shares, strict=False))
            least = min(known.values(), default=0.001)
            self._stats_cache = (now, known, least)
        return self._stats_cache[1], self._stats_cache[2]

    def _ranked(self, q: SearchQuery, where: list, need: int, limit, floor, walk, offset, per_page):
        """The page of the best matches among the newest `need` or so, with how many of them
        there are, and how many candidates were read (at most `limit`, with ids above
        `floor`).

        Ranking reads every candidate's vector: a word in half the posts would rank tens of
        thousands of rows for one page. The candidates are the newest `limit` rows of
        post_search holding every word (walked backwards on its key, or found by the GIN
        index if the words are rare), before any join; only they are checked for phrases
        (`<->` reads the positions of each row), joined to their posts for visibility and
        the filters, and the newest `need` of those ranked.
        """
        tsq = self._tsquery(q)
        candidates = (
            sa.select(PostSearch.post_id.label("pid"))
            .where(PostSearch.search_vector.op("@@")(self._loose(q)), PostSearch.post_id > floor)
            # "+ 0": not in the key's order, so the planner takes the GIN index.
            .order_by(PostSearch.post_id.desc() if walk else (PostSearch.post_id + 0).desc())
            .limit(limit)
            .cte("candidates")
        )
        pool = (
            # The candidates are ids only (sorting their vectors cost a third of the search);
            # the vectors are read again by key for them alone.
            sa.select(Post.id.label("id"), PostSearch.search_vector.label("vector"))
            .select_from(candidates)
            .join(PostSearch, PostSearch.post_id == candidates.c.pid)
            .join(Post, Post.id == candidates.c.pid)
            .join(Post.thread)
            .join(Thread.board)
            .where(PostSearch.search_vector.op("@@")(tsq), *where)
            .order_by(Post.id.desc())
            .limit(need)
            .subquery("pool")
        )
        read = sa.select(sa.func.count()).select_from(candidates).scalar_subquery()
        rank = sa.func.ts_rank_cd(pool.c.vector, tsq)
        page = sa.select(pool.c.id, sa.func.count().over(), read.label("read"))
        page = page.order_by(rank.desc(), pool.c.id.desc()).limit(per_page).offset(offset)
        rows = db.session.execute(page).all()
        if rows:
            return [(r[0], r[1]) for r in rows], rows[0][2]
        return [], db.session.scalar(sa.select(read))

    @staticmethod
    def _count(found: sa.Select) -> tuple[int, bool]:
        """How many match, counted no further than TOTAL_CAP: every match is never read."""
        capped = found.limit(TOTAL_CAP + 1).subquery()
        total = db.session.scalar(sa.select(sa.func.count()).select_from(capped)) or 0
        return min(total, TOTAL_CAP), total > TOTAL_CAP

    @staticmethod
    def _filters(q: SearchQuery, filters: dict, public_only: bool) -> list:
        where = [readable_posts_filter(None)] if public_only else []
        if filters.get("board") is not None:
            where.append(Thread.board_id == filters["board"])
        if filters.get("author") is not None:
            where.append(Post.author_id == filters["author"])
        if q.kind == "reply":
            where.append(Post.is_opening.is_(False))
        elif q.kind:
            kind = ThreadKind.MILESTONE if q.kind == "milestone" else ThreadKind.STORY
            where += [Post.is_opening.is_(True), Thread.kind == kind]
        if q.after:
            where.append(Post.created_at >= q.after_time)
        if q.before:
            where.append(Post.created_at < q.before_time)
        return where

    def snippets(
        self, q: SearchQuery, texts: dict[int, str], languages: dict[int, str] | None = None
    ) -> dict[int, Markup]:
        """ts_headline over the page's rows only, on the text just read from the posts."""
        if not texts or not q.has_terms:
            return {pid: highlight(text, []) for pid, text in texts.items()}
        languages = languages or {}
        rows = sa.values(
            sa.column("n", sa.Integer),
            sa.column("t", sa.Text),
            sa.column("lang", sa.String),
            name="page_rows",
        )
        rows = rows.data([(pid, text, languages.get(pid, "en")) for pid, text in texts.items()])
        # Each post's words are marked as its own language reads them.
        config = config_of(rows.c.lang)
        headline = sa.func.ts_headline(config, rows.c.t, self._tsquery(q), _HEADLINE)
        lines = db.session.execute(sa.select(rows.c.n, headline)).all()
        return {pid: _marked(line) for pid, line in lines}


def _marked(line: str) -> Markup:
    """Escape the headline, then turn the markers (never in indexed text) into <mark>."""
    escaped = str(Markup.escape(line))
    return Markup(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))
