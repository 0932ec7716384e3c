"""The embedded engine: a Whoosh index in the instance folder, written by one drainer at a time."""

import fcntl
import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from markupsafe import Markup
from whoosh import index, query, writing
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import BOOLEAN, DATETIME, ID, STORED, TEXT, Schema

from forum.search.index import Hits, PostDoc, SearchEngine, highlight
from forum.search.query import SearchQuery

ANALYZER = StemmingAnalyzer()


def make_schema() -> Schema:
    # Only what search needs is stored: the id (results are ids) and the signature (check).
    return Schema(
        id=ID(stored=True, unique=True),
        thread=ID,
        board=ID,
        author=ID,
        kind=ID,
        public=BOOLEAN,
        created=DATETIME(sortable=True),
        title=TEXT(analyzer=ANALYZER, field_boost=2.0),
        body=TEXT(analyzer=ANALYZER, spelling=True),
        sig=STORED,
    )


def _fields(doc: PostDoc) -> dict:
    return {
        "id": str(doc.id),
        "thread": str(doc.thread_id),
        "board": str(doc.board_id),
        "author": str(doc.author_id or ""),
        "kind": doc.kind,
        "public": doc.public,
        "created": doc.created_at,
        "title": doc.title,
        "body": doc.body,
        "sig": doc.signature,
    }


def tokens(text: str) -> list[str]:
    return [t.text for t in ANALYZER(text)]


def _either(make) -> query.Query:
    return query.Or([make("title"), make("body")])


def _word_query(word: str) -> query.Query | None:
    stems = tokens(word)
    if not stems:
        return None  # a stop word alone
    if len(stems) == 1:
        return _either(lambda f: query.Term(f, stems[0]))
    return _either(lambda f: query.Phrase(f, stems))


def build_query(q: SearchQuery) -> query.Query | None:
    """Every word (in the title or the body), every phrase, none of the excluded words."""
    parts = [_word_query(w) for w in q.words]
    parts += [_word_query(" ".join(p)) for p in q.phrases]
    parts = [p for p in parts if p is not None]
    if not parts:
        if not q.has_filters:
            return None
        parts = [query.Every()]
    found: query.Query = query.And(parts) if len(parts) > 1 else parts[0]
    excluded = [p for p in (_word_query(w) for w in q.excluded) if p is not None]
    if excluded:
        found = query.AndNot(found, query.Or(excluded))
    return found


def build_filter(q: SearchQuery, filters: dict, public_only: bool) -> query.Query | None:
    parts: list[query.Query] = []
    if public_only:
        parts.append(query.Term("public", True))
    for name in ("board", "author"):
        if filters.get(name) is not None:
            parts.append(query.Term(name, str(filters[name])))
    if q.kind:
        parts.append(query.Term("kind", q.kind))
    if q.after or q.before:
        parts.append(query.DateRange("created", q.after_time, q.before_time, endexcl=True))
    return query.And(parts) if parts else None


class WhooshEngine(SearchEngine):
    name = "whoosh"

    def __init__(self, directory: str):
        self.directory = Path(directory)
        self._ix = None
        self._searcher = None
        self._guard = threading.Lock()

    # --- the index folder ---------------------------------------------------------------

    def _open(self):
        if self._ix is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            # Several workers may start at once: one creates, the others wait and open.
            with open(self.directory / "create.lock", "a") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                if not index.exists_in(str(self.directory)):
                    index.create_in(str(self.directory), make_schema())
                self._ix = index.open_dir(str(self.directory))
        return self._ix

    @contextmanager
    def locked(self) -> Iterator[bool]:
        self.directory.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.directory / "drain.lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            yield True
        finally:
            os.close(fd)  # closing releases the lock, as a killed process's exit does

    def _writer(self):
        # The drain lock is held, so Whoosh's own lock is free but for a crashed writer's
        # leftovers, which a short wait outlives.
        return self._open().writer(timeout=5.0)

    def searcher(self):
        """This worker's searcher, refreshed to the newest commit."""
        with self._guard:
            if self._searcher is None:
                self._searcher = self._open().searcher()
            elif not self._searcher.up_to_date():
                # A new searcher, not refresh(): whoosh-reloaded 2.7.5's refresh() keeps the
                # replaced segments, so updated posts would show twice.
                self._searcher = self._open().searcher()
            return self._searcher

    # --- writing ------------------------------------------------------------------------

    def write(self, docs: list[PostDoc], forget: Iterable[int]) -> None:
        writer = self._writer()
        try:
            for post_id in forget:
                writer.delete_by_term("id", str(post_id))
            for doc in docs:
                writer.update_document(**_fields(doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def replace_all(self, batches: Iterable[list[PostDoc]], progress=None) -> int:
        writer = self._open().writer(timeout=30.0, limitmb=128)
        count = 0
        try:
            for batch in batches:
                for doc in batch:
                    writer.add_document(**_fields(doc))
                count += len(batch)
                if progress:
                    progress(len(batch))
        except BaseException:
            writer.cancel()
            raise
        # CLEAR drops every older segment in the same commit: readers switch at once.
        writer.commit(mergetype=writing.CLEAR)
        return count

    def signatures(self) -> dict[int, str]:
        return {int(f["id"]): f["sig"] for f in self.searcher().all_stored_fields()}

    # --- reading ------------------------------------------------------------------------

    def search(self, q: SearchQuery, filters: dict, public_only: bool, per_page: int) -> Hits:
        found = build_query(q)
        if found is None:
            return Hits([], 0)
        searcher = self.searcher()
        kwargs = {"filter": build_filter(q, filters, public_only)}
        if q.sort == "newest" or not q.has_terms:
            kwargs.update(sortedby="created", reverse=True)
        page = searcher.search_page(found, q.page, pagelen=per_page, **kwargs)
        if page.pagenum != q.page:
            return Hits([], page.total)  # past the last page
        return Hits([int(hit["id"]) for hit in page], page.total)

    def snippets(self, q: SearchQuery, texts: dict[int, str]) -> dict[int, Markup]:
        wanted = {s for w in q.words for s in tokens(w)}
        wanted |= {s for p in q.phrases for s in tokens(" ".join(p))}
        out = {}
        for post_id, text in texts.items():
            spans = [
                (t.startchar, t.endchar) for t in ANALYZER(text, chars=True) if t.text in wanted
            ]
            out[post_id] = highlight(text, spans)
        return out

    def suggest(self, word: str) -> list[str]:
        corrector = self.searcher().corrector("body")
        return [s for s in corrector.suggest(word.lower(), limit=3) if s != word.lower()]
